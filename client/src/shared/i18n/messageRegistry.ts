/**
 * The messages the interface can show: each area's catalogue (shared, trainee, coach, qa)
 * is added when the area loads (lazyArea.ts), so a page finds its text and the text of the
 * areas it was not loaded with stays out of its bundle. Generic over the language list, so
 * a test can add a language the app does not have.
 */
import { formatMessage, type Catalogue, type Message, type Vars } from './message.ts';

/** An area's messages in every interface language; `area` names it (`coach`…). */
export interface AreaCatalogue<L extends string, K extends string = string> {
  readonly area: string;
  readonly messages: Readonly<Record<L, Catalogue<K>>>;
}

export interface MessageRegistry<L extends string> {
  add(catalogue: AreaCatalogue<L>): void;
  has(area: string): boolean;
  /** The message filled in, or null when no loaded area has the key. */
  text(locale: L, key: string, vars?: Vars): string | null;
}

export function createMessageRegistry<L extends string>(): MessageRegistry<L> {
  const areas = new Set<string>();
  const byLocale = new Map<L, Map<string, Message>>();
  return {
    add({ area, messages }) {
      if (areas.has(area)) return;
      areas.add(area);
      for (const [locale, catalogue] of Object.entries(messages) as Array<[L, Catalogue]>) {
        const merged = byLocale.get(locale) ?? new Map<string, Message>();
        for (const [key, message] of Object.entries(catalogue)) merged.set(key, message);
        byLocale.set(locale, merged);
      }
    },
    has: (area) => areas.has(area),
    text(locale, key, vars) {
      const message = byLocale.get(locale)?.get(key);
      return message === undefined ? null : formatMessage(locale, message, vars);
    },
  };
}
