/**
 * What each simulated trainee says in the load benchmark: the `late-disbursement` persona in
 * Traditional Chinese (the costliest locale to score), and the four replies of its own
 * "calms down" test, which take the customer through every complaint step to `resolved`.
 * A real conversation, so the server does all its work per turn: scoring, the customer's
 * step, storing both turns, and the ending and report on the fourth.
 */
export const PERSONA_ID = 'late-disbursement';
export const LOCALE = 'zh-Hant';

export const TRAINEE_LINES: readonly string[] = [
  '陳先生，讓您等了這麼久，真的很抱歉。您是說兩週前就核准了，說好三個工作天撥款，到現在還沒收到，對嗎？這件事我來幫您處理。',
  '我幫您查一下案件狀態。可以跟我說說這段時間我們有沒有人跟您聯絡過補件的事？',
  '我查到了，您補的收入證明沒有被登錄，是我們的疏失。我現在就幫您補登資料，並幫您申請今天優先處理撥款。',
  '我今天下午四點前打電話給您，告訴您確定的撥款時間。',
];
