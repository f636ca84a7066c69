// Each trainee turn is scored exactly once, whichever voice words the customer's reply
// (scripted, or the LLM through the OpenAI-compatible test server), and the session's end
// scores nothing: its report is summarised from the scores stored with the turns. A reply
// filled in after a crash reuses the stored score too. The server's scorer is the real one,
// wrapped to count its calls.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LlmConfig } from '../../server/llm/llmConfig.ts';
import { findPersona } from '../../server/personas/personaLibrary.ts';
import type { PersonaFile } from '../../server/personas/schema.ts';
import { scoreTranscript } from '../../server/scoring/engine.ts';
import type { Scorer } from '../../server/scoring/scorer.ts';
import { CustomerSay, SessionEndOk, SessionEnded, SessionStartOk, TraineeSayOk } from '../../server/sessions/serverEvents.ts';
import { startOpenAiTestServer, type OpenAiTestServer } from '../support/openaiTestServer.ts';
import { call, record } from '../support/socketClient.ts';
import { startTestServer, type TestServer } from '../support/testServer.ts';

for (const key of Object.keys(process.env)) if (/^(LANGSMITH|LANGCHAIN)_/.test(key)) delete process.env[key];

interface Calls {
  turns: number;
  transcripts: number;
}

const calls: Calls = { turns: 0, transcripts: 0 };

function counting(scorer: Scorer): Scorer {
  return {
    rubric: scorer.rubric,
    scoreTurn: (transcript) => {
      calls.turns++;
      return scorer.scoreTurn(transcript);
    },
    scoreTranscript: (transcript) => {
      calls.transcripts++;
      return scorer.scoreTranscript(transcript);
    },
  };
}

let llm: OpenAiTestServer;
let server: TestServer;
let persona: PersonaFile;

beforeAll(async () => {
  llm = await startOpenAiTestServer();
  llm.handle(() => ({ kind: 'text', text: '好，你先查清楚再跟我說。' }));
  const config: LlmConfig = { baseURL: llm.url, apiKey: 'sk-test', model: 'gpt-4o-mini', timeoutMs: 3000, firstTokenTimeoutMs: 1500, maxChars: 300, judgeMethod: 'functionCalling' };
  server = await startTestServer({ llm: config, wrapScorer: counting });
  persona = findPersona(server.ctx.personas, 'late-disbursement', 'zh-Hant')!;
});
afterAll(async () => {
  await server.close();
  await server.remove();
  await llm.close();
});

/** The persona file's own conversation that ends the way `outcome` says. */
function conversationEnding(outcome: 'resolved' | 'escalated'): string[] {
  return persona.tests.find((t) => t.outcome === outcome)!.turns.map((t) => t.say);
}

/**
 * Plays `lines` in a new session, counting the scoring calls after each turn's reply, and
 * returns the report the session ended with (by the persona, or by the trainee after the
 * last line).
 */
async function play(mode: 'scripted' | 'llm', lines: readonly string[]): Promise<{ perTurn: Calls[]; atEnd: Calls; sessionId: string; report: SessionEnded['report'] }> {
  const user = await server.user('trainee');
  const socket = await server.connect(user.token);
  const started = SessionStartOk.parse(await call(socket, 'session:start', { personaId: persona.id, locale: persona.locale, mode }));
  expect(started.mode).toBe(mode);
  const events = record(socket);
  calls.turns = 0;
  calls.transcripts = 0;
  const perTurn: Calls[] = [];
  let ended = false;
  for (const text of lines) {
    const ack = TraineeSayOk.parse(await call(socket, 'trainee:say', { sessionId: started.sessionId, text }));
    const say = CustomerSay.parse(await events.next('customer:say', (p) => p.index === ack.index + 1));
    perTurn.push({ ...calls });
    if (say.ended) {
      ended = true;
      break;
    }
  }
  const beforeEnd = { ...calls };
  const report = ended
    ? SessionEnded.parse(await events.next('session:ended')).report
    : SessionEndOk.parse(await call(socket, 'session:end', { sessionId: started.sessionId })).report;
  const atEnd = { turns: calls.turns - beforeEnd.turns, transcripts: calls.transcripts - beforeEnd.transcripts };
  socket.disconnect();
  return { perTurn, atEnd, sessionId: started.sessionId, report };
}

/** What scoring the whole stored transcript gives (the real engine, not counted). */
async function rescored(sessionId: string) {
  const { turns } = (await server.ctx.store.getSession(sessionId))!;
  return scoreTranscript(server.ctx.rubric, { locale: persona.locale, scenario: persona.scenario, turns: turns.map((t) => ({ role: t.role, text: t.text })) });
}

describe.each(['scripted', 'llm'] as const)('in %s mode', (mode) => {
  it('scores each trainee turn once, and nothing when the persona ends the session', async () => {
    const played = await play(mode, conversationEnding('escalated'));
    expect(played.perTurn.length).toBeGreaterThan(1);
    expect(played.perTurn).toEqual(played.perTurn.map((_, i) => ({ turns: i + 1, transcripts: 0 })));
    expect(played.atEnd).toEqual({ turns: 0, transcripts: 0 });
    expect(played.report).toEqual(await rescored(played.sessionId));
    if (mode === 'llm') expect(llm.requests.length).toBeGreaterThan(0);
  });

  it('scores each trainee turn once, and nothing when the trainee ends the session', async () => {
    const played = await play(mode, conversationEnding('resolved').slice(0, 2));
    expect(played.perTurn).toEqual([
      { turns: 1, transcripts: 0 },
      { turns: 2, transcripts: 0 },
    ]);
    expect(played.atEnd).toEqual({ turns: 0, transcripts: 0 });
    expect(played.report).toEqual(await rescored(played.sessionId));
  });
});

it('fills in a reply after a crash from the stored score, scoring nothing', async () => {
  const user = await server.user('trainee');
  const socket = await server.connect(user.token);
  const started = SessionStartOk.parse(await call(socket, 'session:start', { personaId: persona.id, locale: persona.locale, mode: 'scripted' }));
  const { sessionId } = started;
  // What a server that stopped after acknowledging a turn leaves behind: the trainee's turn
  // stored with its score, and no customer reply. The stored score here is a dismissive
  // line's, under a polite text: the customer must react to the score that was stored.
  const opening = { role: 'customer' as const, text: started.opening.text };
  const scoreOf = (text: string) => scoreTranscript(server.ctx.rubric, { locale: persona.locale, scenario: persona.scenario, turns: [opening, { role: 'trainee', text }] }).turns[0]!;
  const dismissive = scoreOf('請您冷靜一點，規定就是這樣，這不是我們能決定的。');
  expect(dismissive.signals).toContain('empathy.dismissive');
  const text = conversationEnding('resolved')[0]!;
  expect(scoreOf(text).signals).not.toContain('empathy.dismissive');
  const stored = await server.ctx.store.appendTurn(sessionId, { index: 1, role: 'trainee', text, at: new Date().toISOString(), score: dismissive });
  expect(stored.ok).toBe(true);

  calls.turns = 0;
  calls.transcripts = 0;
  const events = record(socket);
  await call(socket, 'session:resume', { sessionId });
  const say = CustomerSay.parse(await events.next('customer:say', (p) => p.index === 2));
  expect(calls).toEqual({ turns: 0, transcripts: 0 });
  expect(say.mood.anger).toBeGreaterThan(persona.mood.initial.anger);
  expect(persona.lines.dismissive.some((line) => say.text.includes(line.slice(0, 4)))).toBe(true);
});
