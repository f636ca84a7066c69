/**
 * How a rubric signal shows: its label in the interface language and its tone, `good`
 * (earned points), `bad` (cost points) or `neutral` (noted, neither). Both come from the
 * server's rubric (`GET /api/signals`, loaded once per sign-in by useSignals.ts), so the
 * client keeps no list of signals: a signal a rubric adds shows with its own label. An id
 * the catalogue lacks (or a catalogue that could not load) shows in a readable form of the
 * id, neutral: never a blank, never a crash.
 */
import type { SignalCatalog } from './contract.ts';
import { conversationLocaleFor } from './i18n/interfaceLanguages.ts';

export type Tone = SignalCatalog['signals'][number]['tone'];

export interface SignalNames {
  label(signal: string): string;
  tone(signal: string): Tone;
}

/** `conduct.credential_request` → "credential request": the last part of the id, in words. */
export function readableSignalId(signal: string): string {
  const name = signal.slice(signal.lastIndexOf('.') + 1).replace(/[_-]+/g, ' ').trim();
  return name || signal;
}

export function signalNames(catalog: SignalCatalog | null, uiLocale: string): SignalNames {
  const byId = new Map((catalog?.signals ?? []).map((s) => [s.id, s]));
  // The rubric labels its signals in the conversation locales; another interface language reads the closest.
  const labelLocale = conversationLocaleFor(uiLocale);
  return {
    label: (signal) => byId.get(signal)?.label?.[labelLocale] || readableSignalId(signal),
    tone: (signal) => byId.get(signal)?.tone ?? 'neutral',
  };
}
