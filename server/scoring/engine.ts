/**
 * The rubric engine: a transcript in, a score report out (see the scoring contract). Pure:
 * no I/O, no clock, no randomness. The rubric is compiled beforehand (rubric/compile.ts).
 */
import { replyContext, spokenTurn, type SpokenTurn } from './context.ts';
import type { CompiledRubric } from './rubric/compile.ts';
import { sessionReport } from './summary.ts';
import { detectLocale } from '../text/locale.ts';
import { scoreReply, stepsTaken } from './turnScore.ts';
import { langOf, type ScoreReport, type Transcript, type TurnScore } from './types.ts';

export function scoreTranscript(rubric: CompiledRubric, transcript: Transcript): ScoreReport {
  const locale = transcript.locale ?? detectLocale(transcript.turns.map((t) => t.text).join('\n'));
  const lang = langOf(locale);
  const customer: SpokenTurn[] = [];
  const turns: TurnScore[] = [];
  const taken = new Set<string>();
  transcript.turns.forEach((turn, index) => {
    if (turn.role === 'customer') {
      customer.push(spokenTurn(turn.text, lang));
      return;
    }
    const reply = replyContext(turn.text, locale, lang, transcript.scenario, [...customer], rubric.cues[lang]);
    turns.push(scoreReply(rubric, reply, index, new Set(taken)));
    for (const step of stepsTaken(rubric, reply)) taken.add(step);
  });
  return sessionReport(rubric, locale, turns, transcript.scenario);
}

/**
 * Scores only the last turn, which must be the trainee's, with the customer's earlier turns
 * as context: what a live session needs after each reply, without rescoring the whole call.
 */
export function scoreLatestTurn(rubric: CompiledRubric, transcript: Transcript): TurnScore {
  const index = transcript.turns.length - 1;
  const last = transcript.turns[index];
  if (!last || last.role !== 'trainee') throw new Error('scoreLatestTurn: the last turn must be the trainee\'s');
  const locale = transcript.locale ?? detectLocale(transcript.turns.map((t) => t.text).join('\n'));
  const lang = langOf(locale);
  const customer: SpokenTurn[] = [];
  const taken = new Set<string>();
  // The steps earlier replies took, each read with the customer turns before it, as scoreTranscript reads them.
  transcript.turns.slice(0, index).forEach((turn) => {
    if (turn.role === 'customer') customer.push(spokenTurn(turn.text, lang));
    else for (const step of stepsTaken(rubric, replyContext(turn.text, locale, lang, transcript.scenario, [...customer], rubric.cues[lang]))) taken.add(step);
  });
  return scoreReply(rubric, replyContext(last.text, locale, lang, transcript.scenario, customer, rubric.cues[lang]), index, taken);
}
