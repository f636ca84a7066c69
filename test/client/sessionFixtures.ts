/**
 * What the server sends about one training session, made up for the client's unit tests
 * (sessionState.test.ts, sessionSync.test.ts): scored trainee turns, customer replies, resume
 * answers, in the shapes of server/sessions/serverEvents.ts.
 */
import type { ComplaintStep, CriterionId, CustomerSay, Mood, ScoreReport, SessionResumeOk, TraineeSaid, TurnScore } from '../../client/src/shared/contract.ts';

export const SESSION_ID = 'session-1';
export const OPENING = '我兩個星期前就申請了貸款，到現在還沒放款！';
export const ANGRY: Mood = { anger: 8, trust: 2, confusion: 1 };
export const CALMER: Mood = { anger: 5, trust: 4, confusion: 1 };

/** A trainee turn's score, taking the complaint `steps` given (in that order). */
export function scoreOf(index: number, steps: ComplaintStep[] = []): TurnScore {
  const criterion = (score: number) => ({ score, evidence: [], feedback: 'ok' });
  const criteria: Record<CriterionId, TurnScore['criteria'][CriterionId]> = {
    empathy: criterion(70),
    active_listening: criterion(60),
    plain_language: criterion(90),
    conduct: criterion(100),
    complaint_process: {
      score: 25 * steps.length,
      evidence: steps.map((step, i) => ({ start: i * 2, end: i * 2 + 1, text: '好', signal: `complaint.${step}` })),
      feedback: 'ok',
    },
  };
  return { index, role: 'trainee', signals: steps.map((step) => `complaint.${step}`), criteria, listening: { reflections: 0, open_questions: 0, closed_questions: 0 } };
}

export function traineeSaid(index: number, text: string, steps: ComplaintStep[] = []): TraineeSaid {
  return { sessionId: SESSION_ID, index, text, score: scoreOf(index, steps) };
}

export function customerSay(index: number, text: string, mood: Mood = CALMER, ended = false): CustomerSay {
  return { sessionId: SESSION_ID, index, text, mood, ended, ...(ended ? { outcome: 'resolved' as const } : {}) };
}

/** A session's whole report, with the overall score given. */
export function reportOf(overall: number): ScoreReport {
  return {
    locale: 'zh-Hant',
    rubric: 'lending-service-v1',
    turns: [],
    summary: {
      criteria: { empathy: overall, active_listening: overall, plain_language: overall, complaint_process: overall, conduct: overall },
      complaint_steps: { covered: [], in_order: true, missing: ['acknowledge', 'investigate', 'negotiate', 'follow_up'] },
      listening: { reflections: 0, open_questions: 0, closed_questions: 0, reflection_to_question_ratio: null, open_question_share: null },
      overall,
    },
  };
}

type StoredLine = { role: 'customer'; text: string; mood?: Mood } | { role: 'trainee'; text: string; steps?: ComplaintStep[] };

/** `session:resume`'s answer for the stored turns given, in order from index 0. */
export function resumeAnswer(lines: StoredLine[], over: Partial<SessionResumeOk> = {}): SessionResumeOk {
  const turns = lines.map((line, index) =>
    line.role === 'customer'
      ? { index, role: line.role, text: line.text, at: '2026-12-07T10:00:00.000Z', mood: line.mood ?? ANGRY }
      : { index, role: line.role, text: line.text, at: '2026-12-07T10:00:00.000Z', score: scoreOf(index, line.steps) },
  );
  const lastMood = [...turns].reverse().find((t) => t.mood)?.mood ?? ANGRY;
  return {
    ok: true,
    sessionId: SESSION_ID,
    personaId: 'late-disbursement',
    locale: 'zh-Hant',
    mode: 'scripted',
    turns,
    mood: lastMood,
    ended: false,
    outcome: null,
    report: null,
    ...over,
  };
}
