/**
 * One training session kept in step with the server, apart from React and the socket: the
 * state (sessionState.ts's reducer), the reply waiting for its acknowledgement (the outbox),
 * and when to send it again or resume. The connection and the clock come in from outside
 * (useTrainingSession.ts gives the socket and the browser's timers; the tests give fakes), so
 * every retry can be stepped through.
 *
 * Nothing is lost across a dropped connection: a reply is sent with the index it will have
 * (the server's `trainee:say` extension), so sending it again after a reconnect is answered
 * with the stored result instead of storing it twice. A reply written while offline waits in
 * the outbox and goes out once the session has been resumed. A reply the server stored but
 * never answered (it restarted, storage failed) is nudged by sending it again, which makes
 * the server answer it, after a pause that lets an answer already on its way arrive.
 *
 * Every tab of the trainee hears every turn (`trainee:said`, `customer:say`), so all of them
 * show the same conversation; a turn heard past a gap (an event missed) resumes the session,
 * which brings the stored turns.
 */
import type { Answer, ScoreReport, ServerToClientEvents, SessionOutcome } from '../shared/contract.ts';
import type { NoAnswer } from '../shared/socket.ts';
import { canSend, initialSessionState, MOVED_ON, nextIndex, sessionReducer, unansweredTrainee, type SessionAction, type SessionState } from './sessionState.ts';

/** The session's side of the connection: its requests, each answered or timed out, never thrown. */
export interface SessionLink {
  connected(): boolean;
  say(item: OutboxItem): Promise<Answer<'trainee:say'> | NoAnswer>;
  resume(): Promise<Answer<'session:resume'> | NoAnswer>;
  end(): Promise<Answer<'session:end'> | NoAnswer>;
}

/** Time as the session uses it: run something later, or not after all. */
export interface Clock {
  /** Runs `run` after `ms`; the function returned cancels it. */
  after(ms: number, run: () => void): () => void;
}

/** The server's events about one session that the chat follows. */
type SessionEvent = 'trainee:said' | 'turn:model_signals' | 'customer:typing' | 'customer:delta' | 'customer:say' | 'customer:error' | 'session:ended';

/** One of them as the socket delivers it, its payload typed by the server's event map. */
export type HeardEvent = { [E in SessionEvent]: { event: E; payload: Parameters<ServerToClientEvents[E]>[0] } }[SessionEvent];

export interface OutboxItem {
  index: number;
  text: string;
}

export type EndResult = { ok: true; outcome: SessionOutcome; report: ScoreReport } | { ok: false; code: string; message: string };

export interface SessionSync {
  getState(): SessionState;
  /** Calls `listener` after every change of the state; the function returned stops it. */
  subscribe(listener: () => void): () => void;
  /** The page shows the session: resume now if connected, and from now on after each reconnection. */
  start(): void;
  /** The connection came up (again): resume, then send what waits. */
  connected(): void;
  hear(heard: HeardEvent): void;
  /** Sends a reply; false when the session does not take one now. */
  send(text: string): boolean;
  /** Ends the session and resolves with the report, or with the error. */
  end(): Promise<EndResult>;
  /** The page is gone: nothing more is scheduled, and what was is cancelled. */
  stop(): void;
}

/** The pauses before trying again, in milliseconds. */
export const RETRY_MS = {
  /** An unanswered reply may wait this long for its answer before it is sent again. */
  nudge: 4000,
  /** A resume that failed for a passing reason (storage busy, no answer in time) is tried again. */
  resume: 2000,
  /** The customer's reply could not be stored: a resume this much later finds it missing and asks again. */
  replyDelayed: 3000,
};

/** Codes after which the session cannot be shown at all. */
const FATAL = new Set(['not_found', 'forbidden', 'bad_request']);

export function createSessionSync(sessionId: string, link: SessionLink, clock: Clock): SessionSync {
  let state = initialSessionState(sessionId);
  const listeners = new Set<() => void>();
  /** The reply not yet acknowledged, if any. */
  let outbox: OutboxItem | null = null;
  let active = false;
  const timers = new Map<string, () => void>();

  function dispatch(action: SessionAction): void {
    const next = sessionReducer(state, action);
    if (next === state) return;
    state = next;
    for (const listener of [...listeners]) listener();
  }

  /** One timer per purpose: setting it again replaces the one waiting. */
  function later(purpose: string, ms: number, run: () => void): void {
    timers.get(purpose)?.();
    if (!active) return;
    timers.set(
      purpose,
      clock.after(ms, () => {
        timers.delete(purpose);
        if (active) run();
      }),
    );
  }

  function giveBack(item: OutboxItem, error: { code: string; message: string }): void {
    if (outbox?.index === item.index) outbox = null;
    dispatch({ type: 'sayRefused', index: item.index, text: item.text, error });
  }

  async function transmit(item: OutboxItem): Promise<void> {
    const answer = await link.say(item);
    if (answer.ok) {
      if (outbox?.index === item.index) outbox = null;
      dispatch({ type: 'said', index: answer.index, score: answer.score });
      return;
    }
    // No answer: the connection dropped or the server is slow. The reply stays in the
    // outbox; the next resume sends it again, and the index keeps it from counting twice.
    if (answer.error.code === 'timeout') {
      if (link.connected()) void resume();
      return;
    }
    // Refused. Already given back when a turn from another tab took its index.
    if (outbox?.index !== item.index) return;
    giveBack(item, answer.error);
  }

  /** Sends again a stored turn the customer has not answered: the server then answers it. */
  async function nudge(item: OutboxItem): Promise<void> {
    const answer = await link.say(item);
    if (!answer.ok && answer.error.code === 'timeout' && link.connected()) void resume();
  }

  async function resume(): Promise<void> {
    dispatch({ type: 'resuming' });
    const answer = await link.resume();
    if (!answer.ok) {
      const fatal = FATAL.has(answer.error.code);
      dispatch({ type: 'resumeFailed', error: answer.error, fatal });
      if (!fatal) later('resume', RETRY_MS.resume, () => link.connected() && void resume());
      return;
    }
    dispatch({ type: 'resumed', answer });
    // A turn heard while this answer was on its way, past what it holds: the read was older
    // than the event, and a later one fills the gap.
    if (!state.turns.every((t, i) => t.index === i)) later('resume', RETRY_MS.resume, () => link.connected() && void resume());
    const pending = outbox;
    if (pending) {
      const stored = answer.turns.find((t) => t.index === pending.index);
      if (stored?.role === 'trainee' && stored.text === pending.text && stored.score) {
        outbox = null;
      } else if (!stored && !answer.ended) {
        dispatch({ type: 'sending', ...pending, queued: false });
        void transmit(pending);
        return;
      } else {
        // The index went to another turn meanwhile (another tab): give the words back.
        giveBack(pending, answer.ended ? { code: 'ended', message: 'this session has ended' } : MOVED_ON);
        return;
      }
    }
    const last = answer.turns.at(-1);
    if (last?.role === 'trainee' && !answer.ended) {
      later('nudge', RETRY_MS.nudge, () => {
        const now = unansweredTrainee(state);
        // Still no answer, and nothing streaming for it: ask again.
        if (now && now.index === last.index && !state.streaming && link.connected()) void nudge({ index: now.index, text: now.text });
      });
    }
  }

  /** A turn heard past the end of what is shown: something was missed, and the store has it. */
  function catchUp(index: number): void {
    if (index > nextIndex(state) && state.loaded && !state.resuming && link.connected()) void resume();
  }

  function hear(heard: HeardEvent): void {
    if (heard.payload.sessionId !== sessionId) return;
    switch (heard.event) {
      case 'trainee:said': {
        const said = heard.payload;
        catchUp(said.index);
        // Another tab's turn took the index of the reply waiting here: the reducer gives its words back.
        if (outbox?.index === said.index && outbox.text !== said.text) outbox = null;
        dispatch({ type: 'traineeSaid', said });
        return;
      }
      case 'turn:model_signals':
        return dispatch({ type: 'modelSignals', event: heard.payload });
      case 'customer:typing':
        return dispatch({ type: 'typing', index: heard.payload.index });
      case 'customer:delta':
        return dispatch({ type: 'delta', index: heard.payload.index, text: heard.payload.text });
      case 'customer:say':
        catchUp(heard.payload.index);
        return dispatch({ type: 'customerSaid', say: heard.payload });
      case 'customer:error':
        // With a fallback the scripted line follows at once; without one, nothing was stored:
        // a resume a little later finds the reply missing and asks for it again.
        if (heard.payload.fallback) return;
        dispatch({ type: 'replyDelayed', index: heard.payload.index });
        return later('replyDelayed', RETRY_MS.replyDelayed, () => void resume());
      case 'session:ended':
        return dispatch({ type: 'ended', outcome: heard.payload.outcome, report: heard.payload.report });
    }
  }

  return {
    getState: () => state,
    subscribe(listener) {
      listeners.add(listener);
      return () => void listeners.delete(listener);
    },
    start() {
      active = true;
      if (link.connected()) void resume();
    },
    connected() {
      if (active) void resume();
    },
    hear,
    send(text) {
      if (!canSend(state) || outbox) return false;
      const item = { index: nextIndex(state), text };
      outbox = item;
      // Offline, the reply waits (shown as such); the resume after reconnecting sends it.
      const online = link.connected();
      dispatch({ type: 'sending', ...item, queued: !online });
      if (online) void transmit(item);
      return true;
    },
    async end() {
      const answer = await link.end();
      if (answer.ok) {
        dispatch({ type: 'ended', outcome: answer.outcome, report: answer.report });
        return { ok: true, outcome: answer.outcome, report: answer.report };
      }
      // Already over (the customer ended it as we clicked): the resume brings the report.
      if (answer.error.code === 'ended') void resume();
      return { ok: false, ...answer.error };
    },
    stop() {
      active = false;
      for (const cancel of timers.values()) cancel();
      timers.clear();
    },
  };
}
