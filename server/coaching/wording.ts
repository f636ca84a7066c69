/**
 * What the coaching suggestions say beyond what the rubric says of each signal (its
 * `coaching`: the keep line of a good signal, the stop line of a bad one): keep when no
 * signal earns praise, start (the most important thing missing, per scenario) and stop when
 * nothing went wrong. The order of each list is the order of importance; suggestions.ts only
 * picks a line and fills in the trainee's own words. Chinese is written once, in
 * Traditional, and shown in the session's own script, as the rubric's feedback is.
 *
 * `{evidence}` is a short piece of what the trainee said; `{suggestion}` a plainer word the
 * rubric knows for a jargon term. The tone is the one the trainee is taught to use with a
 * customer: specific, calm, never blaming.
 */
import type { ComplaintStep, Scenario } from '../scoring/types.ts';

export interface Words {
  en: string;
  /** Traditional Chinese; Simplified is derived. */
  zh: string;
}

// ---- keep: beyond the praise one signal earns ----

/** A complaint taken through all four steps in order: praised before any single signal. */
export const KEEP_ALL_STEPS: Words = {
  en: 'Keep taking a complaint through all four steps, as you did here, right up to "{evidence}": accept it, check the facts, agree a remedy, follow up.',
  zh: '繼續把投訴的四個步驟走完，像這次一直做到「{evidence}」：受理、調查、協商、跟進。',
};

/** Nothing positive detected, but nothing blaming or unlawful either. */
export const KEEP_CIVIL: Words = {
  en: 'Keep your calm, civil tone: nothing you said blamed or pressured the customer. Build on it by naming their feeling next time.',
  zh: '保持平和有禮的語氣：您沒有責怪或逼迫客戶。下次在這個基礎上，先說出客戶的感受。',
};

/** Nothing to praise this time. */
export const KEEP_NOTHING: Words = {
  en: 'Nothing stood out to keep yet; that is what practice is for. Put your effort into the one thing to start.',
  zh: '這次還沒有特別突出的地方，這正是練習的意義。先專心做好要開始做的那一件事。',
};

// ---- start: the most important thing missing, per scenario ----

export type Gap =
  | `step.${ComplaintStep}`
  | 'steps_in_order'
  | 'emotion'
  | 'reflection'
  | 'open_question'
  | 'open_question_need'
  | 'open_question_reason'
  | 'options'
  | 'payment_date'
  | 'interpretation';

/**
 * What to look for first in each scenario. `steps` stands for the complaint procedure: the
 * first step never reached, or the steps out of order.
 */
export const START_ORDER: Record<Scenario, ReadonlyArray<Gap | 'steps'>> = {
  complaint: ['steps', 'emotion', 'reflection', 'open_question', 'interpretation'],
  // A borrower behind on payments: find out why, show you see the hardship, then a way to pay.
  collection: ['open_question_reason', 'emotion', 'options', 'payment_date', 'reflection', 'interpretation'],
  // Someone else answers the borrower's phone: find out who, disclose nothing, leave a message.
  third_party: ['reflection', 'emotion'],
  // Someone applying: find the real need, from the general to the specific.
  application: ['open_question_need', 'reflection', 'emotion', 'interpretation'],
  general: ['emotion', 'reflection', 'open_question', 'interpretation'],
};

export const START: Record<Gap, Words> = {
  'step.acknowledge': {
    en: 'Start by taking the complaint on: apologise and say you will handle it yourself, e.g. "I\'m sorry for the trouble; I\'ll look after this for you."',
    zh: '先受理投訴：道歉，並說明由您負責處理，例如「給您添麻煩了，非常抱歉，這件事我來幫您處理」。',
  },
  'step.investigate': {
    en: 'Start checking the facts once you have taken the complaint on: ask for the reference number or the date, or say you will look the account up.',
    zh: '受理之後要調查：問清申請編號和日期，或告訴客戶您會查一下記錄。',
  },
  'step.negotiate': {
    en: 'Start offering a remedy: this complaint stopped at the facts. Give the customer options they can choose from.',
    zh: '接著要協商：這次投訴停在了解事實，沒有提出解決辦法。給客戶幾個可以選擇的方案。',
  },
  'step.follow_up': {
    en: 'Start closing with a follow-up: say when and how you will get back to the customer, e.g. "I\'ll call you with the result by 5 pm tomorrow."',
    zh: '最後要跟進：說清楚什麼時間、用什麼方式回覆客戶，例如「明天下午五點前我打電話告訴您結果」。',
  },
  steps_in_order: {
    en: 'Start taking the complaint steps in order: check the facts before you offer a remedy, and promise a follow-up last.',
    zh: '按順序處理投訴：先核實事實，再提出解決辦法，最後承諾跟進。',
  },
  emotion: {
    en: 'Start by acknowledging how the customer feels before you turn to the facts, e.g. "I understand how worrying this is."',
    zh: '先回應客戶的感受，再談事情，例如「我理解您的擔心」。',
  },
  reflection: {
    en: 'Start repeating the customer\'s key facts back to them, e.g. "So you applied two weeks ago and the money hasn\'t arrived, is that right?"',
    zh: '開始複述客戶說的關鍵事實，例如「您是說兩週前提交的申請，到現在還沒收到款，對嗎？」',
  },
  open_question: {
    en: 'Start asking at least one open question, such as "Could you tell me what happened?", so the customer can explain in their own words.',
    zh: '至少問一個開放式問題，例如「能說說當時的情況嗎？」，讓客戶用自己的話說明。',
  },
  open_question_need: {
    en: 'Start with open questions to find the real need, from the general ("What is the loan for?") to the specific: when, and how much.',
    zh: '用開放式問題找出真正的需要，從大方向（「您需要哪類貸款？」）問到具體的用途、時間和金額。',
  },
  open_question_reason: {
    en: 'Start by asking what has changed, e.g. "Could you tell me what has made the payments hard lately?", before you talk about the arrears.',
    zh: '先問問發生了什麼變化，例如「能說說最近還款遇到了什麼困難嗎？」，再談逾期的事。',
  },
  options: {
    en: 'Start offering ways to pay: part of it now, or a new schedule, so the borrower has something they can actually agree to.',
    zh: '給客戶還款的選擇：先還一部分，或調整還款計劃，讓客戶有做得到的方案。',
  },
  payment_date: {
    en: 'Start closing with a concrete next step: agree the amount and date of the next payment, and when you will call again.',
    zh: '最後約定具體的下一步：下次還多少、哪天還，以及您什麼時候再聯繫。',
  },
  interpretation: {
    en: 'Next, say what the problem means for the customer\'s life or business, e.g. "With the school fees due, this delay really hurts."',
    zh: '下一步，說出這件事對客戶生活或生意的影響，例如「孩子的學費確實耽誤不得」。',
  },
};

/** Every gap covered. */
export const START_HARDER: Words = {
  en: 'Start on a harder persona: everything this one needed was there. Try it next with the mood gauge hidden.',
  zh: '可以挑戰更難的角色了：這次該做的都做到了。下次試試隱藏情緒指示。',
};

// ---- stop: when the trainee did nothing the rubric corrects ----

/** No fault found: a gentle line for next time, per scenario. */
export const NOTHING_TO_STOP: Record<Scenario, Words> = {
  complaint: {
    en: 'Nothing to stop: no faults this time. Next time, keep the same calm tone even when the customer threatens to go to the regulator.',
    zh: '這次沒有需要改掉的地方。下次客戶說要向監管部門投訴時，也保持同樣平和的語氣。',
  },
  collection: {
    en: 'Nothing to stop: no pressure and no threats this time. Next time, keep it that way even when the borrower makes excuses.',
    zh: '這次沒有需要改掉的地方，沒有施壓，也沒有威脅。下次借款人推託時，也要保持這樣的文明催收。',
  },
  third_party: {
    en: 'Nothing to stop: nothing about the account was disclosed. Next time, keep the message to a name, a number and a time.',
    zh: '這次沒有需要改掉的地方，沒有透露任何帳務資訊。下次留言也只留姓名、電話和時間。',
  },
  application: {
    en: 'Nothing to stop: no faults this time. Next time, keep explaining the rate and the repayments in the customer\'s own words.',
    zh: '這次沒有需要改掉的地方。下次也繼續用客戶聽得懂的話解釋利息和還款。',
  },
  general: {
    en: 'Nothing to stop: no faults this time. Next time, keep the same calm, plain way of speaking.',
    zh: '這次沒有需要改掉的地方。下次繼續保持平和、易懂的說法。',
  },
};

// ---- a session that ended before the trainee said anything ----

export const NO_REPLY: Record<'keep' | 'start' | 'stop', Words> = {
  keep: {
    en: 'Nothing to keep yet: the session ended before your first reply.',
    zh: '還沒有可以保留的地方：您還沒回覆，練習就結束了。',
  },
  start: {
    en: 'Start by answering the customer: acknowledge the feeling, then ask what happened.',
    zh: '先回應客戶：回應對方的感受，再問問發生了什麼事。',
  },
  stop: {
    en: 'Nothing to stop: there was no reply to look at.',
    zh: '沒有回覆，也就沒有需要改掉的地方。',
  },
};
