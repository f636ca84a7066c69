// Each call is judged by its own scenario's process (server/scoring/process.ts, summary.ts):
// the report's `process` per scenario in every language, step signals that fire only in their
// own scenario, order and missing steps, the whole-call step no_disclosure, and a call whose
// scenario has no process.
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DEFAULT_RUBRIC_ID, RUBRICS_DIR, loadDefaultRubric, readRubricFile } from '../../server/dataFiles/loadRubric.ts';
import { scoreTranscript } from '../../server/scoring/engine.ts';
import { compileRubric, type CompiledRubric } from '../../server/scoring/rubric/compile.ts';
import { createScorer } from '../../server/scoring/scorer.ts';
import { RubricFile } from '../../server/scoring/rubric/schema.ts';
import type { Locale, Scenario, ScoreReport } from '../../server/scoring/types.ts';

const rubric = loadDefaultRubric();

type Line = [role: 'customer' | 'trainee', text: string];

function score(locale: Locale, scenario: Scenario | undefined, lines: Line[], r: CompiledRubric = rubric): ScoreReport {
  return scoreTranscript(r, { locale, ...(scenario ? { scenario } : {}), turns: lines.map(([role, text]) => ({ role, text })) });
}

const COLLECTION: Record<Locale, Line[]> = {
  en: [
    ['customer', 'Hello?'],
    ['trainee', 'Good morning Mr. Sun, this is Alice from Eastbank. Could you confirm your date of birth, please?'],
    ['customer', 'Fourth of May, 1980.'],
    ['trainee', "Thank you. I'm calling about your car loan instalment of 2,240 yuan that's now twelve days overdue."],
    ['customer', 'Yes, I know.'],
    ['trainee', "Can you tell me what's been happening?"],
    ['customer', 'I lost a contract last month.'],
    ['trainee', 'I see. You could pay 1,000 now and the rest with next month, or we can move this payment to the end of the loan.'],
    ['customer', "I'll take the first one. 1,000 on Friday."],
    ['trainee', "Right, so 1,000 on Friday the 28th, I'll note that."],
    ['customer', 'OK.'],
    ['trainee', "I'll send you a text today with the dates and amounts."],
  ],
  'zh-Hans': [
    ['customer', '喂？'],
    ['trainee', '您好，我是农商银行的小陈，请问是赵宏伟先生吗？麻烦您说一下出生日期，核对一下身份。'],
    ['customer', '1980年5月4号。'],
    ['trainee', '谢谢。打电话是想跟您说一下，您经营贷这个月的3300还没到账。'],
    ['customer', '嗯。'],
    ['trainee', '最近是遇到什么困难了吗？'],
    ['customer', '上个月丢了一个单子。'],
    ['trainee', '明白。我这边有两个办法：一是这个月先还1000，下个月还2300；二是申请把这一期延后一个月。'],
    ['customer', '先还1000吧，周五。'],
    ['trainee', '好的，那就本周五12月11号还1000元，我给您记上。'],
    ['customer', '行。'],
    ['trainee', '我今天给您发条短信，把日子和金额写清楚。'],
  ],
  'zh-Hant': [
    ['customer', '喂？'],
    ['trainee', '您好，我是中興信用合作社的小郭。請問是張先生嗎？麻煩您說一下身分證後四碼，確認一下身分。'],
    ['customer', '好，3321。'],
    ['trainee', '謝謝。打給您是因為您的週轉金貸款，上個月20號那期8,200元還沒繳。'],
    ['customer', '嗯。'],
    ['trainee', '請問最近店裡生意還好嗎？是不是有什麼困難？'],
    ['customer', '生意不太好。'],
    ['trainee', '了解。我們有兩個辦法：一是這個月先繳4,000，其餘下個月繳；二是申請把這一期延後一個月。'],
    ['customer', '先繳4,000，禮拜五。'],
    ['trainee', '好，那我們說定：這禮拜五11號先繳4,000元。'],
    ['customer', '好。'],
    ['trainee', '繳完以後系統會傳簡訊給您，有問題會打給您。'],
  ],
};

const THIRD_PARTY: Record<Locale, Line[]> = {
  en: [
    ['customer', 'Hello, Chen residence.'],
    ['trainee', 'Good afternoon. Could I speak to Mr. Chen Hao, please?'],
    ['customer', "He's out. Who's calling?"],
    ['trainee', 'Thanks. And sorry, who am I speaking with?'],
    ['customer', "I'm his mother."],
    ['trainee', 'Could you ask him to call Sophie on 0755-2610 4412, this afternoon between 2 and 5?'],
  ],
  'zh-Hans': [
    ['customer', '喂？'],
    ['trainee', '阿姨您好，请问赵鹏在家吗？'],
    ['customer', '他出去了。'],
    ['trainee', '好的。不好意思，请问您是他家里的哪位？'],
    ['customer', '我是他妈妈。'],
    ['trainee', '那麻烦您让他打给我，我姓黄，电话139 0731 5528，明天下午两点到五点。'],
  ],
  'zh-Hant': [
    ['customer', '喂？'],
    ['trainee', '您好，請問吳俊傑在嗎？'],
    ['customer', '他出去了。'],
    ['trainee', '不好意思，請問您是他的家人嗎？'],
    ['customer', '我是他媽媽。'],
    ['trainee', '麻煩您轉告他，給小孫回個電話，號碼177 2803 6615，今晚七點到九點之間都可以。'],
  ],
};

const APPLICATION: Record<Locale, Line[]> = {
  en: [
    ['customer', 'I want to borrow for a new van.'],
    ['trainee', 'Lovely. How much are you looking to borrow, and over what time frame?'],
    ['customer', '40,000 over two years.'],
    ['trainee', "For 40,000 over two years you'd pay about 1,780 a month; that's about 42,700 in total."],
    ['customer', 'What do I bring?'],
    ['trainee', "Please bring your ID card and six months of bank statements, so that we can check who you are and that the repayments fit your income."],
    ['customer', 'OK.'],
    ['trainee', 'Come in on Monday morning at 9 to the Main Street branch and ask for me.'],
  ],
  'zh-Hans': [
    ['customer', '我想贷款买辆货车。'],
    ['trainee', '明白。那大概需要多少钱？打算多长时间还完？'],
    ['customer', '六万，三年。'],
    ['trainee', '贷六万、分三年，每个月大概还1900元，三年一共还68400元左右。'],
    ['customer', '要带什么？'],
    ['trainee', '带上身份证和最近半年的银行流水：身份证是确认您本人，流水是看您每个月的收入够不够还。'],
    ['customer', '好。'],
    ['trainee', '那我帮您预约明天下午两点，在城北网点办理。'],
  ],
  'zh-Hant': [
    ['customer', '我想貸款買一台貨車。'],
    ['trainee', '了解。大概需要多少錢？打算幾年還完？'],
    ['customer', '六萬，三年。'],
    ['trainee', '貸六萬、分三年，每個月大概還1,900元，三年一共還68,400元左右。'],
    ['customer', '要帶什麼？'],
    ['trainee', '請帶身分證和最近半年的存摺：身分證是確認您本人，存摺是看您每個月的收入夠不夠還。'],
    ['customer', '好。'],
    ['trainee', '那我幫您約這週五下午兩點，在三民分行辦理。'],
  ],
};

const GENERAL: Record<Locale, Line[]> = {
  en: [
    ['customer', "I can't find my next repayment date in the app."],
    ['trainee', 'Of course. Are you logged in to the app now, and what do you see on the screen?'],
    ['customer', 'The home page.'],
    ['trainee', "At the bottom, tap 'My Loans'. Then tap your loan, and the date is on the line that says 'Next repayment'."],
    ['customer', 'Found it.'],
    ['trainee', "Could you read me what it says next to 'Next repayment', so we know you've found the right place?"],
  ],
  'zh-Hans': [
    ['customer', '我在APP里找不到余额。'],
    ['trainee', '阿姨您好，我来帮您。您现在是已经打开软件了吗？屏幕上能看到什么字？'],
    ['customer', '首页。'],
    ['trainee', '好，您点一下最左上角写着“我的账户”的那个地方，然后点您那张卡。'],
    ['customer', '看到了。'],
    ['trainee', '您把“可用余额”后面的数字念给我听听，跟您存折上的对一下，看对不对得上？'],
  ],
  'zh-Hant': [
    ['customer', '我在APP找不到餘額。'],
    ['trainee', '阿姨您好，我來幫您。您現在手機上有打開銀行的程式了嗎？畫面上看到哪些字？'],
    ['customer', '首頁。'],
    ['trainee', '好，您點一下左上角的「我的帳戶」，再點您那張卡。'],
    ['customer', '看到了。'],
    ['trainee', '您把「可用餘額」後面的數字唸給我聽，跟存摺上的對一下，看對不對得上？'],
  ],
};

const LOCALES: Locale[] = ['en', 'zh-Hans', 'zh-Hant'];

describe("the report's process, per scenario", () => {
  it.each(LOCALES)('collection, %s: all six steps, in order', (locale) => {
    const { summary } = score(locale, 'collection', COLLECTION[locale]);
    expect(summary.process).toEqual({
      scenario: 'collection',
      steps: ['verify_identity', 'state_purpose', 'understand_reason', 'offer_options', 'agree_plan', 'confirm_next'],
      covered: ['verify_identity', 'state_purpose', 'understand_reason', 'offer_options', 'agree_plan', 'confirm_next'],
      missing: [],
      in_order: true,
    });
    expect(summary.criteria.complaint_process).toBe(100);
  });

  it.each(LOCALES)('third party, %s: who is speaking, a clean message, and nothing disclosed', (locale) => {
    const { summary } = score(locale, 'third_party', THIRD_PARTY[locale]);
    expect(summary.process).toEqual({
      scenario: 'third_party',
      steps: ['identify_speaker', 'no_disclosure', 'leave_callback'],
      covered: ['identify_speaker', 'leave_callback', 'no_disclosure'],
      missing: [],
      in_order: true,
    });
    expect(summary.failed).toBeNull();
  });

  it.each(LOCALES)('application, %s: needs, cost, documents, next step', (locale) => {
    const { summary } = score(locale, 'application', APPLICATION[locale]);
    expect(summary.process?.covered).toEqual(['discover_needs', 'explain_cost', 'documents_kyc', 'agree_next_step']);
    expect(summary.process?.in_order).toBe(true);
  });

  it.each(LOCALES)('general, %s: understand, guide, confirm', (locale) => {
    const { summary } = score(locale, 'general', GENERAL[locale]);
    expect(summary.process?.covered).toEqual(['understand_problem', 'solve_or_guide', 'confirm_solved']);
  });

  it('complaint: the complaint steps, also kept as complaint_steps', () => {
    const { summary } = score('zh-Hant', 'complaint', [
      ['customer', '我兩個星期前就申請了貸款，到現在還沒放款！'],
      ['trainee', '非常抱歉讓您久等了，這件事我來幫您處理。'],
      ['trainee', '我幫您查一下放款進度。'],
    ]);
    expect(summary.process).toEqual({
      scenario: 'complaint',
      steps: ['acknowledge', 'investigate', 'negotiate', 'follow_up'],
      covered: ['acknowledge', 'investigate'],
      missing: ['negotiate', 'follow_up'],
      in_order: true,
      feedback: expect.stringMatching(/^投訴處理少了一步：/),
    });
    expect(summary.complaint_steps).toEqual({ covered: ['acknowledge', 'investigate'], in_order: true, missing: ['negotiate', 'follow_up'] });
  });

  it('a transcript without a scenario has no process, and keeps the complaint steps as before', () => {
    const { summary } = score('zh-Hant', undefined, [['trainee', '非常抱歉讓您久等了，這件事我來幫您處理。']]);
    expect(summary.process).toBeUndefined();
    expect(summary.complaint_steps.covered).toEqual(['acknowledge']);
    expect(summary.criteria.complaint_process).toBe(25);
  });
});

describe('a step signal fires only in its own scenario', () => {
  it('the identity check of a collection call is no complaint investigation, nor a step of another call', () => {
    const check: Line[] = [['customer', '喂？'], ['trainee', '您好，請問是趙女士本人嗎？為了確認是您本人，麻煩說一下出生日期。']];
    const collection = score('zh-Hant', 'collection', check).turns[0]!.signals;
    expect(collection).toContain('collection.verify_identity');
    expect(collection).not.toContain('complaint.investigate');
    for (const other of ['complaint', 'application', 'general', 'third_party'] as const) {
      expect(score('zh-Hant', other, check).turns[0]!.signals.filter((s) => s.startsWith('collection.'))).toEqual([]);
    }
  });

  it('"a new one" in an application is not the complaint negotiate step', () => {
    const { turns, summary } = score('en', 'application', [['customer', 'My card expired.'], ['trainee', 'We can send you a new one, or you can pick it up at the branch.']]);
    expect(turns[0]!.signals.filter((s) => s.startsWith('complaint.'))).toEqual([]);
    expect(summary.complaint_steps.covered).toEqual([]);
  });

  it('a collection call gets no complaint tip, and its step hint is its own', () => {
    const { turns } = score('en', 'collection', [['customer', 'Hello?'], ['trainee', 'Hello, is that Mrs. Tan?']]);
    const feedback = turns[0]!.criteria.complaint_process.feedback;
    expect(feedback).not.toMatch(/complaint/i);
    expect(feedback).toMatch(/Verify the borrower/);
  });
});

describe("a reply's process hint", () => {
  it('names the next step not yet taken, never one an earlier reply took, live or whole', () => {
    const lines: Line[] = [
      ['customer', 'Hello?'],
      ['trainee', 'Hi Ms. Lau, this is Daniel from Pearl River Credit Union. For security, could you confirm your date of birth?'],
      ['customer', 'Third of March, 1985.'],
      ['trainee', 'Thank you.'],
    ];
    const whole = score('en', 'collection', lines);
    expect(whole.turns[0]!.criteria.complaint_process.feedback).toMatch(/checked you were speaking to the borrower/);
    const later = whole.turns[1]!.criteria.complaint_process.feedback;
    expect(later).not.toMatch(/Verify the borrower/);
    expect(later).toMatch(/say plainly why you are calling/);
    // A live session scores only the latest reply: the hint is the same.
    const live = createScorer(rubric).scoreTurn({ locale: 'en', scenario: 'collection', turns: lines.map(([role, text]) => ({ role, text })) });
    expect(live.score.criteria.complaint_process.feedback).toBe(later);
  });
});

describe('order and missing steps', () => {
  it('a plan agreed before the borrower was verified is out of order, and costs the order penalty', () => {
    const { summary } = score('en', 'collection', [
      ['customer', 'Hello?'],
      ['trainee', "Thanks. It's about your loan payment of 3,100, it's now 60 days late."],
      ['customer', 'Who is this?'],
      ['trainee', 'Sorry, let me do this properly. Can you give me the last four digits of your ID card?'],
    ]);
    expect(summary.process).toMatchObject({ covered: ['state_purpose', 'verify_identity'], in_order: false, missing: ['understand_reason', 'offer_options', 'agree_plan', 'confirm_next'] });
    // Two of six steps is 33, less 10 for the order.
    expect(summary.criteria.complaint_process).toBe(23);
  });

  it('steps taken in one reply count in the order they were said', () => {
    const { summary } = score('zh-Hans', 'collection', [['trainee', '我这边是恒信小额贷款公司的，您的车贷已经逾期23天了，欠款是4210元。请问是马建军马先生吧？麻烦报一下身份证后四位。']]);
    expect(summary.process).toMatchObject({ covered: ['state_purpose', 'verify_identity'], in_order: false });
  });

  it('nothing done: every step missing, process score 0', () => {
    const { summary } = score('en', 'general', [['customer', 'Hi.'], ['trainee', 'You are welcome, have a nice day.']]);
    expect(summary.process).toMatchObject({ covered: [], missing: ['understand_problem', 'solve_or_guide', 'confirm_solved'], in_order: true });
    expect(summary.criteria.complaint_process).toBe(0);
  });
});

describe("the report's process feedback", () => {
  const OUT_OF_ORDER: Line[] = [
    ['customer', 'Hello?'],
    ['trainee', "Thanks. It's about your loan payment of 3,100, it's now 60 days late."],
    ['customer', 'Who is this?'],
    ['trainee', 'Sorry, let me do this properly. Can you give me the last four digits of your ID card?'],
  ];

  it('names the first step the call missed, by its goal, then says to keep the order', () => {
    const { summary } = score('en', 'collection', OUT_OF_ORDER);
    expect(summary.process?.feedback).toBe(
      'A step of the collection call was missed: Understand why payment stopped. Take the collection steps in order: verify the borrower and state the purpose before you discuss how to pay.',
    );
  });

  it("is written in the call's language and script", () => {
    const hant = score('zh-Hant', 'collection', [['customer', '喂？'], ['trainee', '您好，請問是趙女士本人嗎？為了確認是您本人，麻煩說一下出生日期。']]);
    expect(hant.summary.process?.feedback).toBe('催收流程少了一步：直接說明來意。');
    const hans = score('zh-Hans', 'collection', [['trainee', '我这边是恒信小额贷款公司的，您的车贷已经逾期23天了，欠款是4210元。请问是马建军马先生吧？麻烦报一下身份证后四位。']]);
    expect(hans.summary.process?.feedback).toBe('催收流程少了一步：了解没还款的原因。催收要按顺序：先核实本人、说明来意，再谈还款方式。');
  });

  it('names the lost whole-call step when the debt was told to whoever answered', () => {
    const { summary } = score('en', 'third_party', [
      ['customer', 'Hello?'],
      ['trainee', "Hello, may I ask who I'm speaking with?"],
      ['customer', "I'm Jamie's mother."],
      ['trainee', "I'm calling because Jamie's loan payment of 400 pounds is two months overdue."],
    ]);
    expect(summary.process?.feedback).toBe('A step of the third-party call was missed: Say nothing about the debt to anyone but the borrower.');
  });

  it.each(LOCALES)('says nothing when every step was taken in order (%s)', (locale) => {
    expect(score(locale, 'collection', COLLECTION[locale]).summary.process?.feedback).toBeUndefined();
  });
});

describe('no_disclosure, a whole-call step', () => {
  it('is lost when the debt is told to whoever answered, and the session fails', () => {
    const { turns, summary } = score('en', 'third_party', [
      ['customer', 'Hello?'],
      ['trainee', 'Is Mr. Wu Jian there please?'],
      ['customer', "He's out, I'm his mother."],
      ['trainee', "Well, he's three months behind on his loan with us, 4,800 yuan. Please tell him to call Harbour Credit on 400-820-1177 before Friday."],
    ]);
    expect(turns.at(-1)!.signals).toContain('conduct.third_party_disclosure');
    expect(summary.process?.covered).not.toContain('no_disclosure');
    expect(summary.process?.missing).toContain('no_disclosure');
    expect(summary.failed).toEqual({ signals: ['conduct.third_party_disclosure'], turns: [3] });
  });

  it('has no turn of its own and does not count for order', () => {
    const { turns, summary } = score('zh-Hans', 'third_party', [
      ['customer', '喂？'],
      ['trainee', '那麻烦您让他打给我，我姓黄，电话139 0731 5528，明天下午两点到五点。'],
      ['customer', '好。'],
      ['trainee', '不好意思，请问您是他家里的哪位？'],
    ]);
    expect(turns.flatMap((t) => t.signals).filter((s) => s.includes('no_disclosure'))).toEqual([]);
    // Message before asking who answered: out of order, whatever no_disclosure's place.
    expect(summary.process).toMatchObject({ covered: ['leave_callback', 'identify_speaker', 'no_disclosure'], in_order: false });
  });

  it('is covered in a call where nothing at all was said about the debt', () => {
    const { summary } = score('zh-Hant', 'third_party', [['customer', '喂？'], ['trainee', '您好，請問陳曉燕在嗎？']]);
    expect(summary.process).toMatchObject({ covered: ['no_disclosure'], missing: ['identify_speaker', 'leave_callback'], in_order: true });
  });
});

describe('a scenario without a process', () => {
  const file = readRubricFile(join(RUBRICS_DIR, `${DEFAULT_RUBRIC_ID}.yaml`));
  const { general: _general, ...others } = file.processes;
  const withoutGeneral = compileRubric(RubricFile.parse({ ...file, processes: others, signals: file.signals.filter((s) => !s.id.startsWith('general.')) }));

  it('gets no process, no process feedback, and is left out of the overall with the weights renormalised', () => {
    const report = score('en', 'general', GENERAL.en, withoutGeneral);
    expect(report.summary.process).toBeUndefined();
    for (const turn of report.turns) expect(turn.criteria.complaint_process.feedback).toBe('');
    const c = report.summary.criteria;
    // Empathy counts only when the customer had an emotional moment (moments.ts).
    const empathyApplies = (report.summary.empathy_moments?.of ?? 1) > 0;
    const parts: Array<[number, number]> = [[c.active_listening, 20], [c.plain_language, 15], [c.conduct, 20], ...(empathyApplies ? [[c.empathy, 25] as [number, number]] : [])];
    const weighted = parts.reduce((sum, [score, weight]) => sum + score * weight, 0);
    const weights = parts.reduce((sum, [, weight]) => sum + weight, 0);
    expect(report.summary.overall).toBe(Math.round(weighted / weights));
  });
});
