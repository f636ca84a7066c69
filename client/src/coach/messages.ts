/**
 * The coach pages' interface text in the three languages. English is the reference: the
 * Chinese catalogues are typed against its keys, so a missing one fails the type-check.
 */
export const coachEn = {
  'coach.nav.sessions': 'Sessions',
  'coach.nav.assignments': 'Assignments',
} satisfies Record<string, string>;

type CoachMessages = Record<keyof typeof coachEn, string>;

export const coachZhHans: CoachMessages = {
  'coach.nav.sessions': '练习记录',
  'coach.nav.assignments': '练习任务',
};

export const coachZhHant: CoachMessages = {
  'coach.nav.sessions': '練習記錄',
  'coach.nav.assignments': '練習任務',
};
