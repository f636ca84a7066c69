/**
 * Text from outside as it may be stored: control characters and bidirectional formatting
 * removed, because they are invisible where they are shown and harmful where they are read
 * again. U+202E turns "exe.txt" into "txt.exe" in a coach's replay or a spreadsheet; a NUL,
 * an escape sequence or a lone CR corrupts a log line, a terminal or a CSV row.
 *
 * What languages need stays: ZWJ (U+200D) and ZWNJ (U+200C), which join emoji and shape Indic
 * and Persian script, every letter, mark and emoji, and, where the text is multi-line (a
 * comment, a persona file), newline and tab. Line breaks of any kind (CRLF, CR, U+2028,
 * U+2029) become "\n", so every line is broken one way. Lone surrogates (half an emoji cut
 * by a client) become U+FFFD, so what is stored is well-formed UTF-16 and UTF-8.
 *
 * The zod schemas that read outside text apply it as a transform (sessions/payloads.ts,
 * domain/apiRequests.ts, the review and persona-file routes, auth/credentials.ts).
 */

// C0 controls but tab and newline, DEL, C1 controls; the bidirectional marks, embeddings,
// overrides and isolates (ALM, LRM, RLM, LRE…RLO, LRI…PDI); the interlinear annotation
// controls; a byte order mark inside text. Tab and newline are handled by `single`.
const UNSAFE = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F\u061C\u200E\u200F\u202A-\u202E\u2066-\u2069\uFFF9-\uFFFB\uFEFF]/g;
const LINE_BREAKS = /\r\n?|[\u2028\u2029]/g;
const TABS_AND_NEWLINES = /[\t\n]+/g;
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

export type TextShape = 'single' | 'multi';

/**
 * `text` without what must not be stored. `multi` keeps newlines and tabs; `single` (a chat
 * line, a name) turns each run of them into one space, as a one-line field shows them.
 */
export function storedText(text: string, shape: TextShape = 'multi'): string {
  const cleaned = text.replace(LONE_SURROGATE, '\uFFFD').replace(LINE_BREAKS, '\n').replace(UNSAFE, '');
  return shape === 'multi' ? cleaned : cleaned.replace(TABS_AND_NEWLINES, ' ');
}
