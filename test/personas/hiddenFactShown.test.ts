/**
 * What trainees see of a persona (its name, summary and briefing) must not give a hidden fact
 * away, and a reveal must name one of the file's own facts. The leaks are the ones the starter
 * library shipped with, put back into today's files: each is refused on its own line and
 * field, naming the fact, with what the QA editor needs to say so in the reader's language.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { PERSONAS_DIR } from '../../server/personas/personaLibrary.ts';
import { personaProblems } from '../support/personaProblems.ts';
import { MAX_SHOWN } from '../../server/personas/hiddenFactShown.ts';

const fileText = (id: string, locale: string): string => readFileSync(join(PERSONAS_DIR, id, `${locale}.yaml`), 'utf8');

/** The file with one top-level or nested line (found by its start) replaced. */
function withLine(text: string, startsWith: string, line: string): string {
  const lines = text.split('\n');
  const at = lines.findIndex((l) => l.startsWith(startsWith));
  if (at < 0) throw new Error(`no line starting with ${startsWith}`);
  lines[at] = line;
  return lines.join('\n');
}

const lineOf = (text: string, startsWith: string): number => text.split('\n').findIndex((l) => l.startsWith(startsWith)) + 1;

describe('a public text that gives a hidden fact away', () => {
  // The summaries as first shipped: each told what the customer keeps until asked.
  const LEAKS = [
    {
      file: ['late-disbursement', 'en'],
      line: 'summary: Tony Chen runs a breakfast café. His $18,000 equipment loan was approved two weeks ago and was meant to be paid out within three business days, but the money still hasn\'t arrived. He owes the balance on a new grill next Monday and has already called three times.',
      fact: 'purpose',
      evidence: /new grill/,
    },
    {
      file: ['late-disbursement', 'zh-Hans'],
      line: 'summary: 在县城开包子铺的陈先生，十五万的设备贷款两周前就批下来了，说好三个工作日放款，到现在钱还没到账。他下周一要付新蒸柜和和面机的尾款，客服电话已经打了三次。',
      fact: 'purpose',
      evidence: /蒸柜和和面机的尾款/,
    },
    {
      file: ['late-disbursement', 'zh-Hant'],
      line: 'summary: 經營早餐店的陳先生，五十萬的設備貸款兩週前就核准了，說好三個工作天撥款，到現在錢還沒進來。他下週一要付新煎台的尾款，已經打了三次客服。',
      fact: 'purpose',
      evidence: /新煎台的尾款/,
    },
    {
      // The size of the farm is a figure of why he borrows and of what he earns.
      file: ['first-time-applicant', 'zh-Hans'],
      line: 'summary: 种了十五亩地的老刘，想借三万块买台旋耕机，开春就要用。他头一回来信用社办贷款，不知道要带啥材料，也弄不明白利息咋算，一听到专业词就发懵。',
      fact: 'purpose',
      evidence: /十五亩地/,
    },
    {
      file: ['overdue-lost-income', 'en'],
      line: 'summary: Mark, 47, worked nine years at a distribution warehouse until it closed last month. He missed this month\'s loan payment and is now three weeks overdue. He let the last two calls ring out; this time he picks up.',
      fact: 'what_happened',
      evidence: /worked nine/,
    },
  ] as const;

  it.each(LEAKS)('is refused on its line for $file.0 in $file.1, naming the fact', ({ file: [id, locale], line, fact, evidence }) => {
    const text = withLine(fileText(id, locale), 'summary:', line);
    const problems = personaProblems(text);
    // One problem per fact given away: the farm's size is also a figure of what he earns.
    expect(problems.filter((p) => p.detail?.kind === 'hidden_fact_shown' && p.detail.fact === fact)).toEqual([
      {
        path: 'persona.yaml',
        line: lineOf(text, 'summary:'),
        field: 'summary',
        message: expect.stringContaining(`gives away the hidden fact "${fact}"`),
        detail: { kind: 'hidden_fact_shown', fact, evidence: expect.arrayContaining([expect.stringMatching(evidence)]) },
      },
    ]);
  });

  it('is found in the other Chinese script too: a Traditional file whose summary is typed in Simplified', () => {
    const text = withLine(fileText('late-disbursement', 'zh-Hant'), 'summary:', 'summary: 陈先生的贷款两周前就核准了，还没拨款。他下周一要付新煎台的尾款。');
    expect(personaProblems(text)).toEqual([expect.objectContaining({ field: 'summary', detail: expect.objectContaining({ fact: 'purpose' }) })]);
  });

  it('is found in the briefing and the customer\'s own goals, by their field', () => {
    const base = fileText('elderly-mobile-banking', 'en');
    const goal = withLine(base, '    - Warn her never', '    - Ask whether a man rang this morning from the fraud team and said he would ring back at four');
    expect(personaProblems(goal)).toEqual([expect.objectContaining({ field: 'briefing.own_goals[0]', detail: expect.objectContaining({ fact: 'call' }) })]);
    // Names alone, outside any phrase of the fact: "Dennis" and "Canada" are hers.
    const situation = withLine(base, '  situation:', '  situation: Mrs Hughes may talk of Dennis, or of Canada.');
    expect(personaProblems(situation)).toEqual([
      expect.objectContaining({ field: 'briefing.situation', detail: { kind: 'hidden_fact_shown', fact: 'alone', evidence: ['Dennis', 'Canada'] } }),
    ]);
  });

  it('is a figure of the fact in any notation: "$2,600" of a fact written "$2,600 a month" as "2600 dollars"', () => {
    const text = withLine(fileText('first-time-applicant', 'en'), 'summary:', 'summary: Jay makes about 2600 dollars a month and wants to borrow $4,000 for a new scooter.');
    expect(personaProblems(text)).toEqual([expect.objectContaining({ field: 'summary', detail: expect.objectContaining({ fact: 'income', evidence: ['2600'] }) })]);
  });
});

describe('a file that gives away many facts', () => {
  it('is told the first twenty, so a hostile file costs no more than a careless one', () => {
    const fact = (i: number): string => `f_${String.fromCharCode(97 + (i % 26))}${String.fromCharCode(97 + Math.floor(i / 26))}`;
    const words = (i: number): string => `alpha${i} beta${i} gamma${i}`;
    const many = Array.from({ length: 300 }, (_, i) => i);
    let text = fileText('double-charge', 'en');
    text = text.replace(/^facts:\n/m, `facts:\n${many.map((i) => `  ${fact(i)}: ${words(i)}\n`).join('')}`);
    text = text.replace(/^reveals:\n/m, `reveals:\n${many.map((i) => `  - fact: ${fact(i)}\n    say: [${words(i)}]\n`).join('')}`);
    text = text.replace(/^ {2}goals: .*$/m, (goals) => `${goals}\n  own_goals:\n${many.map((i) => `    - ${words(i)}\n`).join('')}`);
    const shown = personaProblems(text).filter((p) => p.detail?.kind === 'hidden_fact_shown');
    expect(shown).toHaveLength(MAX_SHOWN);
    expect(shown[0]).toMatchObject({ field: 'briefing.own_goals[0]', detail: { fact: 'f_aa', evidence: ['alpha0 beta0 gamma0'] } });
  });
});

describe('a public text that tells only what the trainee may know', () => {
  it('may repeat what the customer says anyway: the amount and the dates of the opening', () => {
    // The amount, the approval and the promise are in the opening lines; the grill is not.
    const text = withLine(fileText('late-disbursement', 'en'), 'summary:', 'summary: Tony Chen\'s $18,000 loan was approved two weeks ago and promised within three business days.');
    expect(personaProblems(text)).toEqual([]);
  });

  it('may share a word with a hidden fact by chance: one word is not a phrase', () => {
    // "code" and "find" are words of the scam call; the goal tells nothing of it.
    const text = withLine(fileText('elderly-mobile-banking', 'en'), '    - Warn her never', '    - Help her find where the app wants the code from');
    expect(personaProblems(text)).toEqual([]);
  });
});

describe('a reveal', () => {
  it.each(['toString', 'constructor', '__proto__', 'hasOwnProperty', 'valueOf'])('naming the inherited key %s is refused: only the file\'s own facts count', (name) => {
    const base = fileText('double-charge', 'en');
    const text = base.replace('  - fact: rent\n', `  - fact: ${name}\n`);
    expect(text).not.toBe(base);
    expect(personaProblems(text)).toEqual([
      { path: 'persona.yaml', line: text.split('\n').indexOf(`  - fact: ${name}`) + 1, field: 'reveals[1].fact', message: `no fact "${name}" in facts`, detail: { kind: 'unknown_name', of: 'fact', name } },
    ]);
  });
});
