// Finding questions and telling open from closed (server/text/questions.ts), with the
// question cues of the default rubric: an open question lets the customer explain, a closed
// one confirms a fact, and a statement is no question at all.
import { describe, it, expect } from 'vitest';
import { loadDefaultRubric } from '../../server/dataFiles/loadRubric.ts';
import { scoreTranscript } from '../../server/scoring/engine.ts';
import { normalize } from '../../server/text/normalize.ts';
import { findQuestions, type QuestionKind } from '../../server/text/questions.ts';
import { sentences } from '../../server/text/segment.ts';
import type { Lang } from '../../server/scoring/types.ts';

const rubric = loadDefaultRubric();

/** The kind of each question found in a reply, in order. */
function kinds(text: string, lang: Lang): QuestionKind[] {
  const norm = normalize(text).norm;
  return findQuestions(norm, sentences(norm), lang, rubric.cues[lang]).map((q) => q.kind);
}

describe('Chinese questions', () => {
  it('能說說當時的情況嗎？ is open although it ends in 嗎', () => {
    expect(kinds('能說說當時的情況嗎？', 'zh')).toEqual(['open']);
  });

  it('您是在網上申請的嗎？ is closed', () => {
    expect(kinds('您是在網上申請的嗎？', 'zh')).toEqual(['closed']);
  });

  it('an A-not-A question (您是不是…) is closed', () => {
    expect(kinds('您是不是在網上申請的？', 'zh')).toEqual(['closed']);
    expect(kinds('您有沒有收到我們的短信？', 'zh')).toEqual(['closed']);
  });

  it('an either/or question (…还是…？) is closed', () => {
    expect(kinds('您是想提前还款还是延期？', 'zh')).toEqual(['closed']);
  });

  it('a question for a single fact (您的申请编号是多少？) is closed', () => {
    expect(kinds('您的申请编号是多少？', 'zh')).toEqual(['closed']);
  });

  it('is found without a question mark when a closing particle ends it', () => {
    expect(kinds('您是在網上申請的嗎', 'zh')).toEqual(['closed']);
  });

  it('…着呢 asserts: 合同上都写着呢 is not a question', () => {
    expect(kinds('合同上都写着呢。', 'zh')).toEqual([]);
    expect(kinds('合約上都寫著呢', 'zh')).toEqual([]);
    expect(kinds('您现在在哪儿呢？', 'zh')).toEqual(['closed']);
  });

  it('确认是否需要 inside a statement is not a question', () => {
    expect(kinds('我需要跟总部确认是否需要补交材料。', 'zh')).toEqual([]);
    expect(kinds('我需要跟总部确认是否需要补交材料', 'zh')).toEqual([]);
  });

  it('finds only the question among statements, with its span', () => {
    const text = '非常抱歉讓您久等了。能說說當時的情況嗎？我來幫您查。';
    const norm = normalize(text).norm;
    const found = findQuestions(norm, sentences(norm), 'zh', rubric.cues.zh);
    expect(found).toHaveLength(1);
    expect(text.slice(found[0]!.start, found[0]!.end)).toBe('能說說當時的情況嗎？');
    expect(found[0]!.kind).toBe('open');
  });
});

describe('English questions', () => {
  it('"Could you tell me what happened?" is open', () => {
    expect(kinds('Could you tell me what happened?', 'en')).toEqual(['open']);
  });

  it('"Could you give me your reference number?" is closed', () => {
    expect(kinds('Could you give me your reference number?', 'en')).toEqual(['closed']);
  });

  it('"Did you pay before 5pm?" is closed', () => {
    expect(kinds('Did you pay before 5pm?', 'en')).toEqual(['closed']);
  });

  it('"What happened when you applied?" is open', () => {
    expect(kinds('What happened when you applied?', 'en')).toEqual(['open']);
  });

  it('a statement starting with "When" is not a question', () => {
    expect(kinds('When you applied, the rate was fixed.', 'en')).toEqual([]);
  });

  it('a question typed without a question mark is still found', () => {
    expect(kinds('Could you check the date for me', 'en')).toEqual(['closed']);
  });

  it('counts each question of a reply', () => {
    expect(kinds('I see. When did you apply? And what happened after that?', 'en')).toEqual(['closed', 'open']);
  });
});

describe('questions in the score report', () => {
  const signals = (locale: 'zh-Hant' | 'en', text: string): string[] =>
    scoreTranscript(rubric, { locale, turns: [{ role: 'trainee', text }] }).turns[0]!.signals;

  it('an open question gives listening.open_question and not closed', () => {
    const s = signals('zh-Hant', '能說說當時的情況嗎？');
    expect(s).toContain('listening.open_question');
    expect(s).not.toContain('listening.closed_question');
  });

  it('a closed question gives listening.closed_question and not open', () => {
    const s = signals('en', 'Did you pay before 5pm?');
    expect(s).toContain('listening.closed_question');
    expect(s).not.toContain('listening.open_question');
  });

  it('a statement gives neither', () => {
    const s = signals('en', 'When you applied, the rate was fixed.');
    expect(s).not.toContain('listening.closed_question');
    expect(s).not.toContain('listening.open_question');
  });

  // A rhetorical, dismissive question ("what is there to be angry about?") asks nothing.
  it('a rhetorical question (有什麼好生氣的？) is not credited as an open question', () => {
    expect(signals('zh-Hant', '有什麼好生氣的？')).not.toContain('listening.open_question');
  });
});

describe('questions in Cantonese and regional wording', () => {
  it('reads 你可唔可以講下… and 最令你擔心嘅係咩 as open invitations', () => {
    expect(kinds('你可唔可以講下而家屋企嘅開支大概點樣？', 'zh')).toEqual(['open']);
    expect(kinds('你願唔願意同我講下，最令你擔心嘅係咩？', 'zh')).toEqual(['open']);
  });

  it('reads 點樣 ("how") and 哪個部分 as open', () => {
    expect(kinds('你而家最需要我哋點樣幫你？', 'zh')).toEqual(['open']);
    expect(kinds('你現在最需要幫忙的是哪個部分？', 'zh')).toEqual(['open']);
  });

  it('reads a put-down (騙誰啊) as no question', () => {
    expect(kinds('你是不是每個月都要生一次病啊騙誰啊', 'zh')).toEqual([]);
  });
});
