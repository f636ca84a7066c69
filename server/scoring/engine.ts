/**
 * The rubric engine: a transcript in, a score report out (see the scoring contract). Pure:
 * no I/O, no clock, no randomness. The rubric is compiled beforehand (rubric/compile.ts).
 */
import { replyContext, spokenTurn, type EarlierTurns, type SpokenTurn } from './context.ts';
import type { CompiledRubric } from './rubric/compile.ts';
import { sessionReport } from './summary.ts';
import { detectLocale } from '../text/locale.ts';
import { scoreReply, scoreReplyAndSteps, stepsTaken } from './turnScore.ts';
import { langOf, type ScoreReport, type Transcript, type TurnScore } from './types.ts';

export function scoreTranscript(rubric: CompiledRubric, transcript: Transcript): ScoreReport {
  const locale = transcript.locale ?? detectLocale(transcript.turns.map((t) => t.text).join('\n'));
  const lang = langOf(locale);
  const customer: SpokenTurn[] = [];
  const trainee: SpokenTurn[] = [];
  const turns: TurnScore[] = [];
  const taken = new Set<string>();
  let since = 0;
  transcript.turns.forEach((turn, index) => {
    if (turn.role === 'customer') {
      customer.push(spokenTurn(turn.text, lang));
      since++;
      return;
    }
    const reply = replyContext(turn.text, locale, lang, transcript.scenario, [...customer], rubric.cues[lang], earlierTurns(transcript, trainee), since);
    since = 0;
    const { score, steps } = scoreReplyAndSteps(rubric, reply, index, new Set(taken));
    turns.push(score);
    for (const step of steps) taken.add(step);
    trainee.push(reply);
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
  const trainee: SpokenTurn[] = [];
  const taken = new Set<string>();
  let since = 0;
  // The steps earlier replies took, each read with the turns before it, as scoreTranscript reads them.
  transcript.turns.slice(0, index).forEach((turn) => {
    if (turn.role === 'customer') {
      customer.push(spokenTurn(turn.text, lang));
      since++;
      return;
    }
    const earlier = replyContext(turn.text, locale, lang, transcript.scenario, [...customer], rubric.cues[lang], earlierTurns(transcript, trainee), since);
    since = 0;
    for (const step of stepsTaken(rubric, earlier)) taken.add(step);
    trainee.push(earlier);
  });
  return scoreReply(rubric, replyContext(last.text, locale, lang, transcript.scenario, customer, rubric.cues[lang], earlierTurns(transcript, trainee), since), index, taken);
}

function earlierTurns(transcript: Transcript, trainee: readonly SpokenTurn[]): EarlierTurns {
  return transcript.product ? { trainee: [...trainee], product: transcript.product } : { trainee: [...trainee] };
}
