/** 所有页面共用的界面文字（框架、登录、错误、评分项目、情绪、连接）：简体中文。键与 en.ts 相同，少一个或多一个都通不过类型检查。 */
import type { Catalogue } from '../message.ts';
import type { SharedKey } from './en.ts';

export const sharedZhHans: Catalogue<SharedKey> = {
  'app.name': 'Sparring 对练',
  'app.skip': '跳到主要内容',
  'app.loading': '正在加载…',
  'app.loadFailed': '页面没能加载，请检查网络后重新加载。',
  'app.reload': '重新加载',
  'nav.language': '界面语言',
  'nav.signOut': '退出登录',
  'nav.signedInAs': '已登录：{name}',

  'error.network': '连不上服务器，请检查网络后重试。',
  'error.generic': '出了点问题：{message}',
  'error.limit_reached': '未完成的对话太多了，请先继续或结束其中一个。',
  'error.not_found': '找不到该项目，可能已被删除。',
  'error.forbidden': '该账号没有这项权限。',
  'error.timeout': '服务器没有及时响应，请重试。',

  'login.title': '登录',
  'login.intro': '和模拟客户练习困难的对话，看清每一句回复带来的效果。',
  'login.username': '用户名',
  'login.password': '密码',
  'login.submit': '登录',
  'login.submitting': '登录中…',
  'login.unauthorized': '用户名或密码错误。',
  'login.tooManyAttempts': '失败次数太多，请稍后再试。',

  'criterion.empathy': '同理心',
  'criterion.active_listening': '积极倾听',
  'criterion.plain_language': '通俗表达',
  'criterion.complaint_process': '流程步骤',
  'criterion.conduct': '合规言行',

  'mood.title': '客户情绪',
  'mood.anger': '怒气',
  'mood.trust': '信任',
  'mood.confusion': '困惑',
  'mood.chartTurn': '轮次',
  'mood.chartSummary': '怒气从 {angerStart} 变为 {angerEnd}，信任从 {trustStart} 变为 {trustEnd}，困惑从 {confusionStart} 变为 {confusionEnd}。',

  'connection.offline': '已离线，正在重新连接…你写的内容不会丢失，连接恢复后会发送。',
  'connection.connecting': '正在连接…',
  'connection.resuming': '已恢复连接，正在同步…',
};
