/**
 * Runs one training session over the user's socket: what keeps it in step with the server
 * (the outbox, the retries, the resumes) is sessionSync.ts; this hook gives it the socket and
 * the browser's timers, passes it the session's events and every (re)connection, and hands
 * its state to React.
 */
import { useEffect, useMemo, useSyncExternalStore } from 'react';
import type { ServerToClientEvents } from '../shared/contract.ts';
import { request, type TrainingSocket } from '../shared/socket.ts';
import { useSocket } from '../shared/SocketProvider.tsx';
import type { SessionState } from './sessionState.ts';
import { createSessionSync, type Clock, type EndResult, type SessionLink } from './sessionSync.ts';

/** A reply may take this long to be stored and scored before it counts as unanswered. */
const SAY_TIMEOUT_MS = 15_000;

export interface TrainingSession {
  state: SessionState;
  /** Sends a reply; false when the session does not take one now. */
  send(text: string): boolean;
  /** Ends the session and resolves with the report, or with the error. */
  end(): Promise<EndResult>;
}

const browserClock: Clock = {
  after(ms, run) {
    const timer = setTimeout(run, ms);
    return () => clearTimeout(timer);
  },
};

function socketLink(socket: TrainingSocket, sessionId: string): SessionLink {
  return {
    connected: () => socket.connected,
    say: (item) => request(socket, 'trainee:say', { sessionId, text: item.text, index: item.index }, SAY_TIMEOUT_MS),
    resume: () => request(socket, 'session:resume', { sessionId }),
    end: () => request(socket, 'session:end', { sessionId }),
  };
}

export function useTrainingSession(sessionId: string): TrainingSession {
  const socket = useSocket();
  const sync = useMemo(() => createSessionSync(sessionId, socketLink(socket, sessionId), browserClock), [socket, sessionId]);
  const state = useSyncExternalStore(sync.subscribe, sync.getState);

  useEffect(() => {
    const onTraineeSaid: ServerToClientEvents['trainee:said'] = (payload) => sync.hear({ event: 'trainee:said', payload });
    const onModelSignals: ServerToClientEvents['turn:model_signals'] = (payload) => sync.hear({ event: 'turn:model_signals', payload });
    const onTyping: ServerToClientEvents['customer:typing'] = (payload) => sync.hear({ event: 'customer:typing', payload });
    const onDelta: ServerToClientEvents['customer:delta'] = (payload) => sync.hear({ event: 'customer:delta', payload });
    const onSay: ServerToClientEvents['customer:say'] = (payload) => sync.hear({ event: 'customer:say', payload });
    const onError: ServerToClientEvents['customer:error'] = (payload) => sync.hear({ event: 'customer:error', payload });
    const onEnded: ServerToClientEvents['session:ended'] = (payload) => sync.hear({ event: 'session:ended', payload });
    const onConnect = () => sync.connected();

    socket.on('trainee:said', onTraineeSaid);
    socket.on('turn:model_signals', onModelSignals);
    socket.on('customer:typing', onTyping);
    socket.on('customer:delta', onDelta);
    socket.on('customer:say', onSay);
    socket.on('customer:error', onError);
    socket.on('session:ended', onEnded);
    socket.on('connect', onConnect);
    sync.start();
    return () => {
      socket.off('trainee:said', onTraineeSaid);
      socket.off('turn:model_signals', onModelSignals);
      socket.off('customer:typing', onTyping);
      socket.off('customer:delta', onDelta);
      socket.off('customer:say', onSay);
      socket.off('customer:error', onError);
      socket.off('session:ended', onEnded);
      socket.off('connect', onConnect);
      sync.stop();
    };
  }, [socket, sync]);

  return { state, send: sync.send, end: sync.end };
}
