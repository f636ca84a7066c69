/**
 * What a persona's facts are made of, as the fact guards read them: a fact's figures (amounts,
 * clock times) and its content words (English) or character bigrams (Chinese), the facts a
 * reveal tells, and what the customer says anyway. Two guards share it: the file check that
 * no public text gives a hidden fact away (hiddenFactShown.ts) and the live check that an LLM
 * customer does not tell one early (voice/factLeak.ts). Pure.
 */
import { type Lang } from '../scoring/types.ts';
import { numberMentions } from '../text/numbers.ts';
import { fillLine } from './fillLine.ts';
import type { PersonaFile } from './schema.ts';

/** Smaller numbers are counts anybody says ("three times", "两次"), not a fact's figures. */
const MIN_DISTINCTIVE_NUMBER = 10;

// Function words and the small talk of any phone call: never evidence of a fact.
const EN_STOPWORDS = new Set(
  (
    'the and you your yours that this have has had was were are for with not but what when can could would will about from just they them ' +
    'there their our out get got did does don been being into then than now how why who which some any all very really still also too yet ' +
    'please thank thanks sorry okay yes yeah know let make sure right understand see say said tell told think feel want need time today ' +
    'here sir madam because anything something everything nothing one way like its it\'s i\'m you\'re we\'re that\'s let\'s can\'t don\'t ' +
    "didn't won't isn't wasn't i've i'll i'd he's she's they're there's what's haven't hasn't couldn't wouldn't shouldn't doesn't aren't " +
    'him his her hers she he its our ours ourselves yourself himself herself myself mine off over under again more most other only own same ' +
    'should each few both such nor until while before after above below between through during against these those where whom whose ' +
    'again ever even much many well just actually honestly oh ah um so then now back down every again around bit lot lots thing things ' +
    'come came going goes gone went way maybe might must shall been still since though through across along already almost always never ' +
    'someone somebody anyone anybody everyone nobody people person sure good bad yes fine ' +
    // The vocabulary of every lending call: what the call is about, not what is hidden.
    'bank loan money account pay paid paying payment month week day year call called calling phone customer credit union lender'
  ).split(/\s+/),
);

// Bigrams of any Chinese sentence (pronouns, particles, the commonest verbs), in Simplified.
const ZH_STOP_BIGRAMS = new Set(
  (
    '我们 您们 你们 他们 她们 这个 那个 这样 那样 什么 怎么 现在 已经 还是 就是 可以 没有 一下 一个 问题 情况 知道 因为 所以 但是 然后 ' +
    '如果 非常 真的 这么 那么 时候 的时 一点 东西 事情 这边 那边 明白 理解 抱歉 谢谢 麻烦 的话 觉得 需要 应该 可能 一定 还有 而且 不是 ' +
    '一直 今天 我的 你的 他的 她的 您的 是我 是你 我是 你是 我就 我也 我都 你也 就说 说是 不要 不会 不能 不知 要我 我要 你要 我在 在我 ' +
    '了一 了我 给我 跟我 我说 他说 她说 有人 有个 好像 其实 结果 然后 还没 也不 都不 都是 也是 这是 那是 是什 么的 的人 的事 的钱 的是 我最 最怕 怕的 是怕 我怕 很怕 就怕 ' +
    // The vocabulary of every lending call, as in English.
    '贷款 这笔'
  ).split(/\s+/),
);

export interface Piece {
  key: string;
  /** Where it starts in the normalised text. */
  start: number;
  end: number;
}

/** A light stem, so "statements"/"statement" and "phoned"/"phone" meet. */
function stem(word: string): string {
  let w = word.replace(/'s$/, '');
  if (w.length > 4 && w.endsWith('ies')) w = `${w.slice(0, -3)}y`;
  else if (w.length > 5 && w.endsWith('ing')) w = w.slice(0, -3);
  else if (w.length > 4 && w.endsWith('ed')) w = w.slice(0, -2);
  else if (w.length > 3 && w.endsWith('s') && !w.endsWith('ss')) w = w.slice(0, -1);
  return w.length > 3 && w.endsWith('e') ? w.slice(0, -1) : w;
}

function wordPieces(norm: string): Piece[] {
  const out: Piece[] = [];
  for (const m of norm.matchAll(/[a-z]+(?:'[a-z]+)*/g)) {
    // Plurals of the call's own vocabulary ("loans", "months") are as common as the words.
    if (m[0].length < 3 || EN_STOPWORDS.has(m[0]) || EN_STOPWORDS.has(m[0].replace(/s$/, ''))) continue;
    out.push({ key: stem(m[0]), start: m.index, end: m.index + m[0].length });
  }
  return out;
}

function bigramPieces(norm: string): Piece[] {
  const out: Piece[] = [];
  for (const m of norm.matchAll(/[\u3400-\u9fff]+/g)) {
    for (let i = 0; i + 1 < m[0].length; i++) {
      const key = m[0].slice(i, i + 2);
      if (!ZH_STOP_BIGRAMS.has(key)) out.push({ key, start: m.index + i, end: m.index + i + 2 });
    }
  }
  return out;
}

const EN_HOURS: Record<string, number> = {
  one: 1, two: 2, three: 3, four: 4, five: 5, six: 6, seven: 7, eight: 8, nine: 9, ten: 10, eleven: 11, twelve: 12,
};
const ZH_DIGIT: Record<string, number> = { 零: 0, 〇: 0, 一: 1, 二: 2, 两: 2, 三: 3, 四: 4, 五: 5, 六: 6, 七: 7, 八: 8, 九: 9, 十: 10 };

/** 0–59 written in digits or Chinese numerals (十二, 零二, 二十五). */
function smallNumber(s: string): number | null {
  if (/^\d+$/.test(s)) return Number(s);
  if (s in EN_HOURS) return EN_HOURS[s]!;
  let value = 0;
  let digit = 0;
  for (const ch of s) {
    if (!(ch in ZH_DIGIT)) return null;
    if (ch === '十') {
      value += (digit || 1) * 10;
      digit = 0;
    } else digit = ZH_DIGIT[ch]!;
  }
  return value + digit;
}

// A Chinese hour needs a word that makes it one (钟, 分, 半, 以后…): 简单一点 is "a bit simpler".
const CLOCK =
  /(\d{1,2})\s*[:：]\s*(\d{2})|\b(\d{1,2}|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve)\s*(am|pm|o'clock|in the (?:morning|afternoon|evening))\b|([\d零〇一二两三四五六七八九十]{1,3})点(?:钟|(?=[多以前后左整])|([\d零〇一二两三四五六七八九十]{1,3})分?|(半))/g;

/**
 * The figures of a text: amounts and counts of at least ten (separators and Chinese
 * numerals normalised by the scoring core: "$18,000", "18000", "1.8万" are one value) and
 * clock times ("6:02", "六點零二分" and "6点02分" are one time; "7pm", "seven in the
 * evening" and "七點" are 7:00).
 */
export function numberPieces(norm: string): Piece[] {
  const out: Piece[] = [];
  const clocks: Piece[] = [];
  for (const m of norm.matchAll(CLOCK)) {
    const hour = smallNumber(m[1] ?? m[3] ?? m[5] ?? '');
    const minute = m[2] !== undefined ? Number(m[2]) : m[6] !== undefined ? smallNumber(m[6]) : m[7] ? 30 : 0;
    if (hour === null || minute === null || hour > 24 || minute > 59) continue;
    clocks.push({ key: `${hour}:${String(minute).padStart(2, '0')}`, start: m.index, end: m.index + m[0].length });
  }
  for (const n of numberMentions(norm)) {
    // A figure inside a clock time is that time, not an amount.
    if (clocks.some((c) => n.start >= c.start && n.start < c.end)) continue;
    if (n.value >= MIN_DISTINCTIVE_NUMBER) out.push({ key: String(n.value), start: n.start, end: n.end });
  }
  return [...out, ...clocks];
}

export function contentPieces(norm: string, lang: Lang): Piece[] {
  return lang === 'en' ? wordPieces(norm) : bigramPieces(norm);
}

/** The persona's words for a fact: its value and what the customer says when telling it. */
export function factText(persona: PersonaFile, fact: string): string {
  const says = persona.reveals.filter((r) => r.fact === fact).flatMap((r) => r.say.map((l) => fillLine(l, persona.facts)));
  // Own facts only: a name like "constructor" must not read Object's.
  return [Object.hasOwn(persona.facts, fact) ? persona.facts[fact] : '', ...says].join('\n');
}

/** The facts the customer keeps to themselves until asked: those a reveal tells (and the file has). */
export function hiddenFacts(persona: PersonaFile): string[] {
  return [...new Set(persona.reveals.map((r) => r.fact))].filter((f) => Object.hasOwn(persona.facts, f));
}

/** Every line the customer may say whatever the trainee asks: the persona's own small talk. */
function everydayLines(persona: PersonaFile): string[] {
  const { stages, ...rest } = persona.lines;
  const values = { ...persona.facts, term: '' };
  return [...persona.opening, ...Object.values(rest).flat(), ...Object.values(stages).flat()].map((l) => fillLine(l, values));
}

/**
 * What the customer says anyway, and the facts that are not hidden (now), as one text. The
 * persona's own lines count: a scam-wary mother asks "are you a scam?" (诈骗集团) whether or
 * not she has told why she fears one.
 */
export function saidAnyway(persona: PersonaFile, hidden: readonly string[]): string {
  const told = Object.keys(persona.facts).filter((f) => !hidden.includes(f));
  return [...everydayLines(persona), ...told.map((f) => factText(persona, f))].join('\n');
}
