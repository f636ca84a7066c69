/**
 * The content of a stretch of text as comparable pieces, for telling a restatement of the
 * customer's facts in the trainee's own words ("Jobless since March", 「沒逾期卻收了 penalty」)
 * from an answer that only touches the topic. Chinese gives pairs of content characters (so
 * 「兩個禮拜前就核准了」 and 「兩個禮拜前核准的」 meet however the segmenter cuts them); English and
 * any Latin words inside Chinese give stems. Either script is read in either language, so a
 * mixed reply compares with a mixed customer turn.
 */

import { stem } from '../../text/stem.ts';

// Characters that carry grammar, not the customer's facts: pairs through them are skipped.
const FUNCTION_CHARS = new Set('的了着过我您你他她它们是在就都也又还吗呢吧啊呀哦嗯喔啦哈这那个把被给让和与及跟对很太真就才再会要能可得地之其而且却但'.split(''));


// Forms a crude stem does not join ("lost"/"losing", "paid"/"pay").
const IRREGULAR: Record<string, string> = {
  lost: 'los',
  lose: 'los',
  losing: 'los',
  paid: 'pay',
  took: 'tak',
  taken: 'tak',
  gone: 'go',
  went: 'go',
  told: 'tell',
  sent: 'send',
  left: 'leav',
  hung: 'hang',
};

// Final consonants a suffix may have doubled ("cancelled", "stopped").
const DOUBLED = 'bdglmnprt';

/** A crude English stem, enough to match "applied"/"apply", "cancelled"/"cancel", "payments"/"payment". */
function contentStem(word: string): string {
  const irregular = IRREGULAR[word];
  if (irregular) return irregular;
  const base = stem(word);
  // "cancelled" → "cancell" → "cancel": a doubled final consonant left by a suffix.
  const last = base.charCodeAt(base.length - 1);
  return base.length > 3 && last === base.charCodeAt(base.length - 2) && DOUBLED.includes(base[base.length - 1]!) ? base.slice(0, -1) : base;
}

/** Whether a UTF-16 code unit is a Han character (the BMP blocks: what customers type). */
export function isHan(code: number): boolean {
  return code >= 0x3400 && code <= 0x9fff;
}

/** Content pieces of `text` (normalised: lower case, Simplified script), without stopwords. */
export function contentPieces(text: string, stop: ReadonlySet<string>): string[] {
  const pieces: string[] = [];
  // One pass by hand: this runs on every clause of every reply.
  let previous = '';
  let latinStart = -1;
  for (let i = 0; i <= text.length; i++) {
    const code = i < text.length ? text.charCodeAt(i) : 0;
    const latin = (code >= 97 && code <= 122) || (latinStart >= 0 && code === 39);
    if (latin) {
      if (latinStart < 0) latinStart = i;
    } else if (latinStart >= 0) {
      pushLatin(text.slice(latinStart, i), stop, pieces);
      latinStart = -1;
    }
    if (!isHan(code)) {
      previous = '';
      continue;
    }
    const ch = text[i]!;
    if (FUNCTION_CHARS.has(ch)) {
      previous = '';
      continue;
    }
    if (previous) {
      const pair = previous + ch;
      if (!stop.has(pair)) pieces.push(pair);
    }
    previous = ch;
  }
  return pieces;
}

function pushLatin(word: string, stop: ReadonlySet<string>, pieces: string[]): void {
  // The word up to any apostrophe ("customer's" → "customer").
  const apostrophe = word.indexOf("'");
  const bare = apostrophe < 0 ? word : word.slice(0, apostrophe);
  if (bare.length >= 3 && !stop.has(word) && !stop.has(bare)) pieces.push(contentStem(bare));
}
