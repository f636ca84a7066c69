/**
 * Runs one training session over the user's socket: listens to the customer's events for
 * this session, resumes it on every (re)connection, sends the trainee's replies and ends it.
 *
 * Nothing is lost across a dropped connection: a reply is sent with the index it will have
 * (the server's `trainee:say` extension), so sending it again after a reconnect is answered
 * with the stored result instead of storing it twice. A reply written while offline waits in
 * the outbox and goes out once the session has been resumed. A reply the server stored but
 * never answered (it restarted, storage failed) is nudged by sending it again, which makes
 * the server answer it, after a pause that lets an answer already on its way arrive.
 */
import { useCallback, useEffect, useReducer, useRef } from 'react';
import type { CustomerError, CustomerSay, ScoreReport, SessionEnded, SessionOutcome } from '../shared/contract.ts';
import { request } from '../shared/socket.ts';
import { useSocket } from '../shared/SocketProvider.tsx';
import { canSend, initialSessionState, nextIndex, sessionReducer, unansweredTrainee, type SessionState } from './sessionState.ts';

/** Codes after which the session cannot be shown at all. */
const FATAL = new Set(['not_found', 'forbidden', 'bad_request']);
/** How long an unanswered reply may wait for its answer before it is sent again. */
const NUDGE_AFTER_MS = 4000;
const SAY_TIMEOUT_MS = 15_000;

export interface TrainingSession {
  state: SessionState;
  /** Sends a reply; false when the session does not take one now. */
  send(text: string): boolean;
  /** Ends the session and resolves with the report, or with the error. */
  end(): Promise<{ ok: true; outcome: SessionOutcome; report: ScoreReport } | { ok: false; code: string; message: string }>;
}

export function useTrainingSession(sessionId: string): TrainingSession {
  const socket = useSocket();
  const [state, dispatch] = useReducer(sessionReducer, sessionId, initialSessionState);
  const stateRef = useRef(state);
  stateRef.current = state;
  /** The reply not yet acknowledged, if any. */
  const outbox = useRef<{ index: number; text: string } | null>(null);
  const nudge = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  // transmit and resume call each other: the ref breaks the cycle of their definitions.
  const resumeRef = useRef<() => Promise<void>>(async () => {});

  const transmit = useCallback(
    async (item: { index: number; text: string }) => {
      const answer = await request(socket, 'trainee:say', { sessionId, text: item.text, index: item.index }, SAY_TIMEOUT_MS);
      if (answer.ok) {
        if (outbox.current?.index === item.index) outbox.current = null;
        dispatch({ type: 'said', index: answer.index, score: answer.score });
        return;
      }
      // No answer: the connection dropped or the server is slow. The reply stays in the
      // outbox; the next resume sends it again, and the index keeps it from counting twice.
      if (answer.error.code === 'timeout') {
        if (socket.connected) void resumeRef.current();
        return;
      }
      if (outbox.current?.index === item.index) outbox.current = null;
      dispatch({ type: 'sayRefused', index: item.index, error: answer.error });
    },
    [socket, sessionId],
  );

  const resume = useCallback(async () => {
    dispatch({ type: 'resuming' });
    const answer = await request(socket, 'session:resume', { sessionId });
    if (!answer.ok) {
      const fatal = FATAL.has(answer.error.code);
      dispatch({ type: 'resumeFailed', error: answer.error, fatal });
      // A passing failure (storage busy, no answer in time): try again while connected.
      if (!fatal) setTimeout(() => socket.connected && void resumeRef.current(), 2000);
      return;
    }
    dispatch({ type: 'resumed', answer });
    const pending = outbox.current;
    if (pending) {
      const stored = answer.turns.find((t) => t.index === pending.index);
      if (stored?.role === 'trainee' && stored.text === pending.text && stored.score) {
        outbox.current = null;
      } else if (!stored && !answer.ended) {
        dispatch({ type: 'sending', ...pending, queued: false });
        void transmit(pending);
        return;
      } else {
        // The index went to another turn meanwhile (another tab): give the words back.
        outbox.current = null;
        const error = answer.ended ? { code: 'ended', message: 'this session has ended' } : { code: 'conflict', message: 'the conversation moved on' };
        dispatch({ type: 'sayRefused', index: pending.index, error });
        return;
      }
    }
    const last = answer.turns.at(-1);
    if (last?.role === 'trainee' && !answer.ended) {
      clearTimeout(nudge.current);
      nudge.current = setTimeout(() => {
        const now = unansweredTrainee(stateRef.current);
        // Still no answer, and nothing streaming for it: ask again.
        if (now && now.index === last.index && !stateRef.current.streaming && socket.connected) {
          void transmit({ index: now.index, text: now.text });
        }
      }, NUDGE_AFTER_MS);
    }
  }, [socket, sessionId, transmit]);
  resumeRef.current = resume;

  useEffect(() => {
    const mine = (payload: { sessionId: string }) => payload.sessionId === sessionId;
    const onTyping = (p: { sessionId: string; index: number }) => mine(p) && dispatch({ type: 'typing', index: p.index });
    const onDelta = (p: { sessionId: string; index: number; text: string }) => mine(p) && dispatch({ type: 'delta', index: p.index, text: p.text });
    const onSay = (say: CustomerSay) => mine(say) && dispatch({ type: 'customerSaid', say });
    const onError = (e: CustomerError) => {
      // With a fallback the scripted line follows at once; without one, nothing was stored:
      // a resume a little later finds the reply missing and asks for it again.
      if (!mine(e) || e.fallback) return;
      dispatch({ type: 'replyDelayed', index: e.index });
      setTimeout(() => void resume(), 3000);
    };
    const onEnded = (e: SessionEnded) => mine(e) && dispatch({ type: 'ended', outcome: e.outcome, report: e.report });
    const onConnect = () => void resume();

    socket.on('customer:typing', onTyping);
    socket.on('customer:delta', onDelta);
    socket.on('customer:say', onSay);
    socket.on('customer:error', onError);
    socket.on('session:ended', onEnded);
    socket.on('connect', onConnect);
    if (socket.connected) void resume();
    return () => {
      socket.off('customer:typing', onTyping);
      socket.off('customer:delta', onDelta);
      socket.off('customer:say', onSay);
      socket.off('customer:error', onError);
      socket.off('session:ended', onEnded);
      socket.off('connect', onConnect);
      clearTimeout(nudge.current);
    };
  }, [socket, sessionId, resume]);

  const send = useCallback(
    (text: string): boolean => {
      const current = stateRef.current;
      if (!canSend(current) || outbox.current) return false;
      const item = { index: nextIndex(current), text };
      outbox.current = item;
      // Offline, the reply waits (shown as such); the resume after reconnecting sends it.
      dispatch({ type: 'sending', ...item, queued: !socket.connected });
      if (socket.connected) void transmit(item);
      return true;
    },
    [socket, transmit],
  );

  const end = useCallback(async () => {
    const answer = await request(socket, 'session:end', { sessionId });
    if (answer.ok) {
      dispatch({ type: 'ended', outcome: answer.outcome, report: answer.report });
      return { ok: true as const, outcome: answer.outcome, report: answer.report };
    }
    // Already over (the customer ended it as we clicked): the resume brings the report.
    if (answer.error.code === 'ended') void resume();
    return { ok: false as const, ...answer.error };
  }, [socket, sessionId, resume]);

  return { state, send, end };
}
