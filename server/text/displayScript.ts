/**
 * Chinese written once, shown in both scripts: what the rubric and the coaching tables say
 * (feedback, coaching lines, names) is written in one script and read in either.
 *
 * Text written in Traditional is shown as written to Traditional readers: its author chose
 * its words, and a character-by-character conversion of Traditional text back into
 * Traditional only adds errors (OpenCC reads 「提出了解決」 as 提出 + 了解 and writes
 * 「提出瞭解決」). Its Simplified form comes from OpenCC's Taiwan-phrase conversion in
 * reverse (`twp` → `cn`: 簡訊 → 短信). Text written in Simplified gets its Traditional form
 * from OpenCC's phrase-level conversion to Taiwan usage (`cn` → `twp`: 联系 → 聯絡,
 * 短信 → 簡訊). Where a conversion still goes wrong, the rubric writes both scripts
 * (`zh-Hans`, `zh-Hant`); test/text/displayScript.test.ts checks every rubric and coaching
 * string against the mis-conversions known so far.
 *
 * This is for display only: matching replies uses server/text/script.ts.
 */
import * as OpenCC from 'opencc-js';

export interface BothScripts {
  'zh-Hans': string;
  'zh-Hant': string;
}

interface Converters {
  toTaiwan: (text: string) => string;
  toMainland: (text: string) => string;
}

let converters: Converters | undefined;

/** Building a converter loads its dictionaries (a fraction of a second): once per process, on first use. */
function built(): Converters {
  converters ??= {
    toTaiwan: OpenCC.Converter({ from: 'cn', to: 'twp' }),
    toMainland: OpenCC.Converter({ from: 'twp', to: 'cn' }),
  };
  return converters;
}

function changedChars(a: string, b: string): number {
  let n = Math.abs(a.length - b.length);
  for (let i = 0; i < Math.min(a.length, b.length); i++) if (a[i] !== b[i]) n++;
  return n;
}

/**
 * The script a text is written in: Traditional when making it Simplified changes more of it
 * than making it Traditional would (a text with no character of either, 「利息」, counts as
 * Simplified: converting it changes nothing that matters).
 */
export function writtenScript(zh: string): keyof BothScripts {
  const { toTaiwan, toMainland } = built();
  return changedChars(zh, toMainland(zh)) > changedChars(zh, toTaiwan(zh)) ? 'zh-Hant' : 'zh-Hans';
}

export function inBothScripts(zh: string): BothScripts {
  return writtenScript(zh) === 'zh-Hant'
    ? { 'zh-Hans': built().toMainland(zh), 'zh-Hant': zh }
    : { 'zh-Hans': zh, 'zh-Hant': built().toTaiwan(zh) };
}
