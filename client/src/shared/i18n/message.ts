/**
 * One interface message and how it is filled in. A message is a template (`'Signed in as
 * {name}'`) or, when it counts something, one template per plural category of the language
 * (`{ one: '{count} problem', other: '{count} problems' }`), chosen by `Intl.PluralRules`
 * from the `count` value, so each language says "1 problem", "2 problems" or "2 处问题" its
 * own way. Values go in as text: the result is a plain string that React renders as a text
 * node, never as HTML.
 */

/** A counted message: the forms a language needs (test/client/catalogues.test.ts checks which), `other` always. */
export type PluralForms = Readonly<Partial<Record<Intl.LDMLPluralRule, string>>> & { readonly other: string };
export type Message = string | PluralForms;
/** One area's messages in one language, by key. */
export type Catalogue<K extends string = string> = Readonly<Record<K, Message>>;
export type Vars = Readonly<Record<string, string | number>>;

const rulesByLocale = new Map<string, Intl.PluralRules>();

export function pluralRules(locale: string): Intl.PluralRules {
  let rules = rulesByLocale.get(locale);
  if (!rules) {
    rules = new Intl.PluralRules(locale);
    rulesByLocale.set(locale, rules);
  }
  return rules;
}

/** The `{name}`s of a template; a name with no value stays as written, so a mistake shows instead of vanishing. */
export function fillIn(template: string, vars: Vars = {}): string {
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => (name in vars ? String(vars[name]) : whole));
}

export function formatMessage(locale: string, message: Message, vars?: Vars): string {
  if (typeof message === 'string') return fillIn(message, vars);
  const count = vars?.count;
  const form = typeof count === 'number' ? message[pluralRules(locale).select(count)] : undefined;
  return fillIn(form ?? message.other, vars);
}

/** The value names a message uses, in all its forms: `{count}`, `{name}`… */
export function placeholdersOf(message: Message): Set<string> {
  const templates = typeof message === 'string' ? [message] : Object.values(message).filter((v): v is string => typeof v === 'string');
  return new Set(templates.flatMap((template) => [...template.matchAll(/\{(\w+)\}/g)].map((m) => m[1]!)));
}
