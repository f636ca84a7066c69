/**
 * Fills a persona line's placeholders: `{term}` with the jargon the trainee used, and
 * `{fact_name}` with the persona's own facts ("您說的那{amount}…"). An unknown name stays
 * as written, so a typo shows instead of vanishing, and so does a name every object inherits
 * (`{constructor}`), which is no fact of the persona.
 */
export function fillLine(line: string, values: Readonly<Record<string, string>>): string {
  return line.replace(/\{([a-z_]+)\}/g, (whole, name: string) => (Object.hasOwn(values, name) ? values[name]! : whole));
}
