/**
 * The simulated customer follows the call's own process, as a trainee meets it through the
 * real scorer: a collection call's verify → purpose → reason → options → plan → confirm, and
 * the call to a borrower's mother, which resolves when a name, a number and a time are left
 * with nothing said about the debt, and escalates when the debt is told. A persona's steps
 * are its scenario's: one the process does not have is refused at load, by line and field.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { defaultRubricSignals } from '../../server/dataFiles/loadRubric.ts';
import { FileError } from '../../server/dataFiles/fileError.ts';
import { findPersona, loadPersonaLibrary, parsePersonaText, PERSONAS_DIR } from '../../server/personas/personaLibrary.ts';
import { publicPersona, type PersonaFile } from '../../server/personas/schema.ts';
import { playScripted } from '../support/scriptedPlay.ts';
import type { Locale } from '../../server/scoring/types.ts';

const library = loadPersonaLibrary();
const signals = defaultRubricSignals();

function personaOf(id: string, locale: Locale): PersonaFile {
  const persona = findPersona(library, id, locale);
  if (!persona) throw new Error(`no persona ${id}/${locale} in the starter library`);
  return persona;
}

const play = playScripted;

const COLLECTION_STEPS = ['verify_identity', 'state_purpose', 'understand_reason', 'offer_options', 'agree_plan', 'confirm_next'];

describe("the customer in a collection call", () => {
  const persona = personaOf('overdue-lost-income', 'zh-Hans');

  it('takes checking it is the borrower as verifying them, not as investigating a complaint', async () => {
    const { conversation } = await play(persona, 1, ['您好，我是农商银行的小刘。请问是赵女士本人吗？为了确认是您本人，麻烦您报一下出生日期。']);
    expect(conversation.state.steps).toEqual(['verify_identity']);
  });

  it("follows the collection process step by step, in the trainee's order, to a plan agreed", async () => {
    const { conversation, replies } = await play(persona, 5, [
      '您好，我是农商银行的小刘。请问是赵红梅赵女士本人吗？麻烦您报一下身份证后四位，我核对一下。',
      '谢谢赵女士。我打来是为了您的经营贷，这个月三千二百八的还款还没到账，已经逾期三周了。我不是来为难您的。',
      '能跟我说说您最近遇到了什么情况吗？',
      '原来饭馆关了，一下子没了收入，您压力一定很大，辛苦了。那接下来工作上有什么打算呢？',
      '咱们有几种办法：一种是这周先还一部分，剩下的等您发了工资再补；另一种是把还款日往后挪到您发工资以后。您看哪种更合适？',
      '好，那就说定了：这周五前先还1500，剩下的1780下个月15号还。',
      '我跟您确认一下：周五前1500，15号1780。我今天下午把这个安排发短信给您，以后只打您本人手机。有什么变化您随时打这个号码找我。',
    ]);
    expect(conversation.state.steps).toEqual(COLLECTION_STEPS);
    expect(conversation.state.outcome).toBe('resolved');
    expect(persona.lines.resolved.map((l) => l.replace('{first_pay}', persona.facts.first_pay!))).toContain(replies[replies.length - 1]);
  });

  it('briefs the trainee with the collection steps, then the persona\'s own goals', () => {
    const { briefing } = publicPersona(persona, signals);
    expect(briefing.steps).toEqual(COLLECTION_STEPS);
    expect(briefing.own_goals.length).toBeGreaterThan(0);
  });
});

/** The textbook call to the borrower's mother: who she is, nothing about the debt, a name, a number and a time. */
const TEXTBOOK: Record<Locale, string[]> = {
  en: [
    "Hello, I'm sorry to bother you. My name's Sam, and I'm calling from Northfield Credit Union. May I ask who I'm speaking with? It's a personal matter, so I do need to speak to Jamie himself.",
    "I understand you'd want to be careful; there are a lot of scam calls about. To protect his privacy, I can only discuss it with him. When is he usually back home?",
    "Thank you. Could you ask him to ring me back after seven this evening on 0161 496 0732? My name is Sam. I'll call again tomorrow evening at seven if I haven't heard from him.",
  ],
  'zh-Hans': [
    '阿姨您好，不好意思突然打来，让您担心了。我是县农村信用社的小张。请问您是他的家人吗？有点他个人的事情，需要跟他本人确认。',
    '我理解您的担心，现在骗子电话确实多。为了保护他的个人信息，这事只能跟他本人说。请问他一般什么时候回来、比较好找？',
    '好的，那麻烦您让他晚上七点以后回个电话给我，号码是 0731-8456-2210，我姓张。要是今天没联系上，我明天晚上七点再打电话过来。',
  ],
  'zh-Hant': [
    '陳媽媽您好，抱歉突然打來，讓您擔心了。我是大安信用合作社的王小姐。請問您是他的家人嗎？有一些他個人的事情，需要跟他本人確認。',
    '我理解您的擔心，最近詐騙電話真的很多。因為要保護他的個人資料，只能跟他本人談。請問他大概什麼時候回來、比較找得到人？',
    '好的，那麻煩您請他晚上七點以後回電給我，號碼是 02-2345-6789，我姓王。如果今天沒接到，我明天晚上七點再打電話過來。',
  ],
};

/** A name and a number left, with the debt told to her. */
const DISCLOSED: Record<Locale, string[]> = {
  en: ["Could you ask Jamie to ring Sam on 0161 496 0732 after seven? It's about his loan, his payment is overdue.", 'He owes us £1,400, so he really must call back tonight.'],
  'zh-Hans': ['麻烦您让李军晚上七点以后打 0731-8456-2210 找小张，是他贷款的事，这期已经逾期了。', '他还欠我们两万多，今晚一定得回电话。'],
  'zh-Hant': ['麻煩您請志豪晚上七點以後打 02-2345-6789 找王小姐，是他貸款的事，這期已經逾期了。', '他還欠我們三萬多，今天晚上一定要回電。'],
};

describe.each(['zh-Hant', 'zh-Hans', 'en'] as const)('the borrower\'s mother answering, in %s', (locale) => {
  const persona = personaOf('third-party-answer', locale);

  it('is a third-party call, briefed with its own steps', () => {
    expect(persona.scenario).toBe('third_party');
    expect(publicPersona(persona, signals).briefing.steps).toEqual(['identify_speaker', 'no_disclosure', 'leave_callback']);
  });

  it('resolves the textbook call: a name, a number and a time left, nothing disclosed', async () => {
    const { conversation, replies } = await play(persona, 1, TEXTBOOK[locale]);
    expect(conversation.state.outcome).toBe('resolved');
    expect(conversation.state.steps).toContain('leave_callback');
    expect(conversation.state.wholeCall).toEqual({ no_disclosure: 'kept' });
    expect(persona.lines.abandoned).not.toContain(replies[replies.length - 1]);
    expect(persona.lines.resolved).toContain(replies[replies.length - 1]);
  });

  it('escalates when the debt is told, a name and a number left or not', async () => {
    const { conversation } = await play(persona, 5, DISCLOSED[locale]);
    expect(conversation.state.wholeCall).toEqual({ no_disclosure: 'broken' });
    expect(conversation.state.outcome).toBe('escalated');
  });
});

describe("a persona's steps", () => {
  const name = 'third-party-answer/en.yaml';
  const text = readFileSync(join(PERSONAS_DIR, name), 'utf8');
  const lineOf = (t: string, needle: string): number => t.slice(0, t.indexOf(needle)).split('\n').length;
  const problemsOf = (t: string) => {
    try {
      parsePersonaText(name, t, signals);
    } catch (err) {
      if (err instanceof FileError) return err.problems;
      throw err;
    }
    return [];
  };

  it('are checked against the process of its scenario: a step from another one fails at load, with file, line and field', () => {
    const broken = text.replace('resolve: { steps: [leave_callback, no_disclosure]', 'resolve: { steps: [leave_callback, follow_up]');
    expect(broken).not.toBe(text);
    expect(problemsOf(broken)).toEqual([
      {
        path: name,
        line: lineOf(broken, 'resolve: { steps: [leave_callback, follow_up]'),
        field: 'end.resolve.steps[1]',
        message: '"follow_up" is not a step of the third_party process (identify_speaker, no_disclosure, leave_callback)',
        detail: { kind: 'unknown_name', of: 'step', name: 'follow_up' },
      },
    ]);
  });

  it('give stage lines only to steps a turn takes, of its own process', () => {
    const broken = text.replace('  stages:\n', '  stages:\n    no_disclosure:\n      - "Nothing said."\n    agree_plan:\n      - "Agreed."\n');
    // Each problem is on the lines given to the step.
    expect(problemsOf(broken).map((p) => [p.field, p.line])).toEqual([
      ['lines.stages.no_disclosure', lineOf(broken, 'Nothing said.')],
      ['lines.stages.agree_plan', lineOf(broken, 'Agreed.')],
    ]);
  });
});
