// The chat's send queue and retries (client/src/trainee/sessionSync.ts), with a made-up
// connection whose every request the test answers by hand, and a clock the test moves: a reply
// is sent once with its index and shown once, waits while offline, is sent again with the same
// index when its answer was lost, comes back to the composer when refused; a stored reply left
// unanswered is nudged after a pause; resumes are tried again after a passing failure; and a
// tab hears the turns another tab sends.
import { describe, expect, it } from 'vitest';
import type { Answer } from '../../client/src/shared/contract.ts';
import type { NoAnswer } from '../../client/src/shared/socket.ts';
import { MOVED_ON } from '../../client/src/trainee/sessionState.ts';
import { createSessionSync, RETRY_MS, type Clock, type OutboxItem, type SessionLink } from '../../client/src/trainee/sessionSync.ts';
import { CALMER, customerSay, OPENING, reportOf, resumeAnswer, scoreOf, SESSION_ID, traineeSaid } from './sessionFixtures.ts';

const APOLOGY = '陳先生，讓您等了這麼久，真的很抱歉。';
const ASK = '可以跟我說說這段時間有沒有人跟您聯絡過？';
const OTHER = '您好，我來幫您查一下。';

type Kind = 'say' | 'resume' | 'end';

/** Lets every promise callback already due run (the sync's `await`s), without waiting on time. */
const settle = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

interface Pending<T> {
  item?: OutboxItem;
  /** Answers the request, then lets the sync act on the answer. */
  answer(value: T): Promise<void>;
}

/** One kind of request: each made is kept open until the test answers it. */
function requests<T>(kind: Kind, sent: Array<{ kind: Kind; item?: OutboxItem }>) {
  const open: Array<Pending<T>> = [];
  return {
    open,
    make(item?: OutboxItem): Promise<T> {
      sent.push(item ? { kind, item } : { kind });
      return new Promise((resolve) => {
        open.push({
          ...(item ? { item } : {}),
          answer: async (value) => {
            resolve(value);
            await settle();
          },
        });
      });
    },
    /** The oldest request still waiting for its answer. */
    next(): Pending<T> {
      const pending = open.shift();
      if (!pending) throw new Error(`no ${kind} request is waiting (made: ${sent.map((s) => s.kind).join(', ') || 'none'})`);
      return pending;
    },
  };
}

/** A connection that records each request and leaves it open until the test answers it. */
function fakeLink() {
  const sent: Array<{ kind: Kind; item?: OutboxItem }> = [];
  const says = requests<Answer<'trainee:say'> | NoAnswer>('say', sent);
  const resumes = requests<Answer<'session:resume'> | NoAnswer>('resume', sent);
  const ends = requests<Answer<'session:end'> | NoAnswer>('end', sent);
  const state = { online: true };
  const link: SessionLink = {
    connected: () => state.online,
    say: (item) => says.make(item),
    resume: () => resumes.make(),
    end: () => ends.make(),
  };
  return {
    link,
    state,
    /** Every request made so far, answered or not. */
    sent,
    nextSay: says.next,
    nextResume: resumes.next,
    nextEnd: ends.next,
    waiting: (kind: Kind) => ({ say: says, resume: resumes, end: ends })[kind].open.length,
  };
}

/** A clock that moves only when told. */
function fakeClock() {
  let now = 0;
  const timers: Array<{ at: number; run: () => void; done: boolean }> = [];
  const clock: Clock = {
    after(ms, run) {
      const timer = { at: now + ms, run, done: false };
      timers.push(timer);
      return () => {
        timer.done = true;
      };
    },
  };
  return {
    clock,
    async advance(ms: number) {
      now += ms;
      for (const timer of timers.filter((t) => !t.done && t.at <= now).sort((a, b) => a.at - b.at)) {
        timer.done = true;
        timer.run();
      }
      await settle();
    },
  };
}

const timeout: NoAnswer = { ok: false, error: { code: 'timeout', message: 'no answer to trainee:say within 15 s' } };
const sayOk = (index: number, steps: Parameters<typeof scoreOf>[1] = []) => ({ ok: true as const, index, score: scoreOf(index, steps) });
const OPENED = resumeAnswer([{ role: 'customer', text: OPENING }]);

/** A session on the page, resumed with the answer given (the opening alone by default). */
async function onPage(first = OPENED) {
  const net = fakeLink();
  const time = fakeClock();
  const sync = createSessionSync(SESSION_ID, net.link, time.clock);
  sync.start();
  await net.nextResume().answer(first);
  const shown = () => sync.getState().turns.map((t) => `${t.index}:${t.role}:${t.text}${t.status ? ` (${t.status})` : ''}`);
  return { net, time, sync, shown };
}

describe('a reply', () => {
  it('goes out once, with the index it will have, shows as sending, then with its score', async () => {
    const { net, sync, shown } = await onPage();
    let changes = 0;
    sync.subscribe(() => changes++);
    expect(sync.send(APOLOGY)).toBe(true);
    expect(shown()).toEqual([`0:customer:${OPENING}`, `1:trainee:${APOLOGY} (sending)`]);
    // One at a time: nothing else is sent while it is on its way.
    expect(sync.send(ASK)).toBe(false);
    const say = net.nextSay();
    expect(say.item).toEqual({ index: 1, text: APOLOGY });
    await say.answer(sayOk(1, ['acknowledge']));
    expect(shown()).toEqual([`0:customer:${OPENING}`, `1:trainee:${APOLOGY}`]);
    expect(sync.getState().turns[1]!.score).toEqual(scoreOf(1, ['acknowledge']));
    expect(changes).toBe(2);
    // The customer has not answered: the trainee waits for it.
    expect(sync.send(ASK)).toBe(false);
    expect(net.sent.filter((r) => r.kind === 'say')).toHaveLength(1);
  });

  it('written offline waits, then goes out after the reconnection’s resume', async () => {
    const { net, sync, shown } = await onPage();
    net.state.online = false;
    expect(sync.send(APOLOGY)).toBe(true);
    expect(shown().at(-1)).toBe(`1:trainee:${APOLOGY} (queued)`);
    expect(net.waiting('say')).toBe(0);

    net.state.online = true;
    sync.connected();
    await net.nextResume().answer(OPENED);
    const say = net.nextSay();
    expect(say.item).toEqual({ index: 1, text: APOLOGY });
    expect(shown().at(-1)).toBe(`1:trainee:${APOLOGY} (sending)`);
    await say.answer(sayOk(1));
    expect(shown().at(-1)).toBe(`1:trainee:${APOLOGY}`);
  });

  it('whose answer was lost is sent again with the same index after a resume, and shown once', async () => {
    const { net, sync, shown } = await onPage();
    sync.send(APOLOGY);
    await net.nextSay().answer(timeout);
    // Not stored, as far as the resume can tell: the same reply again, with the same index.
    await net.nextResume().answer(OPENED);
    const again = net.nextSay();
    expect(again.item).toEqual({ index: 1, text: APOLOGY });
    await again.answer(sayOk(1));
    expect(shown()).toEqual([`0:customer:${OPENING}`, `1:trainee:${APOLOGY}`]);
  });

  it('that the server stored before its answer was lost is not sent again', async () => {
    const { net, sync, shown } = await onPage();
    sync.send(APOLOGY);
    await net.nextSay().answer(timeout);
    await net.nextResume().answer(resumeAnswer([{ role: 'customer', text: OPENING }, { role: 'trainee', text: APOLOGY }, { role: 'customer', text: '好吧' }]));
    expect(net.waiting('say')).toBe(0);
    expect(shown()).toEqual([`0:customer:${OPENING}`, `1:trainee:${APOLOGY}`, '2:customer:好吧']);
    // The outbox is free for the next reply.
    expect(sync.send(ASK)).toBe(true);
    expect(net.nextSay().item).toEqual({ index: 3, text: ASK });
  });

  it('whose answer was lost while offline waits for the reconnection', async () => {
    const { net, sync } = await onPage();
    sync.send(APOLOGY);
    net.state.online = false;
    await net.nextSay().answer(timeout);
    expect(net.waiting('resume')).toBe(0);
    net.state.online = true;
    sync.connected();
    await net.nextResume().answer(OPENED);
    expect(net.nextSay().item).toEqual({ index: 1, text: APOLOGY });
  });

  it('comes back to the composer when refused, and the next one may go', async () => {
    const { net, sync, shown } = await onPage();
    sync.send(APOLOGY);
    await net.nextSay().answer({ ok: false, error: { code: 'limit_reached', message: 'a session holds at most 60 of your turns' } });
    expect(shown()).toEqual([`0:customer:${OPENING}`]);
    expect(sync.getState().refused).toEqual({ text: APOLOGY, code: 'limit_reached', message: 'a session holds at most 60 of your turns' });
    expect(sync.send(ASK)).toBe(true);
  });

  it('whose place another tab took while it waited offline comes back to the composer', async () => {
    const { net, sync, shown } = await onPage();
    net.state.online = false;
    sync.send(APOLOGY);
    net.state.online = true;
    sync.connected();
    await net.nextResume().answer(resumeAnswer([{ role: 'customer', text: OPENING }, { role: 'trainee', text: OTHER }]));
    expect(net.waiting('say')).toBe(0);
    expect(shown()).toEqual([`0:customer:${OPENING}`, `1:trainee:${OTHER}`]);
    expect(sync.getState().refused).toEqual({ text: APOLOGY, ...MOVED_ON });
  });

  it('whose place another tab took while it was on its way comes back once, and frees the outbox at once', async () => {
    const { net, sync, shown } = await onPage();
    sync.send(APOLOGY);
    const say = net.nextSay();
    sync.hear({ event: 'trainee:said', payload: traineeSaid(1, OTHER) });
    expect(shown()).toEqual([`0:customer:${OPENING}`, `1:trainee:${OTHER}`]);
    expect(sync.getState().refused).toEqual({ text: APOLOGY, ...MOVED_ON });
    sync.hear({ event: 'customer:say', payload: customerSay(2, '好吧') });
    expect(sync.send(ASK)).toBe(true);
    // The server's refusal of the first reply arrives late: the new one stays.
    await say.answer({ ok: false, error: { code: 'conflict', message: 'the next index is 3, not 1' } });
    expect(shown().at(-1)).toBe(`3:trainee:${ASK} (sending)`);
    expect(sync.getState().refused).toBeNull();
  });
});

describe('a stored reply the customer has not answered', () => {
  const UNANSWERED = resumeAnswer([{ role: 'customer', text: OPENING }, { role: 'trainee', text: APOLOGY }]);

  it('is sent again after a pause, which makes the server answer it', async () => {
    const { net, time } = await onPage(UNANSWERED);
    await time.advance(RETRY_MS.nudge - 1);
    expect(net.waiting('say')).toBe(0);
    await time.advance(1);
    expect(net.nextSay().item).toEqual({ index: 1, text: APOLOGY });
  });

  it('is left alone when the answer comes, or is streaming, meanwhile', async () => {
    const answered = await onPage(UNANSWERED);
    answered.sync.hear({ event: 'customer:say', payload: customerSay(2, '好吧') });
    await answered.time.advance(RETRY_MS.nudge);
    expect(answered.net.waiting('say')).toBe(0);

    const streaming = await onPage(UNANSWERED);
    streaming.sync.hear({ event: 'customer:typing', payload: { sessionId: SESSION_ID, index: 2 } });
    await streaming.time.advance(RETRY_MS.nudge);
    expect(streaming.net.waiting('say')).toBe(0);
  });

  it('is not nudged once the page is gone', async () => {
    const { net, time, sync } = await onPage(UNANSWERED);
    sync.stop();
    await time.advance(RETRY_MS.nudge);
    expect(net.waiting('say')).toBe(0);
  });
});

describe('resuming', () => {
  it('is tried again after a passing failure while connected, not after one that says the session cannot be shown', async () => {
    const net = fakeLink();
    const time = fakeClock();
    const sync = createSessionSync(SESSION_ID, net.link, time.clock);
    sync.start();
    await net.nextResume().answer({ ok: false, error: { code: 'unavailable', message: 'storage is not answering' } });
    expect(sync.getState()).toMatchObject({ loaded: false, resuming: false, loadError: null });
    await time.advance(RETRY_MS.resume);
    await net.nextResume().answer({ ok: false, error: { code: 'not_found', message: 'no session with this id' } });
    expect(sync.getState().loadError).toEqual({ code: 'not_found', message: 'no session with this id' });
    await time.advance(RETRY_MS.resume * 10);
    expect(net.waiting('resume')).toBe(0);
  });

  it('happens at every reconnection, and not before the page starts', async () => {
    const net = fakeLink();
    const sync = createSessionSync(SESSION_ID, net.link, fakeClock().clock);
    sync.connected();
    expect(net.sent).toEqual([]);
    sync.start();
    await net.nextResume().answer(OPENED);
    sync.connected();
    await net.nextResume().answer(OPENED);
    expect(sync.getState().turns).toHaveLength(1);
  });

  it('happens a little after the customer’s reply could not be stored, which brings it', async () => {
    const { net, time, sync, shown } = await onPage();
    sync.send(APOLOGY);
    await net.nextSay().answer(sayOk(1));
    sync.hear({ event: 'customer:error', payload: { sessionId: SESSION_ID, index: 2, error: { code: 'unavailable', message: 'storage' }, fallback: false } });
    expect(sync.getState().replyDelayed).toBe(true);
    await time.advance(RETRY_MS.replyDelayed);
    await net.nextResume().answer(resumeAnswer([{ role: 'customer', text: OPENING }, { role: 'trainee', text: APOLOGY }, { role: 'customer', text: '好吧', mood: CALMER }]));
    expect(shown().at(-1)).toBe('2:customer:好吧');
    expect(sync.getState().replyDelayed).toBe(false);
  });

  it('is not needed when the scripted line stands in for a failed LLM reply', async () => {
    const { net, time, sync } = await onPage();
    sync.hear({ event: 'customer:error', payload: { sessionId: SESSION_ID, index: 2, error: { code: 'llm_timeout', message: 'slow' }, fallback: true } });
    await time.advance(RETRY_MS.replyDelayed);
    expect(net.waiting('resume')).toBe(0);
    expect(sync.getState().replyDelayed).toBe(false);
  });
});

describe('another tab of the same session', () => {
  it('shows here: its turn, then the customer’s answer, and this tab may answer next', async () => {
    const { sync, shown } = await onPage();
    sync.hear({ event: 'trainee:said', payload: traineeSaid(1, OTHER, ['acknowledge']) });
    expect(sync.send(ASK)).toBe(false);
    sync.hear({ event: 'customer:typing', payload: { sessionId: SESSION_ID, index: 2 } });
    sync.hear({ event: 'customer:delta', payload: { sessionId: SESSION_ID, index: 2, text: '好' } });
    expect(sync.getState().streaming).toEqual({ index: 2, text: '好' });
    sync.hear({ event: 'customer:say', payload: customerSay(2, '好吧', CALMER) });
    expect(shown()).toEqual([`0:customer:${OPENING}`, `1:trainee:${OTHER}`, '2:customer:好吧']);
    expect(sync.getState().turns[1]!.score).toEqual(scoreOf(1, ['acknowledge']));
    expect(sync.getState().mood).toEqual(CALMER);
    expect(sync.send(ASK)).toBe(true);
  });

  it('going on past what this tab heard makes it resume, which fills the gap', async () => {
    const { net, sync, shown } = await onPage();
    sync.hear({ event: 'customer:say', payload: customerSay(2, '好吧') });
    await net.nextResume().answer(resumeAnswer([{ role: 'customer', text: OPENING }, { role: 'trainee', text: OTHER }, { role: 'customer', text: '好吧' }]));
    expect(shown()).toEqual([`0:customer:${OPENING}`, `1:trainee:${OTHER}`, '2:customer:好吧']);
    // The next turn in line needs no resume.
    sync.hear({ event: 'trainee:said', payload: traineeSaid(3, ASK) });
    expect(net.waiting('resume')).toBe(0);
  });

  it('heard while a resume was on its way, past what the resume holds, makes it resume again', async () => {
    const { net, time, sync, shown } = await onPage();
    sync.connected();
    const stale = net.nextResume();
    sync.hear({ event: 'trainee:said', payload: traineeSaid(3, ASK) });
    await stale.answer(resumeAnswer([{ role: 'customer', text: OPENING }, { role: 'trainee', text: OTHER }]));
    await time.advance(RETRY_MS.resume);
    await net.nextResume().answer(
      resumeAnswer([{ role: 'customer', text: OPENING }, { role: 'trainee', text: OTHER }, { role: 'customer', text: '好吧' }, { role: 'trainee', text: ASK }]),
    );
    expect(shown()).toEqual([`0:customer:${OPENING}`, `1:trainee:${OTHER}`, '2:customer:好吧', `3:trainee:${ASK}`]);
    await time.advance(RETRY_MS.resume);
    expect(net.waiting('resume')).toBe(0);
  });

  it('does not mix in another session’s events', async () => {
    const { sync, shown } = await onPage();
    sync.hear({ event: 'trainee:said', payload: { ...traineeSaid(1, OTHER), sessionId: 'another-session' } });
    sync.hear({ event: 'customer:say', payload: { ...customerSay(2, '好吧'), sessionId: 'another-session' } });
    expect(shown()).toEqual([`0:customer:${OPENING}`]);
  });

  it('ending the session ends it here, with the report', async () => {
    const { sync } = await onPage();
    sync.hear({ event: 'session:ended', payload: { sessionId: SESSION_ID, outcome: 'ended', report: reportOf(64) } });
    expect(sync.getState()).toMatchObject({ ended: true, outcome: 'ended' });
    expect(sync.getState().report?.summary.overall).toBe(64);
    expect(sync.send(ASK)).toBe(false);
  });
});

describe('ending', () => {
  it('gives the report', async () => {
    const { net, sync } = await onPage();
    const ending = sync.end();
    await net.nextEnd().answer({ ok: true, outcome: 'ended', report: reportOf(71) });
    expect(await ending).toEqual({ ok: true, outcome: 'ended', report: reportOf(71) });
    expect(sync.getState().ended).toBe(true);
  });

  it('a session the customer ended meanwhile resumes, which brings its report', async () => {
    const { net, sync } = await onPage();
    const ending = sync.end();
    await net.nextEnd().answer({ ok: false, error: { code: 'ended', message: 'this session has ended' } });
    expect(await ending).toEqual({ ok: false, code: 'ended', message: 'this session has ended' });
    await net.nextResume().answer(resumeAnswer([{ role: 'customer', text: OPENING }], { ended: true, outcome: 'escalated', report: reportOf(30) }));
    expect(sync.getState()).toMatchObject({ ended: true, outcome: 'escalated' });
  });
});
