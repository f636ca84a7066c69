/**
 * Runs the conversations a persona file carries as its own tests: each trainee line, the
 * mood direction, stage, revealed fact and reply words expected after it, and the outcome.
 * A QA person proves a new persona behaves before it ships with `sparring personas test`.
 * Each line takes the turn path of a live session (conversation.ts `exchange`): scored once
 * by the caller's scorer, the customer's step, the scripted voice.
 */
import type { ScoreTurn } from '../scoring/types.ts';
import { exchange, startConversation } from './conversation.ts';
import { MOOD_AXES, type Mood } from '../domain/mood.ts';
import type { PersonaFile, PersonaTest } from './schema.ts';
import { scriptedVoice } from './voice/scriptedVoice.ts';

import type { PersonaTestResult, TestFailure } from '../domain/personaTestResult.ts';

export type { PersonaTestResult };

function direction(before: number, after: number): 'up' | 'down' | 'same' {
  return after > before ? 'up' : after < before ? 'down' : 'same';
}

export async function runPersonaTest(persona: PersonaFile, scoreTurn: ScoreTurn, test: PersonaTest): Promise<PersonaTestResult> {
  const failures: string[] = [];
  const failureDetails: TestFailure[] = [];
  const fail = (english: string, detail: TestFailure) => {
    failures.push(english);
    failureDetails.push(detail);
  };
  const started = startConversation(persona, test.seed);
  let conversation = started.conversation;
  const transcript: PersonaTestResult['transcript'] = [{ role: 'customer', text: started.opening.text, mood: started.opening.mood }];
  for (const [i, turn] of test.turns.entries()) {
    const where = `turn ${i + 1} ("${turn.say.slice(0, 30)}")`;
    if (conversation.state.outcome) {
      fail(`${where}: the conversation had already ended (${conversation.state.outcome})`, { kind: 'already_ended', turn: i + 1, outcome: conversation.state.outcome });
      break;
    }
    const before = conversation.state;
    const answer = await exchange(persona, conversation, turn.say, { scoreTurn, voice: scriptedVoice });
    conversation = answer.conversation;
    const after = conversation.state;
    transcript.push({ role: 'trainee', text: turn.say }, { role: 'customer', text: answer.reply, mood: after.mood });
    const e = turn.expect;
    for (const axis of MOOD_AXES) {
      const want = e[axis];
      const got = direction(before.mood[axis], after.mood[axis]);
      if (want && want !== got) {
        fail(`${where}: ${axis} expected ${want}, went ${got} (${before.mood[axis]} → ${after.mood[axis]})`, {
          kind: 'mood',
          turn: i + 1,
          axis,
          expected: want,
          got,
          from: before.mood[axis],
          to: after.mood[axis],
        });
      }
    }
    if (e.stage) {
      const stage = after.steps[after.steps.length - 1] ?? 'none';
      if (stage !== e.stage) fail(`${where}: stage expected ${e.stage}, is ${stage}`, { kind: 'stage', turn: i + 1, expected: e.stage, got: stage });
    }
    if (e.reveals && answer.situation.reveal?.fact !== e.reveals) {
      fail(`${where}: expected to reveal ${e.reveals}, revealed ${answer.situation.reveal?.fact ?? 'nothing'}`, {
        kind: 'reveal',
        turn: i + 1,
        expected: e.reveals,
        got: answer.situation.reveal?.fact ?? null,
      });
    }
    if (e.reply_contains && !answer.reply.includes(e.reply_contains)) {
      fail(`${where}: reply should contain "${e.reply_contains}": "${answer.reply}"`, { kind: 'reply', turn: i + 1, words: e.reply_contains, reply: answer.reply });
    }
    if (e.ended !== undefined && e.ended !== (after.outcome !== null)) {
      fail(`${where}: expected ${e.ended ? 'the end' : 'no end'}, outcome ${after.outcome ?? 'none'}`, { kind: 'ended', turn: i + 1, expected: e.ended, outcome: after.outcome });
    }
  }
  const outcome = conversation.state.outcome ?? 'ongoing';
  if (outcome !== test.outcome) fail(`outcome expected ${test.outcome}, was ${outcome}`, { kind: 'outcome', expected: test.outcome, got: outcome });
  return { persona: persona.id, locale: persona.locale, test: test.name, passed: failures.length === 0, failures, failureDetails, transcript };
}

export async function runPersonaTests(persona: PersonaFile, scoreTurn: ScoreTurn): Promise<PersonaTestResult[]> {
  const results: PersonaTestResult[] = [];
  for (const test of persona.tests) results.push(await runPersonaTest(persona, scoreTurn, test));
  return results;
}
