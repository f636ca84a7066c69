/**
 * A training session as the chat page holds it, and every change to it as one pure step
 * (a reducer): what the server said (a resume, a trainee's turn sent from any tab, a
 * customer's reply, its pieces as they stream, the end) and what the trainee did here (a
 * reply sent, acknowledged, refused). Turns are keyed by their transcript index, so an
 * event that arrives twice, a turn heard both as this tab's ack and as `trainee:said`, or
 * one a resume already holds, is shown once. What a model read in a reply is kept beside the
 * turns, by index: it is sent to the open tabs only (never stored), so a resume, which
 * replaces the turns, keeps it.
 */
import type { CustomerSay, Locale, Mood, ScoreReport, SessionOutcome, SessionResumeOk, TraineeSaid, TurnModelSignals, TurnScore } from '../shared/contract.ts';
import { modelReadingOf, type ModelReading } from './modelReading.ts';

export interface ChatTurn {
  index: number;
  role: 'customer' | 'trainee';
  text: string;
  /** Customer turns: the mood after it. */
  mood?: Mood;
  /** Trainee turns, once the server has acknowledged them. */
  score?: TurnScore;
  /** Trainee turns not acknowledged yet: on their way, or waiting for the connection. */
  status?: 'sending' | 'queued';
}

export interface SessionState {
  sessionId: string;
  /** True once the first resume has answered: the page knows the session. */
  loaded: boolean;
  personaId: string | null;
  locale: Locale | null;
  /** In transcript order. */
  turns: ChatTurn[];
  mood: Mood | null;
  /** What the model found in the trainee's turns, by index (LLM mode with model signals on). */
  modelReadings: Readonly<Record<number, ModelReading>>;
  /** The customer's reply while it is being written: its index and the text so far (null: not typing). */
  streaming: { index: number; text: string } | null;
  ended: boolean;
  outcome: SessionOutcome | null;
  report: ScoreReport | null;
  /** The customer's reply could not be stored; a later resume brings it. */
  replyDelayed: boolean;
  /** A resume is on its way (after a reconnect). */
  resuming: boolean;
  /** The session could not be loaded at all (not found, not yours). */
  loadError: { code: string; message: string } | null;
  /** The last reply the server refused, for the page to give back to the composer. */
  refused: { text: string; code: string; message: string } | null;
}

export type SessionAction =
  | { type: 'resuming' }
  | { type: 'resumed'; answer: SessionResumeOk }
  | { type: 'resumeFailed'; error: { code: string; message: string }; fatal: boolean }
  | { type: 'sending'; index: number; text: string; queued: boolean }
  | { type: 'said'; index: number; score: TurnScore }
  /** `text`: the words to give back to the composer, whether or not the turn is still shown. */
  | { type: 'sayRefused'; index: number; text: string; error: { code: string; message: string } }
  | { type: 'traineeSaid'; said: TraineeSaid }
  | { type: 'modelSignals'; event: TurnModelSignals }
  | { type: 'typing'; index: number }
  | { type: 'delta'; index: number; text: string }
  | { type: 'customerSaid'; say: CustomerSay }
  | { type: 'replyDelayed'; index: number }
  | { type: 'ended'; outcome: SessionOutcome; report: ScoreReport };

export function initialSessionState(sessionId: string): SessionState {
  return {
    sessionId,
    loaded: false,
    personaId: null,
    locale: null,
    turns: [],
    modelReadings: {},
    mood: null,
    streaming: null,
    ended: false,
    outcome: null,
    report: null,
    replyDelayed: false,
    resuming: false,
    loadError: null,
    refused: null,
  };
}

/** What a reply is refused with when another tab's turn took its place. */
export const MOVED_ON = { code: 'conflict', message: 'the conversation moved on' } as const;

/** `turns` with `turn` put at its index (replacing what was there), still in order. */
function upsert(turns: readonly ChatTurn[], turn: ChatTurn): ChatTurn[] {
  return [...turns.filter((t) => t.index !== turn.index), turn].sort((a, b) => a.index - b.index);
}

/** The index the trainee's next reply will have. */
export function nextIndex(state: SessionState): number {
  return (state.turns.at(-1)?.index ?? -1) + 1;
}

/** The trainee may write when the customer has spoken last and the session is still on. */
export function canSend(state: SessionState): boolean {
  return state.loaded && !state.ended && state.turns.at(-1)?.role === 'customer';
}

/** The trainee's last turn when the customer has not answered it yet. */
export function unansweredTrainee(state: SessionState): ChatTurn | null {
  const last = state.turns.at(-1);
  return last?.role === 'trainee' && !last.status && !state.ended ? last : null;
}

function resumed(state: SessionState, answer: SessionResumeOk): SessionState {
  // The server's turns are the truth; a later turn we hold (a reply not yet stored, a
  // customer line that came in while the resume was on its way) stays after them.
  const stored: ChatTurn[] = answer.turns.map((t) => ({
    index: t.index,
    role: t.role,
    text: t.text,
    ...(t.mood ? { mood: t.mood } : {}),
    ...(t.score ? { score: t.score } : {}),
  }));
  const later = state.turns.filter((t) => t.index >= stored.length);
  const turns = [...stored, ...later];
  const streaming = state.streaming && state.streaming.index >= turns.length ? state.streaming : null;
  return {
    ...state,
    loaded: true,
    resuming: false,
    loadError: null,
    personaId: answer.personaId,
    locale: answer.locale,
    turns,
    mood: answer.mood,
    streaming,
    ended: answer.ended,
    outcome: answer.outcome ?? state.outcome,
    report: answer.report ?? state.report,
    replyDelayed: state.replyDelayed && turns.at(-1)?.role === 'trainee',
  };
}

/** A trainee's turn as stored, from whichever tab sent it. */
function traineeSaid(state: SessionState, said: TraineeSaid): SessionState {
  const held = state.turns.find((t) => t.index === said.index);
  if (held?.role === 'customer') return state;
  if (held && !held.status && held.text === said.text && held.score) return state;
  const turns = upsert(state.turns, { index: said.index, role: 'trainee', text: said.text, score: said.score });
  // This tab's reply, still on its way, lost its index to a turn sent from another tab: its words come back.
  const displaced = held?.status && held.text !== said.text;
  return { ...state, turns, ...(displaced ? { refused: { text: held.text, ...MOVED_ON } } : {}) };
}

export function sessionReducer(state: SessionState, action: SessionAction): SessionState {
  switch (action.type) {
    case 'resuming':
      return { ...state, resuming: true };
    case 'resumed':
      return resumed(state, action.answer);
    case 'resumeFailed':
      return { ...state, resuming: false, loadError: action.fatal ? action.error : state.loadError };
    case 'sending':
      return {
        ...state,
        refused: null,
        turns: upsert(state.turns, { index: action.index, role: 'trainee', text: action.text, status: action.queued ? 'queued' : 'sending' }),
      };
    case 'said': {
      const turn = state.turns.find((t) => t.index === action.index);
      if (!turn || turn.role !== 'trainee') return state;
      return { ...state, turns: upsert(state.turns, { index: turn.index, role: 'trainee', text: turn.text, score: action.score }) };
    }
    case 'sayRefused': {
      // A turn stored at that index meanwhile (another tab's) stays; only our unsent one goes.
      const turns = state.turns.filter((t) => !(t.index === action.index && t.status));
      return { ...state, turns, refused: { text: action.text, ...action.error } };
    }
    case 'traineeSaid':
      return traineeSaid(state, action.said);
    case 'modelSignals': {
      const { index } = action.event;
      if (state.turns.find((t) => t.index === index)?.role === 'customer') return state;
      return { ...state, modelReadings: { ...state.modelReadings, [index]: modelReadingOf(action.event) } };
    }
    case 'typing':
      if (state.turns.some((t) => t.index === action.index)) return state;
      return { ...state, streaming: { index: action.index, text: '' } };
    case 'delta': {
      if (state.turns.some((t) => t.index === action.index)) return state;
      const sofar = state.streaming?.index === action.index ? state.streaming.text : '';
      return { ...state, streaming: { index: action.index, text: sofar + action.text } };
    }
    case 'customerSaid': {
      const { say } = action;
      // The final text replaces the streamed preview: it may have been cut at a sentence end.
      const turns = upsert(state.turns, { index: say.index, role: 'customer', text: say.text, mood: say.mood });
      return {
        ...state,
        turns,
        mood: say.mood,
        streaming: state.streaming && state.streaming.index > say.index ? state.streaming : null,
        ended: state.ended || say.ended,
        outcome: say.outcome ?? state.outcome,
        replyDelayed: false,
      };
    }
    case 'replyDelayed':
      return { ...state, streaming: null, replyDelayed: true };
    case 'ended':
      return { ...state, ended: true, outcome: action.outcome, report: action.report, streaming: null };
  }
}
