// The chat page's session state (client/src/trainee/sessionState.ts): what the trainee sees
// after each thing the server says or the trainee does. Each turn shows once, at its place,
// however many times and in whatever order it is heard (a tab's own ack, `trainee:said` to
// every tab, a resume), and the goal panel follows the scored turns whichever tab sent them.
import { describe, expect, it } from 'vitest';
import { goalProgress, stepsTaken } from '../../client/src/trainee/goalProgress.ts';
import {
  canSend,
  initialSessionState,
  MOVED_ON,
  nextIndex,
  sessionReducer,
  unansweredTrainee,
  type SessionAction,
  type SessionState,
} from '../../client/src/trainee/sessionState.ts';
import { ANGRY, CALMER, customerSay, OPENING, reportOf, resumeAnswer, scoreOf, SESSION_ID, traineeSaid } from './sessionFixtures.ts';

const APOLOGY = '陳先生，讓您等了這麼久，真的很抱歉。';
const ASK = '可以跟我說說這段時間有沒有人跟您聯絡過？';
const OTHER = '您好，我來幫您查一下。';

const run = (state: SessionState, ...actions: SessionAction[]): SessionState => actions.reduce(sessionReducer, state);

/** A session loaded with the customer's opening. */
const opened = (): SessionState => run(initialSessionState(SESSION_ID), { type: 'resuming' }, { type: 'resumed', answer: resumeAnswer([{ role: 'customer', text: OPENING }]) });

const shown = (state: SessionState) => state.turns.map((t) => `${t.index}:${t.role}:${t.text}${t.status ? ` (${t.status})` : ''}`);
const scores = (state: SessionState) => state.turns.flatMap((t) => (t.score ? [t.score] : []));

describe('loading a session', () => {
  it('shows nothing and takes no reply before the first resume', () => {
    const state = initialSessionState(SESSION_ID);
    expect(state.loaded).toBe(false);
    expect(canSend(state)).toBe(false);
  });

  it('shows the stored conversation, the mood and who speaks next', () => {
    const state = run(initialSessionState(SESSION_ID), { type: 'resumed', answer: resumeAnswer([{ role: 'customer', text: OPENING }, { role: 'trainee', text: APOLOGY }]) });
    expect(shown(state)).toEqual([`0:customer:${OPENING}`, `1:trainee:${APOLOGY}`]);
    expect(state).toMatchObject({ loaded: true, resuming: false, personaId: 'late-disbursement', locale: 'zh-Hant', mood: ANGRY });
    // The customer owes an answer: the trainee waits.
    expect(canSend(state)).toBe(false);
    expect(unansweredTrainee(state)?.index).toBe(1);
    expect(nextIndex(state)).toBe(2);
  });

  it('says when the session cannot be shown at all, and not for a passing failure', () => {
    const passing = run(initialSessionState(SESSION_ID), { type: 'resuming' }, { type: 'resumeFailed', error: { code: 'unavailable', message: 'try again' }, fatal: false });
    expect(passing).toMatchObject({ resuming: false, loadError: null });
    const fatal = run(passing, { type: 'resumeFailed', error: { code: 'not_found', message: 'no session with this id' }, fatal: true });
    expect(fatal.loadError).toEqual({ code: 'not_found', message: 'no session with this id' });
  });

  it('takes the stored turns as the truth and keeps a reply of its own that is not stored yet after them', () => {
    const before = run(opened(), { type: 'traineeSaid', said: traineeSaid(1, APOLOGY) }, { type: 'customerSaid', say: customerSay(2, '好吧') }, { type: 'sending', index: 3, text: ASK, queued: true });
    // A resume that has turns 0 to 2 (with turn 2 worded as stored) leaves the waiting reply after them.
    const after = run(before, {
      type: 'resumed',
      answer: resumeAnswer([{ role: 'customer', text: OPENING }, { role: 'trainee', text: APOLOGY }, { role: 'customer', text: '好吧，你查。', mood: CALMER }]),
    });
    expect(shown(after)).toEqual([`0:customer:${OPENING}`, `1:trainee:${APOLOGY}`, '2:customer:好吧，你查。', `3:trainee:${ASK} (queued)`]);
  });

  it('fills in the turns a tab missed while it was offline, each once', () => {
    // This tab saw the opening only; the other tab went on for two exchanges.
    const stored = resumeAnswer([
      { role: 'customer', text: OPENING },
      { role: 'trainee', text: APOLOGY, steps: ['acknowledge'] },
      { role: 'customer', text: '好吧' },
      { role: 'trainee', text: ASK, steps: ['investigate'] },
      { role: 'customer', text: '有個小姐打來過', mood: CALMER },
    ]);
    const state = run(opened(), { type: 'resumed', answer: stored });
    expect(state.turns.map((t) => t.index)).toEqual([0, 1, 2, 3, 4]);
    expect(state.mood).toEqual(CALMER);
    expect(stepsTaken(scores(state)).map((s) => s.step)).toEqual(['acknowledge', 'investigate']);
    // Resuming again changes nothing the trainee sees.
    expect(run(state, { type: 'resumed', answer: stored }).turns).toEqual(state.turns);
  });

  it('takes the end and the report from a resume', () => {
    const state = run(opened(), { type: 'resumed', answer: resumeAnswer([{ role: 'customer', text: OPENING }], { ended: true, outcome: 'abandoned', report: reportOf(50) }) });
    expect(state).toMatchObject({ ended: true, outcome: 'abandoned' });
    expect(state.report?.summary.overall).toBe(50);
    expect(canSend(state)).toBe(false);
  });
});

describe('a reply sent from this tab', () => {
  it('shows as sending, then with its score once acknowledged', () => {
    const sending = run(opened(), { type: 'sending', index: 1, text: APOLOGY, queued: false });
    expect(shown(sending)).toEqual([`0:customer:${OPENING}`, `1:trainee:${APOLOGY} (sending)`]);
    expect(canSend(sending)).toBe(false);
    const acked = run(sending, { type: 'said', index: 1, score: scoreOf(1, ['acknowledge']) });
    expect(shown(acked)).toEqual([`0:customer:${OPENING}`, `1:trainee:${APOLOGY}`]);
    expect(acked.turns[1]!.score).toEqual(scoreOf(1, ['acknowledge']));
  });

  it('shows once, whether trainee:said comes after its ack or before it', () => {
    const sending = run(opened(), { type: 'sending', index: 1, text: APOLOGY, queued: false });
    const said = { type: 'traineeSaid', said: traineeSaid(1, APOLOGY, ['acknowledge']) } as const;
    const ack = { type: 'said', index: 1, score: scoreOf(1, ['acknowledge']) } as const;
    const ackFirst = run(sending, ack, said);
    const saidFirst = run(sending, said, ack);
    expect(shown(ackFirst)).toEqual([`0:customer:${OPENING}`, `1:trainee:${APOLOGY}`]);
    expect(saidFirst.turns).toEqual(ackFirst.turns);
    expect(saidFirst.refused).toBeNull();
    // Heard again (a replay after a reconnect): nothing changes.
    expect(run(ackFirst, said)).toBe(ackFirst);
  });

  it('waits as queued while offline', () => {
    const state = run(opened(), { type: 'sending', index: 1, text: APOLOGY, queued: true });
    expect(shown(state).at(-1)).toBe(`1:trainee:${APOLOGY} (queued)`);
  });

  it('comes back to the composer when refused, and the trainee may write again', () => {
    const state = run(opened(), { type: 'sending', index: 1, text: APOLOGY, queued: false }, { type: 'sayRefused', index: 1, text: APOLOGY, error: { code: 'limit_reached', message: 'too many' } });
    expect(shown(state)).toEqual([`0:customer:${OPENING}`]);
    expect(state.refused).toEqual({ text: APOLOGY, code: 'limit_reached', message: 'too many' });
    expect(canSend(state)).toBe(true);
    // The next reply clears the refusal.
    expect(run(state, { type: 'sending', index: 1, text: ASK, queued: false }).refused).toBeNull();
  });

  it('comes back to the composer when another tab’s turn took its place, which stays shown', () => {
    const waiting = run(opened(), { type: 'sending', index: 1, text: APOLOGY, queued: false });
    const live = run(waiting, { type: 'traineeSaid', said: traineeSaid(1, OTHER) });
    expect(shown(live)).toEqual([`0:customer:${OPENING}`, `1:trainee:${OTHER}`]);
    expect(live.refused).toEqual({ text: APOLOGY, ...MOVED_ON });
    // Found by a resume instead: the stored turn shows and the words still come back.
    const resumed = run(waiting, { type: 'resumed', answer: resumeAnswer([{ role: 'customer', text: OPENING }, { role: 'trainee', text: OTHER }]) });
    const refused = run(resumed, { type: 'sayRefused', index: 1, text: APOLOGY, error: MOVED_ON });
    expect(shown(refused)).toEqual([`0:customer:${OPENING}`, `1:trainee:${OTHER}`]);
    expect(refused.refused).toEqual({ text: APOLOGY, ...MOVED_ON });
  });
});

describe('turns sent from another tab', () => {
  it('show in order before the customer’s answer, with the goal panel and the mood current', () => {
    const state = run(
      opened(),
      { type: 'traineeSaid', said: traineeSaid(1, APOLOGY, ['acknowledge']) },
      { type: 'typing', index: 2 },
      { type: 'customerSaid', say: customerSay(2, '好吧，你查。', CALMER) },
      { type: 'traineeSaid', said: traineeSaid(3, ASK, ['investigate']) },
    );
    expect(shown(state)).toEqual([`0:customer:${OPENING}`, `1:trainee:${APOLOGY}`, '2:customer:好吧，你查。', `3:trainee:${ASK}`]);
    expect(state.mood).toEqual(CALMER);
    expect(stepsTaken(scores(state)).map((s) => s.step)).toEqual(['acknowledge', 'investigate']);
    expect(goalProgress(['complaint_process', 'empathy'], scores(state))).toEqual([
      { goal: 'complaint_process', score: 50 },
      { goal: 'empathy', score: 70 },
    ]);
    // The customer owes the answer to turn 3: this tab does not write over it.
    expect(canSend(state)).toBe(false);
  });

  it('never take the place of a customer’s line', () => {
    const state = run(opened(), { type: 'traineeSaid', said: { ...traineeSaid(0, OTHER) } });
    expect(shown(state)).toEqual([`0:customer:${OPENING}`]);
  });
});

describe('the customer’s reply', () => {
  it('streams in, then shows as said, and moves the mood', () => {
    const asked = run(opened(), { type: 'traineeSaid', said: traineeSaid(1, APOLOGY) });
    const streaming = run(asked, { type: 'typing', index: 2 }, { type: 'delta', index: 2, text: '好吧，' }, { type: 'delta', index: 2, text: '你查' });
    expect(streaming.streaming).toEqual({ index: 2, text: '好吧，你查' });
    const said = run(streaming, { type: 'customerSaid', say: customerSay(2, '好吧，你查。', CALMER) });
    expect(said.streaming).toBeNull();
    expect(shown(said).at(-1)).toBe('2:customer:好吧，你查。');
    expect(said.mood).toEqual(CALMER);
    expect(canSend(said)).toBe(true);
    // A late typing or delta for a reply already shown does not start a new bubble; hearing it twice changes nothing.
    expect(run(said, { type: 'typing', index: 2 }, { type: 'delta', index: 2, text: '…' }).streaming).toBeNull();
    expect(run(said, { type: 'customerSaid', say: customerSay(2, '好吧，你查。', CALMER) }).turns).toEqual(said.turns);
  });

  it('that could not be stored is said to be late until it comes', () => {
    const asked = run(opened(), { type: 'traineeSaid', said: traineeSaid(1, APOLOGY) }, { type: 'typing', index: 2 });
    const delayed = run(asked, { type: 'replyDelayed', index: 2 });
    expect(delayed).toMatchObject({ replyDelayed: true, streaming: null });
    expect(run(delayed, { type: 'customerSaid', say: customerSay(2, '好吧') }).replyDelayed).toBe(false);
  });

  it('that ends the session ends it, with the report when it comes', () => {
    const asked = run(opened(), { type: 'traineeSaid', said: traineeSaid(1, APOLOGY) });
    const last = run(asked, { type: 'customerSaid', say: customerSay(2, '謝謝你', CALMER, true) });
    expect(last).toMatchObject({ ended: true, outcome: 'resolved' });
    expect(canSend(last)).toBe(false);
    expect(unansweredTrainee(last)).toBeNull();
  });
});
