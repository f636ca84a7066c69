// What survives what: repeated sends, dropped connections, a second tab, a restart of the
// server on the same DATA_DIR, a server that stopped between the ack and the customer's
// reply, and a store that fails or hangs. Real sockets, a real file store; failures are
// injected by wrapping the real store, never by faking it.
import { afterEach, describe, expect, it } from 'vitest';
import { exchange } from '../../server/personas/conversation.ts';
import { scriptedVoice } from '../../server/personas/voice/scriptedVoice.ts';
import { findPersona } from '../../server/personas/personaLibrary.ts';
import { conversationBefore } from '../../server/sessions/loadSession.ts';
import { SessionResumeOk, SessionStartOk, TraineeSayOk } from '../../server/sessions/serverEvents.ts';
import type { SessionStore } from '../../server/store/sessionStore.ts';
import { call, record, settled } from '../support/socketClient.ts';
import { startTestServer, type TestClient, type TestServer } from '../support/testServer.ts';

const servers: TestServer[] = [];
async function start(options: Parameters<typeof startTestServer>[0] = {}): Promise<TestServer> {
  const server = await startTestServer(options);
  servers.push(server);
  return server;
}
afterEach(async () => {
  const all = servers.splice(0);
  for (const s of all) await s.close();
  for (const s of all) await s.remove();
});

const APOLOGY = '陳先生，讓您等了這麼久，真的很抱歉。您是說兩週前就核准了，說好三個工作天撥款，到現在還沒收到，對嗎？這件事我來幫您處理。';
const ASK = '我幫您查一下案件狀態。可以跟我說說這段時間我們有沒有人跟您聯絡過補件的事？';
const FIX = '我查到了，您補的收入證明沒有被登錄，是我們的疏失。我現在就幫您補登資料，並幫您申請今天優先處理撥款。';

async function startSession(socket: TestClient): Promise<string> {
  return SessionStartOk.parse(await call(socket, 'session:start', { personaId: 'late-disbursement', locale: 'zh-Hant' })).sessionId;
}

describe('repeated sends', () => {
  it('answers a repeated trainee:say with the same index the same, stores it once, and replies once', async () => {
    const server = await start();
    const trainee = await server.user();
    const socket = await server.connect(trainee.token);
    const events = record(socket);
    const sessionId = await startSession(socket);

    const first = await call(socket, 'trainee:say', { sessionId, text: APOLOGY, index: 1 });
    await events.next('customer:say', (p) => p.index === 2);
    const again = await call(socket, 'trainee:say', { sessionId, text: APOLOGY, index: 1 });
    expect(again).toEqual(first);
    // Sent twice at once, before either is answered: one stored turn, one reply.
    const [a, b] = await Promise.all([
      call(socket, 'trainee:say', { sessionId, text: ASK, index: 3 }),
      call(socket, 'trainee:say', { sessionId, text: ASK, index: 3 }),
    ]);
    expect(a).toEqual(b);
    expect(TraineeSayOk.parse(a).index).toBe(3);
    await events.next('customer:say', (p) => p.index === 4);
    await settled(socket, sessionId);

    const stored = (await server.ctx.store.getSession(sessionId))!;
    expect(stored.turns.map((t) => `${t.index}:${t.role}`)).toEqual(['0:customer', '1:trainee', '2:customer', '3:trainee', '4:customer']);
    expect(events.of('customer:say').map((s) => s.index)).toEqual([2, 4]);
  });

  it('refuses an index used by other words, or one that skips ahead, and stores nothing', async () => {
    const server = await start();
    const trainee = await server.user();
    const socket = await server.connect(trainee.token);
    const events = record(socket);
    const sessionId = await startSession(socket);
    await call(socket, 'trainee:say', { sessionId, text: APOLOGY, index: 1 });
    await events.next('customer:say', (p) => p.index === 2);
    expect(await call(socket, 'trainee:say', { sessionId, text: ASK, index: 1 })).toMatchObject({ ok: false, error: { code: 'conflict' } });
    expect(await call(socket, 'trainee:say', { sessionId, text: ASK, index: 2 })).toMatchObject({ ok: false, error: { code: 'conflict' } });
    expect(await call(socket, 'trainee:say', { sessionId, text: ASK, index: 7 })).toMatchObject({ ok: false, error: { code: 'conflict', message: expect.stringContaining('next index is 3') } });
    expect((await server.ctx.store.getSession(sessionId))!.turns).toHaveLength(3);
  });
});

describe('connections come and go', () => {
  it('after a dropped connection, session:resume returns everything, nothing lost or duplicated', async () => {
    // The second trainee turn is held on its way into the store, so the connection can drop between arrival and ack.
    const held = holdCall((method, args) => method === 'appendTurn' && (args[1] as { index: number }).index === 3);
    const server = await start({ wrapStore: held.wrap });
    const trainee = await server.user();
    const first = await server.connect(trainee.token);
    const sessionId = await startSession(first);
    await call(first, 'trainee:say', { sessionId, text: APOLOGY, index: 1 });
    // The next turn arrives, and the connection drops before its ack can come back.
    let acked = false;
    first.emit('trainee:say', { sessionId, text: ASK, index: 3 }, () => void (acked = true));
    await held.arrived;
    first.disconnect();
    await held.release();

    const second = await server.connect(trainee.token);
    const events = record(second);
    const resumed = SessionResumeOk.parse(await call(second, 'session:resume', { sessionId }));
    expect(acked).toBe(false);
    // Stored all the same, answered by the customer, and all of it in the resume.
    expect(resumed.turns.map((t) => `${t.index}:${t.role}`)).toEqual(['0:customer', '1:trainee', '2:customer', '3:trainee', '4:customer']);
    expect(resumed.turns[3]).toMatchObject({ text: ASK, score: { index: 3 } });
    expect(resumed.turns.every((t) => !('state' in t))).toBe(true);
    expect(resumed.mood).toEqual(resumed.turns[4]!.mood);
    expect(resumed).toMatchObject({ ended: false, outcome: null, report: null, personaId: 'late-disbursement', locale: 'zh-Hant', mode: 'scripted' });

    // Not knowing whether the turn arrived, the client sends it again: the stored answer, no second reply.
    const again = await call(second, 'trainee:say', { sessionId, text: ASK, index: 3 });
    expect(again).toEqual({ ok: true, index: 3, score: resumed.turns[3]!.score });
    await call(second, 'trainee:say', { sessionId, text: FIX, index: 5 });
    await events.next('customer:say', (p) => p.index === 6);
    // This tab may have heard the reply to turn 3 live (it joined while the reply was on its way), but never twice.
    const heard = events.of('customer:say').map((s) => s.index);
    expect(heard.filter((i) => i === 4).length).toBeLessThanOrEqual(1);
    expect(heard.filter((i) => i === 6)).toHaveLength(1);
    expect((await server.ctx.store.getSession(sessionId))!.turns.map((t) => t.index)).toEqual([0, 1, 2, 3, 4, 5, 6]);
  });

  it('a turn lost with the connection before it arrived is simply sent again', async () => {
    const server = await start();
    const trainee = await server.user();
    const first = await server.connect(trainee.token);
    const sessionId = await startSession(first);
    first.emit('trainee:say', { sessionId, text: APOLOGY, index: 1 }, () => {});
    first.disconnect();
    const second = await server.connect(trainee.token);
    const events = record(second);
    const resumed = SessionResumeOk.parse(await call(second, 'session:resume', { sessionId }));
    // Whether or not it got through, sending it again with its index leaves one turn and one reply.
    const again = TraineeSayOk.parse(await call(second, 'trainee:say', { sessionId, text: APOLOGY, index: 1 }));
    expect(again.index).toBe(1);
    if (resumed.turns.length === 1) await events.next('customer:say', (p) => p.index === 2);
    await settled(second, sessionId);
    expect((await server.ctx.store.getSession(sessionId))!.turns.map((t) => `${t.index}:${t.role}`)).toEqual(['0:customer', '1:trainee', '2:customer']);
    expect(events.of('customer:say').length).toBe(resumed.turns.length === 1 ? 1 : 0);
  });

  it('a second tab of the same trainee sees the conversation as it happens', async () => {
    const server = await start();
    const trainee = await server.user();
    const tabA = await server.connect(trainee.token);
    const tabB = await server.connect(trainee.token);
    const seenA = record(tabA);
    const seenB = record(tabB);
    const sessionId = await startSession(tabA);
    const ackA = TraineeSayOk.parse(await call(tabA, 'trainee:say', { sessionId, text: APOLOGY }));
    const sayB = await seenB.next('customer:say', (p) => p.index === 2);
    expect(sayB).toEqual(await seenA.next('customer:say', (p) => p.index === 2));
    // Tab B hears tab A's turn, as stored and scored, before the customer's reply to it.
    expect(seenB.all.map((e) => e.event)).toEqual(['trainee:said', 'customer:typing', 'customer:say']);
    expect(seenB.of('trainee:said')).toEqual([{ sessionId, index: 1, text: APOLOGY, score: ackA.score }]);
    // Tab B takes over: it resumes, speaks, and both tabs hear the answer; then it ends the session.
    const resumed = SessionResumeOk.parse(await call(tabB, 'session:resume', { sessionId }));
    await call(tabB, 'trainee:say', { sessionId, text: ASK, index: resumed.turns.length });
    expect((await seenA.next('trainee:said', (p) => p.index === 3)).text).toBe(ASK);
    await seenA.next('customer:say', (p) => p.index === 4);
    await call(tabB, 'session:end', { sessionId });
    expect((await seenA.next('session:ended')).outcome).toBe('ended');
  });
});

describe('a restart of the server', () => {
  it('loses nothing acknowledged: the same DATA_DIR, the same token, the conversation goes on', async () => {
    const before = await start();
    const trainee = await before.user();
    let socket = await before.connect(trainee.token);
    let events = record(socket);
    const sessionId = await startSession(socket);
    const ack1 = await call(socket, 'trainee:say', { sessionId, text: APOLOGY });
    const say2 = await events.next('customer:say', (p) => p.index === 2);
    const ack3 = await call(socket, 'trainee:say', { sessionId, text: ASK });
    const say4 = await events.next('customer:say', (p) => p.index === 4);
    await before.close();

    const after = await start({ dataDir: before.dataDir });
    socket = await after.connect(trainee.token);
    events = record(socket);
    const resumed = SessionResumeOk.parse(await call(socket, 'session:resume', { sessionId }));
    expect(resumed.turns.map((t) => t.text)).toEqual([resumed.turns[0]!.text, APOLOGY, say2.text, ASK, say4.text]);
    expect(resumed.turns[1]!.score).toEqual(TraineeSayOk.parse(ack1).score);
    expect(resumed.turns[3]!.score).toEqual(TraineeSayOk.parse(ack3).score);
    expect(resumed.mood).toEqual(say4.mood);
    const ack5 = TraineeSayOk.parse(await call(socket, 'trainee:say', { sessionId, text: FIX }));
    expect(ack5.index).toBe(5);
    await events.next('customer:say', (p) => p.index === 6);
    // The open-session count survives too.
    expect(await after.ctx.store.countOpenSessions(trainee.id)).toBe(1);
  });

  /** A server acknowledges the trainee's turn, then cannot store the customer's (as if it died there), and stops. */
  async function dieAfterAck(): Promise<{ dataDir: string; token: string; sessionId: string; score: unknown }> {
    const dying = await start({
      wrapStore: (store) => withFault(store, (method, args) => (method === 'appendTurn' && (args[1] as { role: string }).role === 'customer' ? 'reject' : null)),
    });
    const trainee = await dying.user();
    const socket = await dying.connect(trainee.token);
    const events = record(socket);
    const sessionId = await startSession(socket);
    const ack = TraineeSayOk.parse(await call(socket, 'trainee:say', { sessionId, text: APOLOGY }));
    expect(await events.next('customer:error')).toMatchObject({ sessionId, index: 2, fallback: false, error: { code: 'unavailable' } });
    expect(events.of('customer:say')).toEqual([]);
    await dying.close();
    return { dataDir: dying.dataDir, token: trainee.token, sessionId, score: ack.score };
  }

  /** What the original would have said: recomputed from the stored state before the turn. */
  async function expectedReply(server: TestServer, sessionId: string) {
    const stored = (await server.ctx.store.getSession(sessionId))!;
    expect(stored.turns.map((t) => t.role)).toEqual(['customer', 'trainee']);
    const persona = findPersona(server.ctx.personas, 'late-disbursement', 'zh-Hant')!;
    return exchange(persona, conversationBefore(stored.turns, 1), APOLOGY, { scoreTurn: server.ctx.scorer.scoreTurn, voice: scriptedVoice });
  }

  it('fills in the customer reply on resume when the server stopped after acknowledging the trainee', async () => {
    const died = await dieAfterAck();
    const revived = await start({ dataDir: died.dataDir });
    const expected = await expectedReply(revived, died.sessionId);
    const socket = await revived.connect(died.token);
    const events = record(socket);
    const resumed = SessionResumeOk.parse(await call(socket, 'session:resume', { sessionId: died.sessionId }));
    expect(resumed.turns.map((t) => t.role)).toEqual(['customer', 'trainee']);
    expect(resumed.turns[1]!.score).toEqual(died.score);
    const say = await events.next('customer:say', (p) => p.index === 2);
    expect(say.text).toBe(expected.reply);
    expect(say.mood).toEqual(expected.conversation.state.mood);
    expect(events.all.map((e) => e.event)).toEqual(['customer:typing', 'customer:say']);
    const storedAfter = (await revived.ctx.store.getSession(died.sessionId))!;
    expect(storedAfter.turns[2]).toMatchObject({ index: 2, role: 'customer', text: expected.reply, state: expected.conversation.state });
    // A second resume has nothing left to fill in.
    await call(socket, 'session:resume', { sessionId: died.sessionId });
    await settled(socket, died.sessionId);
    expect(events.of('customer:say')).toHaveLength(1);
  });

  it('fills it in as well when the client, not knowing, sends the same turn again', async () => {
    const died = await dieAfterAck();
    const revived = await start({ dataDir: died.dataDir });
    const expected = await expectedReply(revived, died.sessionId);
    const socket = await revived.connect(died.token);
    const events = record(socket);
    expect(await call(socket, 'trainee:say', { sessionId: died.sessionId, text: APOLOGY, index: 1 })).toEqual({ ok: true, index: 1, score: died.score });
    expect((await events.next('customer:say', (p) => p.index === 2)).text).toBe(expected.reply);
    // Every tab hears the turn before its answer, as the first send would have had it.
    expect(events.all.map((e) => e.event).slice(0, 2)).toEqual(['trainee:said', 'customer:typing']);
    expect(events.of('trainee:said')).toEqual([{ sessionId: died.sessionId, index: 1, text: APOLOGY, score: died.score }]);
    expect((await revived.ctx.store.getSession(died.sessionId))!.turns).toHaveLength(3);
  });

  it('refuses a new turn while the previous one is unanswered', async () => {
    const died = await dieAfterAck();
    const revived = await start({ dataDir: died.dataDir });
    const socket = await revived.connect(died.token);
    expect(await call(socket, 'trainee:say', { sessionId: died.sessionId, text: ASK })).toMatchObject({ ok: false, error: { code: 'conflict' } });
    expect((await revived.ctx.store.getSession(died.sessionId))!.turns).toHaveLength(2);
  });
});

type Fault = 'reject' | 'hang' | null;

interface HeldCall {
  /** Wraps the real store: the first call that `holds` picks waits for `release`. */
  wrap(store: SessionStore): SessionStore;
  /** Resolves when that call has come in. */
  arrived: Promise<void>;
  /** Lets it through; resolves once the real store has answered it. */
  release(): Promise<void>;
}

/** The real store, with one chosen call held on its way in until the test lets it through. */
function holdCall(holds: (method: string, args: unknown[]) => boolean): HeldCall {
  let arrive!: () => void;
  const arrived = new Promise<void>((resolve) => (arrive = resolve));
  let open!: () => void;
  const opened = new Promise<void>((resolve) => (open = resolve));
  let landed: Promise<unknown> | undefined;
  let holding = true;
  return {
    arrived,
    async release() {
      open();
      await arrived;
      await landed?.catch(() => {});
    },
    wrap: (store) =>
      new Proxy(store, {
        get(target, property, receiver) {
          const value: unknown = Reflect.get(target, property, receiver);
          if (typeof value !== 'function') return value;
          return (...args: unknown[]) => {
            const call = () => (value as (...a: unknown[]) => unknown).apply(target, args);
            if (!holding || !holds(String(property), args)) return call();
            holding = false;
            arrive();
            landed = opened.then(call);
            return landed;
          };
        },
      }),
  };
}

/** The real store, with chosen calls failing or hanging. */
function withFault(store: SessionStore, fault: (method: string, args: unknown[]) => Fault): SessionStore {
  return new Proxy(store, {
    get(target, property, receiver) {
      const value: unknown = Reflect.get(target, property, receiver);
      if (typeof value !== 'function') return value;
      return (...args: unknown[]) => {
        const f = fault(String(property), args);
        if (f === 'reject') return Promise.reject(new Error('EIO: disk on fire'));
        if (f === 'hang') return new Promise(() => {});
        return (value as (...a: unknown[]) => unknown).apply(target, args);
      };
    },
  });
}

describe('a failing store', () => {
  it('answers unavailable within a bounded time, whether the store fails or hangs, and recovers', async () => {
    let fault: Fault = null;
    const server = await start({ storeTimeoutMs: 300, wrapStore: (store) => withFault(store, (method) => (method === 'getUser' ? null : fault)) });
    const trainee = await server.user();
    const socket = await server.connect(trainee.token);
    const events = record(socket);
    const sessionId = await startSession(socket);
    for (const f of ['reject', 'hang'] as const) {
      fault = f;
      const t0 = Date.now();
      const answer = await call(socket, 'trainee:say', { sessionId, text: APOLOGY, index: 1 });
      expect(answer).toEqual({ ok: false, error: { code: 'unavailable', message: 'storage is unavailable, try again' } });
      // The default bound is 5 s; here 300 ms, with room for a slow machine.
      expect(Date.now() - t0).toBeLessThan(2000);
      expect(await call(socket, 'session:start', { personaId: 'late-disbursement' })).toMatchObject({ ok: false, error: { code: 'unavailable' } });
    }
    fault = null;
    expect(TraineeSayOk.parse(await call(socket, 'trainee:say', { sessionId, text: APOLOGY, index: 1 })).index).toBe(1);
    await events.next('customer:say', (p) => p.index === 2);
    expect(server.logs.some((l) => l.includes('disk on fire'))).toBe(true);
  });

  it('refuses a connection with "unavailable" when the store cannot say who the token belongs to', async () => {
    const server = await start({ storeTimeoutMs: 300, wrapStore: (store) => withFault(store, (method) => (method === 'getUser' ? 'hang' : null)) });
    const trainee = await server.user();
    await expect(server.connect(trainee.token)).rejects.toThrow('unavailable');
  });

  it('a write that times out but lands later: the retry with the same index gets the stored turn and its reply', async () => {
    const held = holdCall((method) => method === 'appendTurn');
    const server = await start({ storeTimeoutMs: 200, wrapStore: held.wrap });
    const trainee = await server.user();
    const socket = await server.connect(trainee.token);
    const events = record(socket);
    const sessionId = await startSession(socket);
    expect(await call(socket, 'trainee:say', { sessionId, text: APOLOGY, index: 1 })).toMatchObject({ ok: false, error: { code: 'unavailable' } });
    await held.release(); // the write lands
    const retry = TraineeSayOk.parse(await call(socket, 'trainee:say', { sessionId, text: APOLOGY, index: 1 }));
    expect(retry.index).toBe(1);
    await events.next('customer:say', (p) => p.index === 2);
    expect((await server.ctx.store.getSession(sessionId))!.turns.map((t) => t.index)).toEqual([0, 1, 2]);
  });
});

describe('a bug in a handler', () => {
  it('is answered internal and logged; the process and the connection go on', async () => {
    const server = await start();
    const trainee = await server.user();
    const socket = await server.connect(trainee.token);
    // A session stored without the customer's state (damaged data): the turn cannot be stepped.
    const sessionId = 'damaged-session';
    await server.ctx.store.createSession(
      {
        id: sessionId, traineeId: trainee.id, personaId: 'late-disbursement', personaVersion: 1, locale: 'zh-Hant', scenario: 'complaint',
        mode: 'scripted', seed: 1, startedAt: new Date().toISOString(), endedAt: null, outcome: null, report: null,
      },
      { index: 0, role: 'customer', text: '我的錢呢？', at: new Date().toISOString(), mood: { anger: 5, trust: 3, confusion: 2 } },
    );
    expect(await call(socket, 'trainee:say', { sessionId, text: '抱歉讓您久等。' })).toEqual({
      ok: false,
      error: { code: 'internal', message: 'the server failed to handle this event' },
    });
    expect(server.logs.some((l) => l.startsWith('trainee:say: internal error') && l.includes('no stored state'))).toBe(true);
    expect((await server.ctx.store.getSession(sessionId))!.turns).toHaveLength(1);
    expect(socket.connected).toBe(true);
    expect((await startSession(socket)).length).toBeGreaterThan(0);
  });
});
