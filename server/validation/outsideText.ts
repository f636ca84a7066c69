/**
 * Text that arrives from outside (a trainee's reply, a coach's comment or reason, a note, a
 * persona file), as a zod string that stores only what may be stored: control and
 * bidirectional characters removed first (server/text/storedText.ts), then trimmed and
 * measured, so a reply of nothing but U+202E is "must not be empty", not an invisible turn.
 */
import { z } from 'zod';
import { storedText } from '../text/storedText.ts';

/** Any outside string, cleaned; the caller adds its own checks. */
export const cleanString = (): z.ZodString => z.string().overwrite((text) => storedText(text));

/** Trimmed, non-empty, at most `max` characters: the usual field of typed text. */
export const outsideText = (max: number): z.ZodString =>
  cleanString().trim().min(1, 'must not be empty').max(max, `must be at most ${max} characters`);
