/**
 * The numbers a customer or trainee mentions (amounts, dates, counts, durations), as
 * values, so "五萬", "5万" and "50,000" match, and "兩週" matches "两个星期" (both 2).
 */
export interface NumberMention {
  value: number;
  start: number;
  end: number;
  /** What is counted, when said: "天", "次", "days" ("兩週" and "两个星期" differ here). */
  unit: string | undefined;
}

// The measure word after a figure: a Chinese character (after an optional 个), or one of the
// English words that count things.
const UNIT_AFTER =
  /^\s*(?:个|個)?([\u4e00-\u9fff])|^\s*-?(day|week|month|year|time|hour|minute|dollar|yuan|payment|instalment|installment|call|percent|k)s?\b/;

function unitAfter(norm: string, end: number): string | undefined {
  const m = UNIT_AFTER.exec(norm.slice(end, end + 14));
  return m ? (m[1] ?? m[2]) : undefined;
}

const DIGITS: Record<string, number> = {
  零: 0, 〇: 0, 半: 0.5, 一: 1, 二: 2, 两: 2, 三: 3, 四: 4, 五: 5, 六: 6, 七: 7, 八: 8, 九: 9,
};
const UNITS: Record<string, number> = { 十: 10, 百: 100, 千: 1000 };
const BIG_UNITS: Record<string, number> = { 万: 1e4, 亿: 1e8 };

/** Parses a run of Chinese numerals such as 三千五百 or 两万 (Simplified, as normalised). */
export function parseChineseNumeral(s: string): number | null {
  let total = 0;
  let section = 0;
  let digit = -1;
  // The unit just said, for the spoken shorthand "三千五" (3500) and "两万五" (25000).
  let lastUnit = 0;
  for (const ch of s) {
    if (ch in DIGITS) digit = DIGITS[ch]!;
    else if (ch in UNITS) {
      section += (digit < 0 ? 1 : digit) * UNITS[ch]!;
      lastUnit = UNITS[ch]!;
      digit = -1;
    } else if (ch in BIG_UNITS) {
      total += (section + Math.max(digit, 0)) * BIG_UNITS[ch]!;
      lastUnit = BIG_UNITS[ch]!;
      section = 0;
      digit = -1;
    } else if (ch === '零') {
      lastUnit = 0;
    } else return null;
  }
  const trailing = digit > 0 && lastUnit >= 100 && s.length >= 3 ? (digit * lastUnit) / 10 : Math.max(digit, 0);
  const value = total + section + trailing;
  return Number.isFinite(value) ? value : null;
}

const EN_WORDS: Record<string, number> = {
  one: 1, two: 2, three: 3, four: 4, five: 5, six: 6, seven: 7, eight: 8, nine: 9, ten: 10,
  eleven: 11, twelve: 12, fifteen: 15, twenty: 20, thirty: 30, forty: 40, fifty: 50, hundred: 100,
  once: 1, twice: 2, first: 1, second: 2, third: 3, fourth: 4, fifth: 5, half: 0.5,
  a_fortnight: 2, fortnight: 2,
};

// Digits with separators and a decimal part, an optional 万/千/k multiplier; or a run of
// Chinese numerals (at least one, 一 alone only before a measure word is still a number).
const MENTION = /(\d[\d,]*(?:\.\d+)?)\s*(万|千|k\b|thousand)?|([零〇半一二两三四五六七八九十百千万亿]+)|\b(one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fifteen|twenty|thirty|forty|fifty|hundred|once|twice|first|second|third|fourth|fifth|half|fortnight)\b(?:\s+(hundred|thousand))?/g;

const MULTIPLIER: Record<string, number> = { 万: 1e4, 千: 1e3, k: 1e3, thousand: 1e3, hundred: 100 };
const MEASURE_WORD = /[个次天周月年笔期号块元岁]/;

export function numberMentions(norm: string): NumberMention[] {
  const out: NumberMention[] = [];
  MENTION.lastIndex = 0;
  for (let m = MENTION.exec(norm); m; m = MENTION.exec(norm)) {
    let value: number | null = null;
    if (m[1] !== undefined) {
      value = Number(m[1].replace(/,/g, ''));
      if (m[2]) value *= MULTIPLIER[m[2]] ?? 1;
    } else if (m[3] !== undefined) {
      // A lone 一 is usually "a/one" in a phrase (一下, 一点); before a measure word (一个月,
      // 一次) it is a figure.
      if (m[3] === '一' && !MEASURE_WORD.test(norm[m.index + 1] ?? '')) continue;
      value = parseChineseNumeral(m[3]);
    } else if (m[4] !== undefined) {
      value = EN_WORDS[m[4]] ?? null;
      if (value !== null && m[5]) value *= MULTIPLIER[m[5]] ?? 1;
    }
    const end = m.index + m[0].length;
    if (value !== null && Number.isFinite(value)) out.push({ value, start: m.index, end, unit: unitAfter(norm, end) });
  }
  return out;
}
