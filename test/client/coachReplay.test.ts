// What the coach's replay, export and assignment form work out (client/src/coach/
// replaySteps.ts, exportFileName.ts, assignmentDraft.ts, progressSeries.ts).
import { describe, expect, it } from 'vitest';
import { assignmentOf, defaultDue, personaChoices, type AssignmentDraft } from '../../client/src/coach/assignmentDraft.ts';
import { filenameOf } from '../../client/src/coach/exportFileName.ts';
import { progressSeries, trendOf } from '../../client/src/coach/progressSeries.ts';
import { commentsByTurn, criterionLines, repliesUpTo, replyNumbers, stepTo } from '../../client/src/coach/replaySteps.ts';
import type { ReviewedSession } from '../../client/src/coach/coachApi.ts';

const TURNS = [
  { index: 0, role: 'customer' as const },
  { index: 1, role: 'trainee' as const },
  { index: 2, role: 'customer' as const },
  { index: 3, role: 'trainee' as const },
  { index: 4, role: 'customer' as const },
];

describe('the step-through', () => {
  it('moves within the transcript', () => {
    expect(stepTo(0, 'previous', 5)).toBe(0);
    expect(stepTo(0, 'next', 5)).toBe(1);
    expect(stepTo(4, 'next', 5)).toBe(4);
    expect(stepTo(2, 'first', 5)).toBe(0);
    expect(stepTo(2, 'last', 5)).toBe(4);
    expect(stepTo(0, 'last', 0)).toBe(0);
  });

  it('puts the mood marker after the replies reached', () => {
    expect(TURNS.map((_, i) => repliesUpTo(TURNS, i))).toEqual([0, 1, 1, 2, 2]);
  });

  it('numbers the replies', () => {
    expect([...replyNumbers(TURNS)]).toEqual([
      [1, 1],
      [3, 2],
    ]);
  });
});

describe('the review', () => {
  const comment = (id: string, turnIndex: number, at: string) => ({ kind: 'comment' as const, id, sessionId: 's', authorId: 'c', authorName: 'coach', at, turnIndex, text: id });
  const override = (id: string, score: number, at: string) => ({ kind: 'override' as const, id, sessionId: 's', authorId: 'c', authorName: `coach-${id}`, at, criterion: 'empathy' as const, score, reason: 'why' });

  it('groups comments by turn, oldest first', () => {
    const byTurn = commentsByTurn([comment('late', 1, '2026-03-02T00:00:00Z'), comment('early', 1, '2026-03-01T00:00:00Z'), comment('other', 3, '2026-03-01T00:00:00Z')]);
    expect(byTurn.get(1)!.map((c) => c.id)).toEqual(['early', 'late']);
    expect(byTurn.get(3)!.map((c) => c.id)).toEqual(['other']);
  });

  it("keeps the engine's score beside the latest override", () => {
    const session = {
      report: { summary: { criteria: { empathy: 58, conduct: 100 } } },
      overrides: [override('1', 40, '2026-03-01T00:00:00Z'), override('2', 55, '2026-03-02T00:00:00Z')],
      overridden: { empathy: { score: 55, reason: 'why', by: 'c', at: '2026-03-02T00:00:00Z' } },
    } as unknown as ReviewedSession;
    expect(criterionLines(session)).toEqual([
      { criterion: 'empathy', engine: 58, coach: session.overridden.empathy, author: 'coach-2', overrides: 2 },
      { criterion: 'conduct', engine: 100, coach: null, author: null, overrides: 0 },
    ]);
  });
});

describe("an export's file name", () => {
  it('comes from the Content-Disposition header', () => {
    expect(filenameOf('attachment; filename="session-abc.csv"')).toBe('session-abc.csv');
    expect(filenameOf("attachment; filename=\"x.csv\"; filename*=UTF-8''%E7%B7%B4%E7%BF%92.csv")).toBe('練習.csv');
    expect(filenameOf('attachment; filename=plain.json')).toBe('plain.json');
    expect(filenameOf('attachment')).toBeNull();
    expect(filenameOf(null)).toBeNull();
  });
});

describe('a new assignment', () => {
  const draft: AssignmentDraft = { personaId: 'p', locale: 'zh-Hant', traineeIds: ['t1'], due: '2026-03-08T18:00', hideMood: true, hints: 'off', note: '  先同理  ' };

  it('becomes the request, with the due time as an ISO date-time', () => {
    const checked = assignmentOf(draft);
    expect(checked.ok && checked.assignment).toEqual({
      personaId: 'p',
      locale: 'zh-Hant',
      traineeIds: ['t1'],
      dueAt: new Date('2026-03-08T18:00').toISOString(),
      hideMood: true,
      hints: 'off',
      note: '先同理',
    });
  });

  it('names what is missing', () => {
    expect(assignmentOf({ ...draft, personaId: '' })).toEqual({ ok: false, problem: 'persona' });
    expect(assignmentOf({ ...draft, locale: '' })).toEqual({ ok: false, problem: 'locale' });
    expect(assignmentOf({ ...draft, traineeIds: [] })).toEqual({ ok: false, problem: 'trainees' });
    expect(assignmentOf({ ...draft, due: '' })).toEqual({ ok: false, problem: 'due' });
  });

  it('is due a week ahead by default, at six in the evening', () => {
    expect(defaultDue(new Date(2026, 2, 28, 9, 30))).toBe('2026-04-04T18:00');
  });

  it('offers each persona once, named in the interface language where it can be, with its languages', () => {
    const listing = (id: string, locale: 'en' | 'zh-Hans' | 'zh-Hant', name: string) => ({ id, locale, name, scenario: 'complaint' as const, difficulty: 'easy' as const, summary: '' });
    const choices = personaChoices([listing('a', 'zh-Hant', '陳先生'), listing('a', 'en', 'Mr Chen'), listing('b', 'zh-Hans', '王太太')], 'en');
    expect(choices).toEqual([
      { id: 'a', name: 'Mr Chen', locales: ['zh-Hant', 'en'] },
      { id: 'b', name: '王太太', locales: ['zh-Hans'] },
    ]);
  });
});

describe("a trainee's progress", () => {
  it('draws one line per criterion scored, with gaps where a session did not score it', () => {
    const series = progressSeries([{ criteria: { empathy: 40, conduct: 100 } }, { criteria: { empathy: 72.4 } }]);
    expect(series).toEqual([
      { criterion: 'empathy', points: [{ session: 1, score: 40 }, { session: 2, score: 72 }] },
      { criterion: 'conduct', points: [{ session: 1, score: 100 }] },
    ]);
    expect(trendOf(series[0]!)).toEqual({ first: 40, latest: 72 });
  });
});
