/** English word stems for comparing what the customer and the trainee said. */

/**
 * A crude English stem, enough to match "applied"/"apply", "payments"/"payment": -ies/-ied
 * become -y, then one of -ing, -ed, -es, -s goes, then a final -e. Written with endsWith, not
 * three regular-expression replaces: it runs on every English word of every turn.
 */
export function stem(word: string): string {
  let w = word.endsWith('ies') || word.endsWith('ied') ? `${word.slice(0, -3)}y` : word;
  if (w.endsWith('ing')) w = w.slice(0, -3);
  else if (w.endsWith('ed') || w.endsWith('es')) w = w.slice(0, -2);
  else if (w.endsWith('s')) w = w.slice(0, -1);
  return w.endsWith('e') ? w.slice(0, -1) : w;
}
