/**
 * The rubric engine: a transcript in, a score report out (see the scoring contract). Pure:
 * no I/O, no clock, no randomness. The rubric is compiled beforehand (rubric/compile.ts).
 */
import { replyContext, spokenTurn, type SpokenTurn } from './context.ts';
import type { CompiledRubric } from './rubric/compile.ts';
import { summarize } from './summary.ts';
import { detectLocale } from './text/locale.ts';
import { scoreReply } from './turnScore.ts';
import { langOf, type ScoreReport, type Transcript, type TurnScore } from './types.ts';

export function scoreTranscript(rubric: CompiledRubric, transcript: Transcript): ScoreReport {
  const locale = transcript.locale ?? detectLocale(transcript.turns.map((t) => t.text).join('\n'));
  const lang = langOf(locale);
  const customer: SpokenTurn[] = [];
  const turns: TurnScore[] = [];
  transcript.turns.forEach((turn, index) => {
    if (turn.role === 'customer') {
      customer.push(spokenTurn(turn.text, lang));
      return;
    }
    const reply = replyContext(turn.text, locale, lang, transcript.scenario, customer, rubric.cues[lang]);
    turns.push(scoreReply(rubric, reply, index));
  });
  return { locale, rubric: rubric.id, turns, summary: summarize(rubric, turns) };
}
