/**
 * Whether Chinese shown to a reader is wholly in their script and free of the conversion
 * errors OpenCC is known to make in this trainer's words. Used by the tests of everything
 * shown in Chinese: feedback, coaching lines, the rubric's texts.
 */
import { simplify, traditionalize } from '../../server/text/script.ts';

export type Script = 'zh-Hans' | 'zh-Hant';

interface Misconversion {
  wrong: RegExp;
  right: string;
}

/**
 * What a converter writes that is wrong here, collected from OpenCC's output on this
 * trainer's phrases (see test/text/displayScript.test.ts). 準時 is not among them: it is the
 * right Traditional for 准时; 不準 for 不准 ("not allowed") is.
 */
export const KNOWN_MISCONVERSIONS: Readonly<Record<Script, readonly Misconversion[]>> = {
  'zh-Hant': [
    { wrong: /瞭解決|瞭解事實/, right: '「提出了解決」 is 提出了 + 解決 (of 瞭解 only when 了解 is one word)' },
    { wrong: /(提出|給|停在|做|說|有)瞭/, right: '了 as a particle stays 了' },
    { wrong: /稽核/, right: '審核 (reviewing an application; 稽核 is an audit)' },
    { wrong: /回復(您|客戶|他|她)/, right: '回覆 (a reply; 回復 is to restore)' },
    { wrong: /程式/, right: '程序 or 流程 (a procedure; 程式 is a computer program)' },
    { wrong: /檔案/, right: '文件 or 資料 (papers to bring; 檔案 is a computer file)' },
    { wrong: /支援/, right: '支持 (support from a person; 支援 is backup)' },
    { wrong: /籤/, right: '簽 (簽合同, 簽字: to sign)' },
    { wrong: /賬/, right: '帳 (帳戶, 帳號, 轉帳 in Taiwan)' },
    { wrong: /不準(?![確時])/, right: '不准 (not allowed; 不準 is inaccurate)' },
  ],
  'zh-Hans': [
    { wrong: /回调/, right: '回拨 (to call back; 回调 is a software callback)' },
    { wrong: /瞭/, right: '了' },
  ],
};

/** 了 → 瞭 is Taiwan's choice of word (瞭解), not a character of the other script. */
const SAME_IN_BOTH: ReadonlySet<string> = new Set(['了']);

/** What is wrong with a text shown in a script: characters of the other script, known mis-conversions. */
export function scriptProblems(text: string, script: Script): string[] {
  const converted = script === 'zh-Hant' ? traditionalize(text) : simplify(text);
  const problems: string[] = [];
  [...text].forEach((char, i) => {
    const other = [...converted][i];
    if (other !== undefined && other !== char && !SAME_IN_BOTH.has(char)) problems.push(`${char} is not ${script} (${other})`);
  });
  for (const { wrong, right } of KNOWN_MISCONVERSIONS[script]) {
    const found = wrong.exec(text);
    if (found) problems.push(`${found[0]}: ${right}`);
  }
  return problems;
}
