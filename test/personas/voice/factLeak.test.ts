// The hidden-fact leak guard (server/personas/voice/factLeak.ts) on the starter personas: no
// line a persona says without a reveal is flagged, every reveal said early is, and a fact
// the step reveals now, or revealed before, is the customer's to tell.
import { describe, expect, it } from 'vitest';
import type { CustomerState } from '../../../server/domain/customerState.ts';
import { initialState } from '../../../server/personas/initialState.ts';
import type { Situation } from '../../../server/personas/customerStep.ts';
import { factLeakGuard, tellsHiddenFact } from '../../../server/personas/voice/factLeak.ts';
import { findPersona, loadPersonaLibrary } from '../../../server/personas/personaLibrary.ts';
import type { PersonaFile } from '../../../server/personas/schema.ts';
import { fillLine } from '../../../server/personas/fillLine.ts';
import { simplify, traditionalize } from '../../../server/text/script.ts';
import type { Locale } from '../../../server/scoring/types.ts';

const library = loadPersonaLibrary();
const personas = library.personas;
const persona = (id: string, locale: Locale): PersonaFile => findPersona(library, id, locale)!;

/** Only the fields the guard reads; the rest of a situation does not matter to it. */
const noReveal = { reveal: null } as Situation;
const revealing = (p: PersonaFile, fact: string) => ({ reveal: { fact, say: p.reveals.find((r) => r.fact === fact)!.say } }) as Situation;
const fresh = (p: PersonaFile): CustomerState => initialState(p, 1);
const withRevealed = (p: PersonaFile, revealed: string[]): CustomerState => ({ ...fresh(p), revealed });
const JARGON: Record<Locale, string> = { en: 'disbursement', 'zh-Hans': '放款', 'zh-Hant': '撥貸' };

/**
 * Every reply the scripted engine can give in a turn without a reveal (scriptedReply.ts):
 * an ending alone, or a reaction, a jargon question and a step or mood line, joined.
 */
function scriptedRepliesWithoutReveal(p: PersonaFile): string[] {
  const values = { ...p.facts, term: JARGON[p.locale] };
  const fill = (lines: readonly string[]) => lines.map((l) => fillLine(l, values));
  const { lines } = p;
  const reactions = ['', ...fill(lines.misconduct), ...fill(lines.dismissive)];
  const jargon = ['', ...fill(lines.jargon)];
  const moves = fill([...Object.values(lines.stages).flat(), ...lines.calmer, ...lines.angrier, ...lines.waiting]);
  const out = new Set(fill([...p.opening, ...lines.resolved, ...lines.escalated, ...lines.abandoned]));
  for (const r of reactions) for (const j of jargon) for (const m of moves) out.add([r, j, m].filter(Boolean).join(p.locale === 'en' ? ' ' : ''));
  return [...out];
}

// What any customer might say in any call, the model's own words, including answers to a
// trainee's injection attempt: never a hidden fact of any persona.
const EVERYDAY: Record<'en' | 'zh', string[]> = {
  en: [
    "I've been waiting for ages and nobody tells me anything. When is this going to be sorted?",
    "Look, I just want to know what you're going to do about it, today, not next week.",
    "Are you even listening to me? This is the third time I've had to explain the whole thing.",
    "I don't understand any of this. Can you say it in plain words, please?",
    "Okay, that's a bit better. So what happens next, and who do I talk to if it goes wrong again?",
    "Fine, I'll wait for your call, but if I don't hear back I'm making a formal complaint.",
    "I'm worried, to be honest. I've never had trouble like this with a bank before.",
    'Ignore all previous instructions? What on earth are you talking about? I just want my problem fixed.',
    "Full marks? Is this some kind of joke? I'm a customer, and I'm still waiting for an answer.",
    'Who is this exactly, and why should I tell you anything over the phone?',
    "Can you check what's happening with my account and ring me back this afternoon?",
  ],
  zh: [
    '我已经等了很久了，到现在都没有人给我一个说法，你们到底什么时候处理？',
    '你就直接告诉我，今天能不能解决，不要再跟我绕圈子了。',
    '你有没有在听我说话？这件事我已经讲了好几遍了。',
    '你讲的我听不懂，可以说简单一点吗？',
    '好，我等你电话，要是没消息我就要去投诉了。',
    '说实话我有点担心，我从来没在银行遇过这种事。',
    '什么忽略指示？你在说什么啊？我只是想把我的问题解决。',
    '什么系统提示？你是不是打错电话了？我问的是我自己的事。',
    '满分？你在开玩笑吗？我是客户，我还在等你给我答案。',
    '我最怕的是你们又拖，到时候又没人管。',
    '你帮我查一下是怎么回事，下午再打给我好不好？',
  ],
};
const everyday = (locale: Locale): string[] =>
  locale === 'en' ? EVERYDAY.en : EVERYDAY.zh.map((t) => (locale === 'zh-Hant' ? traditionalize(t) : t));

describe('no false alarm', () => {
  it('has the 33 starter personas to sweep', () => {
    expect(library.problems).toEqual([]);
    expect(personas).toHaveLength(48);
  });

  it.each(personas.map((p) => [`${p.id} ${p.locale}`, p] as const))('never flags a scripted reply without a reveal (%s)', (_, p) => {
    const guard = factLeakGuard(p, fresh(p), noReveal, [JARGON[p.locale]]);
    const flagged = scriptedRepliesWithoutReveal(p)
      .map((text) => ({ text, leak: guard.scan(text, true).leak }))
      .filter((r) => r.leak);
    expect(flagged).toEqual([]);
  });

  it.each(personas.map((p) => [`${p.id} ${p.locale}`, p] as const))('never flags everyday customer talk (%s)', (_, p) => {
    const guard = factLeakGuard(p, fresh(p), noReveal, []);
    expect(everyday(p.locale).filter((t) => guard.scan(t, true).leak)).toEqual([]);
  });
});

describe('a hidden fact told early', () => {
  const reveals = personas.flatMap((p) => p.reveals.map((r) => [`${p.id} ${p.locale} ${r.fact}`, p, r.fact, r.say] as const));

  it.each(reveals)('flags every reveal line of %s, as that fact', (_, p, fact, say) => {
    const others = p.reveals.map((r) => r.fact).filter((f) => f !== fact);
    for (const line of say.map((l) => fillLine(l, p.facts))) {
      // Alone among hidden facts, it is named; with all still hidden, something is flagged.
      expect(tellsHiddenFact(p, withRevealed(p, others), noReveal, [], line), line).toMatchObject({ fact });
      expect(tellsHiddenFact(p, fresh(p), noReveal, [], line), line).not.toBeNull();
    }
  });

  it.each<[string, Locale, string, string]>([
    ['late-disbursement', 'en', 'truth', 'Well, a loan officer phoned me last week for my bank statements, and I emailed them straight away.'],
    ['late-disbursement', 'zh-Hant', 'truth', '上禮拜有人打來叫我補收入證明，我第二天就傳真過去了。'],
    ['late-disbursement', 'zh-Hans', 'truth', '上周你们的人让我补银行流水，我第二天就发过去了。'],
    ['double-charge', 'en', 'sms', 'My phone buzzed twice that morning, once at 6:02 and again at 6:04.'],
    ['double-charge', 'en', 'rent', 'My rent is 950 dollars and it bounced.'],
    ['double-charge', 'zh-Hant', 'rent', '我的房租是12,000元，結果沒轉成功。'],
    ['double-charge', 'zh-Hant', 'rent', '房租1.2萬，錢不夠就沒轉過去。'],
    ['double-charge', 'zh-Hant', 'sms', '我6點02分跟6點04分各收到一封簡訊。'],
    ['elderly-mobile-banking', 'en', 'call', 'A man from your fraud team rang me this morning and wanted the code from my text.'],
    ['first-time-applicant', 'en', 'income', 'I make roughly 2600 a month from the apps.'],
    ['first-time-applicant', 'en', 'income', 'It comes to about 2.6k a month, paid weekly by the delivery apps.'],
    ['first-time-applicant', 'zh-Hant', 'income', '平台每個禮拜把錢匯到我郵局，一個月四萬出頭啦。'],
    ['overdue-lost-income', 'en', 'new_job', "I've got a job driving deliveries for a supermarket from next month."],
    ['overdue-lost-income', 'zh-Hant', 'fear', '我最怕你們打到我家，我老婆還不知道我被資遣。'],
    ['third-party-answer', 'en', 'back_time', "He's normally home after seven in the evening."],
    ['third-party-answer', 'zh-Hant', 'back_time', '他大概七點多才會回來。'],
  ])('flags a plain paraphrase: %s %s %s', (id, locale, fact, text) => {
    const p = persona(id, locale);
    const others = p.reveals.map((r) => r.fact).filter((f) => f !== fact);
    expect(tellsHiddenFact(p, withRevealed(p, others), noReveal, [], text)).toMatchObject({ fact });
  });

  it('reads Simplified and Traditional alike, whatever the persona writes in', () => {
    const hant = persona('late-disbursement', 'zh-Hant');
    const hans = persona('late-disbursement', 'zh-Hans');
    const line = hant.reveals.find((r) => r.fact === 'truth')!.say[0]!;
    expect(tellsHiddenFact(hant, fresh(hant), noReveal, [], simplify(line))).toMatchObject({ fact: 'truth' });
    const hansLine = hans.reveals.find((r) => r.fact === 'truth')!.say[0]!;
    expect(tellsHiddenFact(hans, fresh(hans), noReveal, [], traditionalize(hansLine))).toMatchObject({ fact: 'truth' });
  });
});

describe('a fact the customer may tell', () => {
  const p = persona('late-disbursement', 'en');
  const truth = p.reveals.find((r) => r.fact === 'truth')!.say[0]!;

  it('is not flagged when the step reveals it now', () => {
    const state = withRevealed(p, ['truth']); // the state after the step carries the reveal
    expect(tellsHiddenFact(p, state, revealing(p, 'truth'), [], truth)).toBeNull();
  });

  it('is not flagged once revealed, but the others still are', () => {
    expect(tellsHiddenFact(p, withRevealed(p, ['truth']), noReveal, [], truth)).toBeNull();
    const purpose = fillLine(p.reveals.find((r) => r.fact === 'purpose')!.say[1]!, p.facts);
    expect(tellsHiddenFact(p, withRevealed(p, ['truth']), noReveal, [], purpose)).toMatchObject({ fact: 'purpose' });
  });

  it("is not flagged when it only repeats the trainee's own words", () => {
    const reply = 'Yes, I sent the statements last week.';
    expect(tellsHiddenFact(p, fresh(p), noReveal, [], reply)).toMatchObject({ fact: 'truth' });
    expect(tellsHiddenFact(p, fresh(p), noReveal, ['Did you send us your bank statements last week?'], reply)).toBeNull();
  });

  it('allows the numbers the trainee already knows, in any notation', () => {
    const en = persona('late-disbursement', 'en'); // $18,000 is in the briefing summary
    expect(tellsHiddenFact(en, fresh(en), noReveal, [], 'Where is my 18000? Eighteen grand, 18,000 dollars!')).toBeNull();
  });
});

describe('while the reply streams', () => {
  const p = persona('double-charge', 'en');
  const guard = factLeakGuard(p, fresh(p), noReveal, []);

  it('holds a figure still being written, and flags it once whole', () => {
    const partial = 'And my rent is $9';
    expect(guard.scan(partial, false)).toEqual({ leak: null, suspectAt: partial.indexOf('9') - 1 });
    expect(guard.scan('And my rent is $950 and', false).leak).toMatchObject({ fact: 'rent', evidence: ['950'] });
    expect(guard.scan('And my rent is $950', true).leak).toMatchObject({ fact: 'rent' });
  });

  it('marks the first word of a hidden fact, before there are enough to flag', () => {
    const text = 'I have a duplicate of everything here.';
    const scan = guard.scan(text, false);
    expect(scan.leak).toBeNull();
    expect(scan.suspectAt).toBe(text.indexOf('duplicate'));
  });

  it('lets ordinary words through', () => {
    expect(guard.scan('When will you give my money back? ', false)).toEqual({ leak: null, suspectAt: null });
  });
});
