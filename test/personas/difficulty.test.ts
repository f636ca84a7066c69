/**
 * What a persona's difficulty does to a trainee's call (server/personas/difficulty.ts): the
 * same customer, played at easy, medium and hard, takes the same words differently.
 */
import { describe, expect, it } from 'vitest';
import { findPersona, loadPersonaLibrary } from '../../server/personas/personaLibrary.ts';
import { PersonaFile } from '../../server/personas/schema.ts';
import type { Difficulty } from '../../server/personas/difficulty.ts';
import { exchange, startConversation } from '../../server/personas/conversation.ts';
import { scriptedVoice } from '../../server/personas/voice/scriptedVoice.ts';
import { loadDefaultRubric } from '../../server/dataFiles/loadRubric.ts';
import { createScorer } from '../../server/scoring/scorer.ts';
import { LOCALES, Scenario } from '../../server/scoring/types.ts';

const { scoreTurn } = createScorer(loadDefaultRubric());
const library = loadPersonaLibrary();
const doubleCharge = findPersona(library, 'double-charge', 'en')!;

/** Ms Santos's own file at another level, its escalation left to the level. */
function atLevel(difficulty: Difficulty, change: Partial<PersonaFile> = {}): PersonaFile {
  return PersonaFile.parse({ ...doubleCharge, difficulty, end: { ...doubleCharge.end, escalate: undefined }, ...change });
}

/** Plays the lines until the customer ends the call; the state after each line played. */
async function play(persona: PersonaFile, lines: readonly string[]) {
  let { conversation } = startConversation(persona, 1);
  const states = [];
  for (const line of lines) {
    conversation = (await exchange(persona, conversation, line, { scoreTurn, voice: scriptedVoice })).conversation;
    states.push(conversation.state);
    if (conversation.state.outcome) break;
  }
  return states;
}

// A mediocre call: jargon, a brush-off, then every step of the complaint process done properly.
const MEDIOCRE = [
  'The system took your payment according to your amortization schedule.',
  "Look, these things happen. That's just how it is.",
  "OK, I'm sorry this happened. So your loan payment of $412.60 was taken twice this month, is that right? I'll sort this out for you.",
  'Let me check your account now. Could you tell me how you first noticed it?',
  'We will refund the extra $412.60 to your account this afternoon.',
  "I'll call you by 3 pm today once the refund is in.",
];

describe('difficulty', () => {
  it('lets an easy customer accept a mediocre call, keeps a medium one unsatisfied, and makes a hard one escalate', async () => {
    const easy = await play(atLevel('easy'), MEDIOCRE);
    const medium = await play(atLevel('medium'), MEDIOCRE);
    const hard = await play(atLevel('hard'), MEDIOCRE);
    expect(easy.at(-1)!.outcome).toBe('resolved');
    expect(medium.at(-1)!.outcome).toBeNull();
    expect(medium).toHaveLength(MEDIOCRE.length);
    // The brush-off is the last straw: the hard customer never hears the apology.
    expect(hard.at(-1)!.outcome).toBe('escalated');
    expect(hard).toHaveLength(2);
  });

  it('makes jargon land harder and a brush-off hurt more the harder the level', async () => {
    const [easy, medium, hard] = await Promise.all((['easy', 'medium', 'hard'] as const).map((d) => play(atLevel(d), MEDIOCRE.slice(0, 2))));
    expect(easy![0]!.mood.confusion).toBeLessThan(medium![0]!.mood.confusion);
    expect(medium![0]!.mood.confusion).toBeLessThan(hard![0]!.mood.confusion);
    expect(easy![1]!.mood.anger).toBeLessThan(medium![1]!.mood.anger);
    expect(medium![1]!.mood.anger).toBeLessThan(hard![1]!.mood.anger);
  });

  it('has a hard customer keep a fact back from a good question until trusted', async () => {
    const wary = { mood: { ...doubleCharge.mood, initial: { ...doubleCharge.mood.initial, trust: 3 } } };
    const question = ['Let me check your account now. Could you tell me how you first noticed the double payment?'];
    expect((await play(atLevel('easy', wary), question))[0]!.revealed).toEqual(['sms']);
    expect((await play(atLevel('hard', wary), question))[0]!.revealed).toEqual([]);
  });

  it('gives way to what the persona file says', async () => {
    // The shipped file sets its own escalation: at 10, for two turns. Hard as she is, one hot turn is not the end.
    const hard = await play(PersonaFile.parse({ ...doubleCharge, difficulty: 'hard' }), MEDIOCRE.slice(0, 2));
    expect(hard[1]!.mood.anger).toBe(10);
    expect(hard[1]!.outcome).toBeNull();
  });

  it.each(Scenario.options)('has a hard %s customer in every language', (scenario) => {
    const hard = library.personas.filter((p) => p.scenario === scenario && p.difficulty === 'hard');
    for (const locale of LOCALES) expect(hard.map((p) => p.locale)).toContain(locale);
  });

  it('gives a persona the same difficulty in every language', () => {
    const byId = new Map<string, Set<string>>();
    for (const p of library.personas) byId.set(p.id, (byId.get(p.id) ?? new Set()).add(p.difficulty));
    expect([...byId].filter(([, levels]) => levels.size > 1)).toEqual([]);
  });
});
