/**
 * A persona field named the way the persona form names it: "mood.initial.anger" is
 * "Starting anger", "reveals[1].say[0]" is "What the customer then says (2) · say[0]"…
 * The form's own labels are these catalogue keys, so a problem and the form agree.
 */
import type { MessageKey } from '../shared/i18n/messageKeys.ts';
import type { Translate } from '../shared/i18n/messageKeys.ts';

/** A field path without its list positions: "reveals[1].say" → "reveals.say". */
const shapeOf = (segments: readonly string[]): string => segments.filter((s) => !/^\d+$/.test(s)).join('.');

/** The catalogue key of a field path's shape, when the form has a label for it. */
export function fieldKey(shape: string): MessageKey | null {
  const key = `qa.field.${shape}`;
  return LABELLED.has(key) ? (key as MessageKey) : null;
}

// The keys the catalogue has (qa/messages/en.ts `qa.field.*`), known without loading it.
const LABELLED = new Set<string>(
  [
    'id', 'version', 'locale', 'scenario', 'difficulty', 'retired', 'name', 'summary',
    'briefing', 'briefing.situation', 'briefing.goals', 'briefing.own_goals',
    'facts', 'reveals', 'reveals.fact', 'reveals.when_signals', 'reveals.about', 'reveals.say',
    'product', 'opening',
    'mood', 'mood.initial', 'mood.initial.anger', 'mood.initial.trust', 'mood.initial.confusion', 'mood.effects', 'mood.each_turn',
    'lines', 'lines.jargon', 'lines.dismissive', 'lines.misconduct', 'lines.calmer', 'lines.angrier', 'lines.stages',
    'lines.waiting', 'lines.escalated', 'lines.resolved', 'lines.abandoned',
    'end', 'end.escalate', 'end.resolve', 'end.abandon', 'tests',
  ].map((shape) => `qa.field.${shape}`),
);

/** Splits "reveals[1].say[0]" into ["reveals", "1", "say", "0"]. */
function segmentsOf(field: string): string[] {
  return field.split(/\.|\[(\d+)\]/).filter((s): s is string => s !== undefined && s !== '');
}

export function fieldLabel(field: string, t: Translate): string {
  const segments = segmentsOf(field);
  // The longest start of the path the form labels; the rest stays as written.
  for (let end = segments.length; end > 0; end--) {
    const key = fieldKey(shapeOf(segments.slice(0, end)));
    if (!key) continue;
    const positions = segments.slice(0, end).filter((s) => /^\d+$/.test(s)).map((n) => Number(n) + 1);
    const label = positions.length > 0 ? `${t(key)} (${positions.join('.')})` : t(key);
    const rest = segments.slice(end);
    return rest.length > 0 ? `${label} · ${rest.join('.')}` : label;
  }
  return field;
}
