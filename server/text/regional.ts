/**
 * Taiwan and Hong Kong wording mapped to the mainland words the rubric's lists hold, so
 * "已經發簡訊給您", "我哋冇收到" and "您的帳戶" match the same entries as "已经发短信给您",
 * "我们没收到" and "您的账户". Applied to text already in Simplified script (script.ts), to
 * replies and word-list entries alike, so a list may name either form.
 *
 * Every replacement keeps the length of what it replaces: matching offsets then still point
 * at the words the trainee typed, which evidence quotes. The table is a reviewed selection
 * of OpenCC's Taiwan phrase table (TWPhrasesRev) plus everyday Taiwan and Cantonese words;
 * the whole OpenCC table is not used because some of its computing entries rewrite ordinary
 * words (执行 → 运行 would turn 强制执行 into 强制运行, 行程 → 进程).
 */
import * as OpenCC from 'opencc-js';

// [regional form, mainland form], both in Simplified script, same length.
const REGIONAL_WORDS: readonly (readonly [string, string])[] = [
  // Taiwan (from OpenCC's TWPhrasesRev)
  ['简讯', '短信'],
  ['联络', '联系'],
  ['讯息', '消息'],
  ['资讯', '信息'],
  ['网路', '网络'],
  ['视讯', '视频'],
  ['支援', '支持'],
  ['软体', '软件'],
  ['储存', '保存'],
  ['传送', '发送'],
  ['预设', '默认'],
  // Taiwan, everyday and lending words
  ['核准', '批准'],
  ['久候', '久等'],
  ['帐', '账'],
  ['透过', '通过'],
  ['回馈', '反馈'],
  ['品质', '质量'],
  ['缴款', '还款'],
  ['缴清', '还清'],
  // Hong Kong (Cantonese)
  ['唔该', '唔该'], // "thank you": not a negation
  ['唔使', '不用'],
  ['唔', '不'],
  ['冇', '没'],
  ['佢', '他'],
  ['哋', '们'],
  ['嘅', '的'],
  ['咗', '了'],
  ['喺', '在'],
  ['俾', '给'],
  ['畀', '给'],
  ['睇', '看'],
  ['搵', '找'],
  ['而家', '现在'],
  ['屋企', '家里'],
  ['老细', '老板'],
  ['点解', '为何'],
];

for (const [from, to] of REGIONAL_WORDS) {
  if (from.length !== to.length) throw new Error(`regional word ${from} → ${to} changes the length`);
}

// Building the trie is cheap but not free: once per process.
const toMainland = OpenCC.CustomConverter(REGIONAL_WORDS.map(([from, to]) => [from, to] as [string, string]));

/** Maps regional words in Simplified-script text to their mainland form, keeping its length. */
export function mainlandWords(simplified: string): string {
  return toMainland(simplified);
}
