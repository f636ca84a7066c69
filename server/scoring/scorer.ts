/**
 * The scorer a server, a CLI command or a persona test scores with: the pure engine bound to
 * one compiled rubric. A live conversation scores each trainee turn once (`scoreTurn`, which
 * also reads the turn for the customer: turnReading.ts) and keeps that score; its report is
 * then summarised from the kept scores (summary.ts `sessionReport`), never scored again.
 * `scoreTranscript` is for a transcript that comes whole (`sparring score`). Callers receive
 * a Scorer rather than building one, so a test can wrap it and count the calls.
 */
import { scoreLatestTurn, scoreTranscript } from './engine.ts';
import type { CompiledRubric } from './rubric/compile.ts';
import { readTurn } from './turnReading.ts';
import type { ScoreReport, ScoreTurn, Transcript } from './types.ts';

export interface Scorer {
  readonly rubric: CompiledRubric;
  /** The trainee's latest turn (the last of the transcript), scored and read. */
  readonly scoreTurn: ScoreTurn;
  /** A whole transcript: every trainee turn scored, then summarised. */
  readonly scoreTranscript: (transcript: Transcript) => ScoreReport;
}

export function createScorer(rubric: CompiledRubric): Scorer {
  return {
    rubric,
    scoreTurn: (transcript) => {
      const score = scoreLatestTurn(rubric, transcript);
      return { score, reading: readTurn(rubric, score, transcript.scenario) };
    },
    scoreTranscript: (transcript) => scoreTranscript(rubric, transcript),
  };
}
