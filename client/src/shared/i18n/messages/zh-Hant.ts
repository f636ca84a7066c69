/** 所有頁面共用的介面文字（框架、登入、錯誤、評分項目、情緒、連線）：繁體中文。鍵與 en.ts 相同，少一個或多一個都無法通過型別檢查。 */
import type { Catalogue } from '../message.ts';
import type { SharedKey } from './en.ts';

export const sharedZhHant: Catalogue<SharedKey> = {
  'app.name': 'Sparring 對練',
  'app.skip': '跳到主要內容',
  'app.loading': '正在載入…',
  'app.loadFailed': '頁面無法載入，請檢查網路後重新載入。',
  'app.reload': '重新載入',
  'nav.language': '介面語言',
  'nav.signOut': '登出',
  'nav.signedInAs': '已登入：{name}',

  'error.network': '連不上伺服器，請檢查網路後再試一次。',
  'error.generic': '出了點問題：{message}',
  'error.limit_reached': '未完成的對話太多了，請先繼續或結束其中一個。',
  'error.not_found': '找不到這個項目，可能已被移除。',
  'error.forbidden': '這個帳號沒有這項權限。',
  'error.timeout': '伺服器沒有及時回應，請再試一次。',

  'login.title': '登入',
  'login.intro': '和模擬客戶練習困難的對話，看清楚每一句回覆帶來的效果。',
  'login.username': '帳號',
  'login.password': '密碼',
  'login.submit': '登入',
  'login.submitting': '登入中…',
  'login.unauthorized': '帳號或密碼錯誤。',
  'login.tooManyAttempts': '失敗次數太多，請稍後再試。',

  'criterion.empathy': '同理心',
  'criterion.active_listening': '積極傾聽',
  'criterion.plain_language': '淺白用語',
  'criterion.complaint_process': '流程步驟',
  'criterion.conduct': '合規言行',

  'mood.title': '客戶情緒',
  'mood.anger': '怒氣',
  'mood.trust': '信任',
  'mood.confusion': '困惑',
  'mood.chartTurn': '輪次',
  'mood.chartSummary': '怒氣從 {angerStart} 變為 {angerEnd}，信任從 {trustStart} 變為 {trustEnd}，困惑從 {confusionStart} 變為 {confusionEnd}。',

  'connection.offline': '已離線，正在重新連線…你寫的內容不會遺失，連線恢復後會送出。',
  'connection.connecting': '連線中…',
  'connection.resuming': '已恢復連線，正在同步…',
};
