/**
 * Simplified/Traditional conversion, built once. Chinese word lists and replies are
 * matched in Simplified, so both scripts give the same signals; feedback written once in
 * either script is shown in the transcript's own.
 */
import * as OpenCC from 'opencc-js';

// Building a converter loads its dictionaries (up to 0.2 s): do it once per process.
const toSimplified = OpenCC.Converter({ from: 'tw', to: 'cn' });
const toTraditional = OpenCC.Converter({ from: 'cn', to: 'tw' });

export function simplify(text: string): string {
  return toSimplified(text);
}

export function traditionalize(text: string): string {
  return toTraditional(text);
}
