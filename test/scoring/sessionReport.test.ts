// A session's report is summarised from the scores its turns were given as they were said
// (server/scoring/summary.ts `sessionReport`), and is the report scoring the whole
// transcript gives: over every conversation the starter personas carry as their tests,
// played through the turn path a session takes.
import { describe, expect, it } from 'vitest';
import { loadDefaultRubric } from '../../server/dataFiles/loadRubric.ts';
import { exchange, startConversation, transcriptOf } from '../../server/personas/conversation.ts';
import { loadPersonaLibrary } from '../../server/personas/personaLibrary.ts';
import { scriptedVoice } from '../../server/personas/voice/scriptedVoice.ts';
import { scoreTranscript } from '../../server/scoring/engine.ts';
import { createScorer } from '../../server/scoring/scorer.ts';
import { sessionReport } from '../../server/scoring/summary.ts';
import type { TurnScore } from '../../server/scoring/types.ts';

const rubric = loadDefaultRubric();
const { scoreTurn } = createScorer(rubric);
const conversations = loadPersonaLibrary().personas.flatMap((persona) => persona.tests.map((test) => [`${persona.id}/${persona.locale}: ${test.name}`, persona, test] as const));

describe('sessionReport', () => {
  it('has the starter personas\' conversations to check', () => {
    expect(conversations.length).toBeGreaterThanOrEqual(36);
  });

  it.each(conversations)('equals scoring the whole transcript: %s', async (_name, persona, test) => {
    let { conversation } = startConversation(persona, test.seed);
    const scores: TurnScore[] = [];
    for (const turn of test.turns) {
      if (conversation.state.outcome) break;
      const answer = await exchange(persona, conversation, turn.say, { scoreTurn, voice: scriptedVoice });
      scores.push(answer.situation.score);
      conversation = answer.conversation;
    }
    expect(scores.length).toBeGreaterThan(0);
    expect(sessionReport(rubric, persona.locale, scores, persona.scenario)).toEqual(scoreTranscript(rubric, transcriptOf(persona, conversation.turns)));
  });

  it('is the rubric\'s base for every turn-averaged criterion when there is no turn', () => {
    const report = sessionReport(rubric, 'en', []);
    expect(report).toEqual(scoreTranscript(rubric, { locale: 'en', turns: [{ role: 'customer', text: 'Hello?' }] }));
  });
});
