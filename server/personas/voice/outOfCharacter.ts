/**
 * Whether an LLM customer's reply breaks character: the model speaking as what it is (an AI,
 * a language model, a program, an assistant, a bot), about its prompt or the rubric, or
 * echoing its instructions. llmVoice.ts asks while the reply streams and, on a hit, says the
 * scripted line instead. Pure: text in, a reason or null out.
 *
 * Replies are read as a person reads them (server/text/lookalikes.ts: no zero-width or format
 * characters, full-width and styled letters folded, Cyrillic and Greek look-alikes as Latin;
 * then normalize.ts: lower case, Chinese in Simplified), so "A​I", "ＡＩ", "АI" and 我是ＡＩ
 * read as what they say. Only claims about oneself and prompt talk count: a customer asking
 * "are you a robot?" or saying "I'm an assistant manager" stays in character.
 */
import { foldLookalikes } from '../../text/lookalikes.ts';
import { normalize } from '../../text/normalize.ts';
import type { EchoGuard } from './instructionEcho.ts';

/** What the model may call itself, whatever follows. */
const EN_SELF_ALWAYS = String.raw`(?:ai|a\.i\.?|artificial intelligence|(?:large )?language model|llm|chat ?bot|virtual assistant|ai assistant|digital assistant|computer program|software program|ai model|bot)`;
/**
 * Words a person uses of their job too ("an assistant manager", "a program officer", "a
 * machine operator"): a claim only when nothing names another job after them.
 */
const EN_SELF_CLAUSE = String.raw`(?:assistant|program|model|machine|robot)(?=\s*(?:$|[.,;:!?…)"'—-]|\s(?:and|that|which|who|created|made|designed|trained|developed|built|by|from|without|so|here|i|you|like|with|not|rather)\b))`;
const EN_CLAIM = String.raw`\b(?:as|i am|i'm|im|i was|i'm just|i am just|being)\s+(?:(?:just|only|merely|actually|really|simply|basically|not a human but)\s+)*(?:an?\s+|the\s+|your\s+|this\s+|one\s+)?(?:(?:helpful|friendly|simple|automated|digital|virtual|trained)\s+)*`;

const ZH_SELF_ALWAYS = '(?:ai|人工智能|大语言模型|语言模型|大模型|聊天机器人|虚拟助理|虚拟助手|智能助手|智能客服|ai助手|电脑程序|计算机程序)';
// 助手、助理、程序、程式、模型、机器人 are jobs and things too (程序员, 模型师…): a claim only at a clause end.
const ZH_SELF_CLAUSE = '(?:助手|助理|程序|程式|模型|机器人)(?=$|[，。！？、,.!?…；;：:）)」』"]|而已|罢了|啦|啊|呀|哦|喔)';
const ZH_CLAIM = '(?:作为|身为|我是|我只是|我就是|我其实是|我只不过是|我不过是|我本身是)(?:一个|一名|一款|一位|一种|个|的)?\\s*';

const PATTERNS: ReadonlyArray<{ re: RegExp; what: string }> = [
  { re: new RegExp(`${EN_CLAIM}(?:${EN_SELF_ALWAYS}\\b|${EN_SELF_CLAUSE})`), what: 'spoke of itself as a program' },
  { re: new RegExp(`${ZH_CLAIM}(?:${ZH_SELF_ALWAYS}|${ZH_SELF_CLAUSE})`), what: 'spoke of itself as a program' },
  { re: /\bi(?:'m| am) not (?:a |an )?(?:real )?(?:human|human being|real person)\b|\bi(?:'m| am) (?:a )?(?:fictional|simulated) (?:customer|character|person)\b/, what: 'said it is not a person' },
  { re: /我(?:不是|并不是)(?:真的|一个)?真人|我不是真正的人|我是(?:虚构|模拟)的(?:人物|角色|客户)/, what: 'said it is not a person' },
  { re: /\b(?:language model|chatgpt|openai|gpt-?\d|llm)\b/, what: 'named what it runs on' },
  { re: /\b(?:system prompt|my (?:instructions|prompt|programming|training data)|(?:programmed|instructed) to|role-?play(?:ing)?|in character|out of character|this (?:simulation|role-play))\b/, what: 'spoke of its instructions' },
  { re: /\brubric\b/, what: 'spoke of the rubric' },
  { re: /\bi can(?:not|'t) (?:assist|help) with (?:that|this)\b/, what: 'refused as an assistant does' },
  { re: /语言模型|系统提示|提示词|评分标准|评分规则|我的指令|角色扮演|我(?:只是)?在扮演/, what: 'spoke of its instructions' },
];

/** The form the patterns read: look-alikes folded, then lower case and Simplified. */
export function readAs(text: string): string {
  return normalize(foldLookalikes(text)).norm.replace(/[\u2018\u2019]/g, "'").replace(/\s+/g, ' ');
}

/** Why the reply is out of character (in English, for the log), or null. */
export function outOfCharacter(text: string): string | null {
  const read = readAs(text);
  const hit = PATTERNS.find(({ re }) => re.test(read));
  return hit ? `the model broke character (it ${hit.what})` : null;
}

export interface CharacterScan {
  /** Why the reply is out of character, or null. */
  breach: string | null;
  /** Where text that may still turn into an echo of the instructions starts, or null. */
  suspectAt: number | null;
}

export interface CharacterGuard {
  scan(text: string, final: boolean): CharacterScan;
}

/**
 * The whole check for one reply: the phrases above, and, given the prompt's guard
 * (instructionEcho.ts), an echo of the instructions.
 */
export function characterGuard(echo?: EchoGuard): CharacterGuard {
  return {
    scan(text, final) {
      const phrase = outOfCharacter(text);
      if (phrase) return { breach: phrase, suspectAt: null };
      const scan = echo?.scan(text, final);
      if (scan?.echo) return { breach: 'the model broke character (it echoed its instructions)', suspectAt: scan.suspectAt };
      return { breach: null, suspectAt: scan?.suspectAt ?? null };
    },
  };
}
