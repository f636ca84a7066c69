/**
 * How a rubric signal shows: its label in the interface language and its tone, `good`
 * (earned points), `bad` (cost points) or `neutral` (noted, neither). Both come from the
 * server's rubric (`GET /api/signals`, loaded once per sign-in by useSignals.ts), so the
 * client keeps no list of signals: a signal a rubric adds shows with its own label. An id
 * the catalogue lacks (or a catalogue that could not load) shows in a readable form of the
 * id, neutral: never a blank, never a crash.
 */
import { callProcess, type CallProcess } from './callProcess.ts';
import type { SignalCatalog } from './contract.ts';
import { conversationLocaleFor } from './i18n/interfaceLanguages.ts';

export type Tone = SignalCatalog['signals'][number]['tone'];

export interface SignalNames {
  label(signal: string): string;
  tone(signal: string): Tone;
  /** The rubric's tags of the signal; none for an id the catalogue lacks. */
  tags(signal: string): readonly string[];
  /**
   * A conduct fault: a signal of the conduct criterion that costs points. Without the
   * catalogue, any `conduct.` id is taken for one, so a fault is never shown as praise.
   */
  isFault(signal: string): boolean;
  /** The process of the call's scenario, in the interface language; null when it has none. */
  process(scenario: string | null | undefined): CallProcess | null;
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
    tags: (signal) => byId.get(signal)?.tags ?? [],
    isFault: (signal) => {
      const known = byId.get(signal);
      return known ? known.criterion === 'conduct' && known.tone === 'bad' : signal.startsWith('conduct.');
    },
    process: (scenario) => callProcess(catalog?.processes ?? [], scenario, labelLocale),
  };
}
