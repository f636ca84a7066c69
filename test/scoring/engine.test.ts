// The engine as a whole (server/scoring/engine.ts) against the scoring contract: the report's
// shape, one entry per trainee turn, evidence that slices the trainee's own text, feedback in
// the transcript's locale, locale detection and determinism.
import { describe, it, expect } from 'vitest';
import { loadDefaultRubric } from '../../server/dataFiles/loadRubric.ts';
import { scoreTranscript } from '../../server/scoring/engine.ts';
import { simplify, traditionalize } from '../../server/text/script.ts';
import { CRITERIA, ScoreReport, type Locale, type Transcript } from '../../server/scoring/types.ts';
import { LOCALES, loadCases, replyTranscript } from '../eval/ownCases.ts';
import { scriptProblems } from '../support/scriptCheck.ts';

const rubric = loadDefaultRubric();
const HAN = /[\u3400-\u9fff]/;

const complaintHant: Transcript = {
  locale: 'zh-Hant',
  scenario: 'complaint',
  persona: 'angry-complainant',
  turns: [
    { role: 'customer', text: '我兩個星期前就申請了貸款，到現在還沒放款！' },
    { role: 'trainee', text: '非常抱歉讓您等了這麼久。您是說兩週前提交的申請，到現在還沒收到款，對嗎？' },
    { role: 'customer', text: '對！我急著用這筆錢交孩子的學費。' },
    { role: 'customer', text: '你們到底在幹什麼？' },
    { role: 'trainee', text: '孩子的學費確實耽誤不得。我馬上幫您查一下放款進度，今天下午四點前打電話給您。' },
  ],
};

describe('score report', () => {
  it('validates against the ScoreReport schema', () => {
    const report = scoreTranscript(rubric, complaintHant);
    expect(ScoreReport.safeParse(report).success).toBe(true);
    expect(report.rubric).toBe('lending-service-v1');
    expect(report.locale).toBe('zh-Hant');
  });

  it('has one entry per trainee turn, indexed by its position in the input', () => {
    const report = scoreTranscript(rubric, complaintHant);
    expect(report.turns.map((t) => t.index)).toEqual([1, 4]);
    expect(report.turns.every((t) => t.role === 'trainee')).toBe(true);
  });

  it('scores every criterion of every turn between 0 and 100', () => {
    const report = scoreTranscript(rubric, complaintHant);
    for (const turn of report.turns) {
      expect(Object.keys(turn.criteria).sort()).toEqual([...CRITERIA].sort());
      for (const c of Object.values(turn.criteria)) {
        expect(c.score).toBeGreaterThanOrEqual(0);
        expect(c.score).toBeLessThanOrEqual(100);
        expect(c.feedback.length).toBeGreaterThan(0);
      }
    }
  });

  it('lists each turn\'s signals and backs each one with evidence', () => {
    const report = scoreTranscript(rubric, complaintHant);
    const [first, second] = report.turns;
    expect(first!.signals).toEqual(expect.arrayContaining(['empathy.emotion', 'listening.reflection', 'complaint.acknowledge']));
    expect(second!.signals).toEqual(expect.arrayContaining(['empathy.interpretation', 'complaint.investigate', 'complaint.follow_up']));
    for (const turn of report.turns) {
      const evidenced = new Set(Object.values(turn.criteria).flatMap((c) => c.evidence.map((e) => e.signal)));
      expect([...evidenced].sort()).toEqual([...turn.signals].sort());
    }
  });

  it('has no turn entries for a transcript of customer turns only', () => {
    const report = scoreTranscript(rubric, { locale: 'en', turns: [{ role: 'customer', text: 'Hello?' }] });
    expect(report.turns).toEqual([]);
    expect(ScoreReport.safeParse(report).success).toBe(true);
  });

  it('accepts extra fields on turns', () => {
    const withExtras = {
      ...complaintHant,
      turns: complaintHant.turns.map((t, i) => ({ ...t, id: `t${i}`, at: 1_700_000_000 + i, mood: 'angry' })),
    };
    expect(scoreTranscript(rubric, withExtras)).toEqual(scoreTranscript(rubric, complaintHant));
  });
});

describe.each(LOCALES)('labelled cases, %s', (locale) => {
  const cases = loadCases(locale);

  it('every evidence text is the slice of the turn it points into', () => {
    let checked = 0;
    for (const c of cases) {
      const transcript = replyTranscript(c.locale, c.customer, c.reply, c.scenario);
      const report = scoreTranscript(rubric, transcript);
      for (const turn of report.turns) {
        const text = transcript.turns[turn.index]!.text;
        for (const e of Object.values(turn.criteria).flatMap((cr) => cr.evidence)) {
          expect(e.start, `${c.id} ${e.signal}`).toBeLessThan(e.end);
          expect(e.text, `${c.id} ${e.signal}`).toBe(text.slice(e.start, e.end));
          checked++;
        }
      }
    }
    expect(checked).toBeGreaterThan(0);
  });

  it("gives feedback in the transcript's locale", () => {
    for (const c of cases) {
      const report = scoreTranscript(rubric, replyTranscript(c.locale, c.customer, c.reply, c.scenario));
      for (const turn of report.turns) {
        for (const { feedback } of Object.values(turn.criteria)) {
          if (locale === 'en') expect(feedback, c.id).not.toMatch(HAN);
          else expect(feedback, c.id).toMatch(HAN);
          if (locale !== 'en') expect(scriptProblems(feedback, locale), c.id).toEqual([]);
        }
      }
    }
  });

  it('detects the locale when the transcript does not give it', () => {
    for (const c of cases) {
      const { locale: _given, ...unlabelled } = replyTranscript(c.locale, c.customer, c.reply, c.scenario);
      expect(scoreTranscript(rubric, unlabelled).locale, c.id).toBe(locale);
    }
  });
});

describe('feedback locale', () => {
  const reply = (locale: Locale, text: string) =>
    scoreTranscript(rubric, { locale, turns: [{ role: 'trainee', text }] }).turns[0]!.criteria;

  it('is English for en, Traditional for zh-Hant, Simplified for zh-Hans', () => {
    expect(reply('en', 'Hello.').empathy.feedback).not.toMatch(HAN);
    // The same hint for a missing feeling, in each script.
    const hant = reply('zh-Hant', '您好。').empathy.feedback;
    const hans = reply('zh-Hans', '您好。').empathy.feedback;
    expect(hant).toMatch(HAN);
    expect(hant).not.toBe(hans);
    expect(simplify(hant)).toBe(hans);
    expect(hant).toBe(traditionalize(hant));
    expect(hans).toBe(simplify(hans));
  });

  it('follows the detected locale when none is given', () => {
    const detected = (text: string) => {
      const report = scoreTranscript(rubric, { turns: [{ role: 'customer', text: '您好' }, { role: 'trainee', text }] });
      return { locale: report.locale, feedback: report.turns[0]!.criteria.empathy.feedback };
    };
    const hant = detected('非常抱歉讓您久等了，這件事我來幫您處理。');
    expect(hant.locale).toBe('zh-Hant');
    expect(hant.feedback).toBe(traditionalize(hant.feedback));
    const hans = detected('非常抱歉让您久等了，这件事我来帮您处理。');
    expect(hans.locale).toBe('zh-Hans');
    expect(hans.feedback).toBe(simplify(hans.feedback));
  });
});

describe('locale detection', () => {
  const detect = (...texts: string[]): Locale =>
    scoreTranscript(rubric, { turns: texts.map((text, i) => ({ role: i % 2 ? ('trainee' as const) : ('customer' as const), text })) }).locale;

  it('Traditional text is zh-Hant', () => {
    expect(detect('我兩個星期前就申請了貸款，到現在還沒放款！', '非常抱歉讓您等了這麼久。')).toBe('zh-Hant');
  });

  it('Simplified text is zh-Hans', () => {
    expect(detect('我两个星期前就申请了贷款，到现在还没放款！', '非常抱歉让您等了这么久。')).toBe('zh-Hans');
  });

  it('English text is en', () => {
    expect(detect('I applied two weeks ago and the money still has not arrived!', "I'm so sorry for the wait.")).toBe('en');
  });

  it('Chinese with a few English terms is still Chinese', () => {
    expect(detect('我的APR是多少？', '您的APR是百分之十二。')).toBe('zh-Hans');
    expect(detect('我的APR是多少？', '您的APR是百分之十二，請問還有什麼問題嗎？')).toBe('zh-Hant');
  });

  it('a given locale wins over detection', () => {
    const report = scoreTranscript(rubric, { locale: 'zh-Hans', turns: [{ role: 'trainee', text: '非常抱歉讓您久等了。' }] });
    expect(report.locale).toBe('zh-Hans');
    // The feedback is Simplified; only the quoted evidence keeps the trainee's own script.
    const { feedback, evidence } = report.turns[0]!.criteria.empathy;
    expect(feedback).toContain(`「${evidence[0]!.text}」`);
    const template = feedback.replace(evidence[0]!.text, '');
    expect(template).toBe(simplify(template));
    expect(template).not.toBe(traditionalize(template));
  });
});

describe('determinism', () => {
  it('the same input gives identical output, whatever was scored in between', () => {
    const first = JSON.stringify(scoreTranscript(rubric, complaintHant));
    for (const locale of LOCALES) {
      for (const c of loadCases(locale).slice(0, 20)) scoreTranscript(rubric, replyTranscript(c.locale, c.customer, c.reply, c.scenario));
    }
    const again = JSON.stringify(scoreTranscript(rubric, complaintHant));
    expect(again).toBe(first);
  });

  it('does not change its input', () => {
    const input = structuredClone(complaintHant);
    scoreTranscript(rubric, input);
    expect(input).toEqual(complaintHant);
  });
});
