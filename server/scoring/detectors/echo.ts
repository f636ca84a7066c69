/**
 * The content of a stretch of text as comparable pieces, for telling a restatement of the
 * customer's facts in the trainee's own words ("Jobless since March", 「沒逾期卻收了 penalty」)
 * from an answer that only touches the topic. Chinese gives pairs of content characters (so
 * 「兩個禮拜前就核准了」 and 「兩個禮拜前核准的」 meet however the segmenter cuts them); English and
 * any Latin words inside Chinese give stems. Either script is read in either language, so a
 * mixed reply compares with a mixed customer turn.
 */

// Characters that carry grammar, not the customer's facts: pairs through them are skipped.
const FUNCTION_CHARS = new Set('的了着过我您你他她它们是在就都也又还吗呢吧啊呀哦嗯喔啦哈这那个把被给让和与及跟对很太真就才再会要能可得地之其而且却但'.split(''));

const HAN_RUN = /[\u3400-\u9fff]+/g;
const LATIN_WORD = /[a-z][a-z']*/g;

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

/** A crude English stem, enough to match "applied"/"apply", "cancelled"/"cancel", "payments"/"payment". */
function contentStem(word: string): string {
  const irregular = IRREGULAR[word];
  if (irregular) return irregular;
  const base = word.replace(/(?:ies|ied)$/, 'y').replace(/(?:ing|ed|es|s)$/, '').replace(/e$/, '');
  // "cancelled" → "cancell" → "cancel": a doubled final consonant left by a suffix.
  return base.length > 3 && /([bdglmnprt])\1$/.test(base) ? base.slice(0, -1) : base;
}

/** Content pieces of `text` (normalised: lower case, Simplified script), without stopwords. */
export function contentPieces(text: string, stop: ReadonlySet<string>): string[] {
  const pieces: string[] = [];
  for (const m of text.matchAll(LATIN_WORD)) {
    const w = m[0].replace(/'.*$/, '');
    if (w.length >= 3 && !stop.has(m[0]) && !stop.has(w)) pieces.push(contentStem(w));
  }
  for (const m of text.matchAll(HAN_RUN)) {
    let previous = '';
    for (const ch of m[0]) {
      if (FUNCTION_CHARS.has(ch)) {
        previous = '';
        continue;
      }
      const pair = previous + ch;
      if (previous && !stop.has(pair)) pieces.push(pair);
      previous = ch;
    }
  }
  return pieces;
}
