/**
 * What the server sends: the payloads of server-to-client events and the success half of
 * each acknowledgement, as zod schemas (the contract's tables, docs: shared/contracts/realtime.md).
 * The socket.io event maps in payloads.ts are derived from these; tests parse what they
 * receive with them.
 *
 * Extensions to the contract (additions only; every contract field keeps its meaning):
 * - `customer:typing` and `customer:delta` carry `index`, the index the customer's turn will have.
 * - `customer:say` carries `fallback: true` when the scripted line replaced a failed LLM reply.
 * - `customer:error` says that the customer's reply at `index` could not be produced as asked:
 *   with `fallback: true` the scripted line follows in `customer:say`; with `fallback: false`
 *   nothing was stored (storage failed) and `session:resume` later fills the reply in.
 * - `trainee:said` gives every tab of the owner the trainee's turn once it is stored, before the
 *   customer's reply to it, so a tab that did not send it shows it (and its score) in order.
 *   The tab that sent it has it from its ack as well: clients keep one turn per index.
 * - `turn:model_signals` (LLM mode with SPARRING_LLM_MODEL_SIGNALS=on) follows `trainee:said`: the
 *   signals a model found in the trainee's turn at `index`, each with its quote (evidence marked
 *   `source: "model"`), and `score`, the turn as it reads with them (the rubric's
 *   `model_signals.counts` decides whether they change it); `error` when the model could not
 *   read it. Shown only: the stored turn, its ack and the report keep the rules' score.
 * - `request:rejected` answers, on that connection only, an event that came without an ack
 *   callback (so it cannot be answered through one).
 * - `session:start` may carry `assignmentId` (payloads.ts); its ack then adds `settings`.
 * - Acks: `session:start` adds `mode`; `session:resume` adds `sessionId`, `personaId`, `locale`,
 *   `mode`, `outcome` and `report`; `session:end` adds `outcome`.
 */
import { z } from 'zod';
import { OUTCOMES } from '../domain/customerState.ts';
import { Mood } from '../domain/mood.ts';
import { publicPersona } from '../personas/schema.ts';
import { Evidence, Locale, ScoreReport, TurnScore } from '../scoring/types.ts';
import { Outcome, StoredTurn } from '../domain/records.ts';
import { AckErrorCode } from './ackErrors.ts';

const SessionId = z.string();
const Index = z.number().int().nonnegative();
export const Mode = z.enum(['scripted', 'llm']);
export type Mode = z.infer<typeof Mode>;

// ---- server to client events ----

export const CustomerTyping = z.object({ sessionId: SessionId, index: Index });
export const CustomerDelta = z.object({ sessionId: SessionId, index: Index, text: z.string() });
export const CustomerSay = z.object({
  sessionId: SessionId,
  index: Index,
  text: z.string(),
  mood: Mood,
  ended: z.boolean(),
  outcome: z.enum(OUTCOMES).optional(),
  fallback: z.literal(true).optional(),
});
export const CustomerError = z.object({
  sessionId: SessionId,
  index: Index,
  /** `llm_timeout`, `llm_unavailable`, `llm_rate_limited`, `llm_bad_response`, `llm_empty`, or `unavailable` (storage). */
  error: z.object({ code: z.string(), message: z.string() }),
  fallback: z.boolean(),
});
export const TraineeSaid = z.object({ sessionId: SessionId, index: Index, text: z.string(), score: TurnScore });
export const TurnModelSignals = z.object({
  sessionId: SessionId,
  index: Index,
  findings: z.array(Evidence),
  score: TurnScore,
  error: z.object({ code: z.string(), message: z.string() }).optional(),
});
export const SessionEnded = z.object({ sessionId: SessionId, outcome: Outcome, report: ScoreReport });
export const RequestRejected = z.object({ event: z.string(), error: z.object({ code: AckErrorCode, message: z.string() }) });
/**
 * Sent just before the server closes a connection whose sign-in ended: logout, a password
 * change or reset, a deactivation or role change, or an expired token. The client shows
 * the sign-in page with "signed out".
 */
export const SIGN_OUT_REASONS = ['logout', 'password_changed', 'account_changed', 'expired'] as const;
export const SignedOut = z.object({ reason: z.enum(SIGN_OUT_REASONS) });

export type CustomerTyping = z.infer<typeof CustomerTyping>;
export type CustomerDelta = z.infer<typeof CustomerDelta>;
export type CustomerSay = z.infer<typeof CustomerSay>;
export type CustomerError = z.infer<typeof CustomerError>;
export type TraineeSaid = z.infer<typeof TraineeSaid>;
export type SessionEnded = z.infer<typeof SessionEnded>;
export type TurnModelSignals = z.infer<typeof TurnModelSignals>;
export type RequestRejected = z.infer<typeof RequestRejected>;
export type SignedOut = z.infer<typeof SignedOut>;
export type SignOutReason = SignedOut['reason'];

// ---- acknowledgements on success ----

/** The persona as a trainee may see it: publicPersona() is the one definition. */
const PublicPersona = z.custom<ReturnType<typeof publicPersona>>((v) => typeof v === 'object' && v !== null);

/** A stored turn as a client sees it: without the customer's internal state. */
export const ClientTurn = StoredTurn.omit({ state: true });
export type ClientTurn = z.infer<typeof ClientTurn>;

export const SessionStartOk = z.object({
  ok: z.literal(true),
  sessionId: SessionId,
  mode: Mode,
  persona: PublicPersona,
  opening: z.object({ text: z.string(), mood: Mood }),
  /** What the coach required for an assigned session: the mood gauge hidden, live hints on, off or the trainee's choice. */
  settings: z.object({ hideMood: z.boolean(), hints: z.enum(['on', 'off', 'trainee']) }).optional(),
});
export const TraineeSayOk = z.object({ ok: z.literal(true), index: Index, score: TurnScore });
export const SessionResumeOk = z.object({
  ok: z.literal(true),
  sessionId: SessionId,
  personaId: z.string(),
  locale: Locale,
  mode: Mode,
  turns: z.array(ClientTurn),
  mood: Mood,
  ended: z.boolean(),
  outcome: Outcome.nullable(),
  /** The whole report once the session has ended (a client that missed `session:ended` gets it here). */
  report: ScoreReport.nullable(),
});
export const SessionEndOk = z.object({ ok: z.literal(true), report: ScoreReport, outcome: Outcome });

export type SessionStartOk = z.infer<typeof SessionStartOk>;
export type TraineeSayOk = z.infer<typeof TraineeSayOk>;
export type SessionResumeOk = z.infer<typeof SessionResumeOk>;
export type SessionEndOk = z.infer<typeof SessionEndOk>;
