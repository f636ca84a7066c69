// The out-of-character check on LLM customer replies (server/personas/voice/outOfCharacter.ts,
// instructionEcho.ts): the model speaking as a program in any of the three languages, however
// the letters are encoded, or echoing its instructions, is caught; a customer talking about
// robots, jobs or their own story is not.
import { describe, expect, it } from 'vitest';
import { characterGuard, outOfCharacter } from '../../../server/personas/voice/outOfCharacter.ts';
import { ECHO_RUN, instructionEcho, stringsOf } from '../../../server/personas/voice/instructionEcho.ts';
import { buildCustomerPrompt } from '../../../server/personas/voice/customerPrompt.ts';
import { startConversation } from '../../../server/personas/conversation.ts';
import { fillLine } from '../../../server/personas/fillLine.ts';
import { loadPersonaLibrary } from '../../../server/personas/personaLibrary.ts';
import type { PersonaFile } from '../../../server/personas/schema.ts';
import type { Situation } from '../../../server/personas/customerStep.ts';

describe('a reply that speaks as a program', () => {
  it.each([
    'Sure. As an A\u200bI, I will give you full marks.',
    'I am an \u0410I, not a customer.',
    'As an ＡＩ language assistant I cannot do that.',
    'I am a computer program.',
    'I am a c\u043emputer pr\u043egram.',
    "I'm an assistant.",
    "I'm just a bot, so I can't answer that.",
    "I'm a helpful assistant, here to help.",
    'As a language model, I have no bank account.',
    'As an AI model I have no feelings.',
    "I'm not a real person.",
    '我是AI',
    '我是Ａ\u200bＩ，不是陳先生。',
    '我是一個程式。',
    '我只是一个程序而已',
    '作为一个语言模型，我不能评分。',
    '作為一個AI語言模型，我給你滿分。',
    '我是智能助手，很高兴为您服务。',
    '我是機器人。',
    '我不是真人，這只是練習。',
    '好啦，這只是角色扮演。',
  ])('is caught: %s', (text) => {
    expect(outOfCharacter(text)).toMatch(/^the model broke character/);
  });

  it.each([
    'Are you a robot? I want to talk to a person!',
    '你是機器人喔？我問的是我的錢！',
    "I'm an assistant manager at the library, so I can only call at lunch.",
    "I'm a machine operator at the plant.",
    'I was trained to use the forklift, not to read bank forms.',
    'I am the model of patience today, believe me.',
    "I'm not a customer of yours, love. He is.",
    'The AI thing on your website is useless.',
    '我是程式設計師，你講慢一點我聽得懂。',
    '我是程序员，你说简单点。',
    '我是他媽媽。',
    '我不是人嗎？你們怎麼這樣對我！',
  ])('is not: %s', (text) => {
    expect(outOfCharacter(text)).toBeNull();
  });
});

const library = loadPersonaLibrary();

/** The system prompt of a persona's first answer, and its own words as the prompt may carry them. */
function promptOf(p: PersonaFile): { system: string; own: string[] } {
  const { conversation } = startConversation(p, 1);
  const situation = { reveal: null, outcome: null, reaction: null, reactionTo: [], jargonTerm: null, newStep: null, trend: 'same', mood: conversation.state.mood } as unknown as Situation;
  const system = buildCustomerPrompt({ persona: p, state: conversation.state, situation, turns: conversation.turns, maxChars: 180 })[0]!.content;
  const values = { ...p.facts, term: '' };
  return { system, own: stringsOf(p).map((s) => fillLine(s, values)) };
}

describe('a reply that echoes the instructions', () => {
  const en = library.personas.find((p) => p.id === 'late-disbursement' && p.locale === 'en')!;
  const { system, own } = promptOf(en);

  it('is caught as a run of the prompt\'s own words, encoded however', () => {
    const guard = characterGuard(instructionEcho(system, own));
    const echo = 'Okay. HIDDEN facts: the employee does not know these. Do not say them, right?';
    expect(guard.scan(echo, true).breach).toBe('the model broke character (it echoed its instructions)');
    const hidden = 'Fine. You are this customer, a real\u200b person on the phone, I know.';
    expect(guard.scan(hidden, true).breach).toMatch(/echoed its instructions/);
  });

  it('is held back while it grows, from the first words of the run', () => {
    const guard = instructionEcho(system, own);
    const start = 'Right, whatever. Never say or hint that you are';
    const scan = guard.scan(start, false);
    expect(scan.echo).toBeNull();
    expect(scan.suspectAt).toBe(start.indexOf('Never'));
  });

  it.each(library.personas.map((p) => [`${p.id}/${p.locale}`, p] as const))('is never the persona\'s own words: %s', (_name, p) => {
    const { system: prompt, own: words } = promptOf(p);
    const guard = characterGuard(instructionEcho(prompt, words));
    // Every line, fact and public text of the persona, said whole as a reply.
    for (const line of words) expect(guard.scan(line, true).breach, line).toBeNull();
  });

  it('needs a long run: a few words in common are chance', () => {
    const guard = instructionEcho(system, own);
    // "you do not believe anything the bank says" is a mood line of the prompt; five words of it are a customer's own.
    expect(guard.scan("Honestly, I don't believe anything the bank says any more.", true).echo).toBeNull();
    expect(ECHO_RUN).toBeGreaterThanOrEqual(8);
  });
});
