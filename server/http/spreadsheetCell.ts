/**
 * A CSV cell that a spreadsheet shows as text, never runs as a formula (OWASP, "CSV
 * Injection"): a text cell beginning with `=`, `+`, `-`, `@`, a tab or a carriage return gets a
 * single quote in front, which Excel, LibreOffice and Google Sheets read as "this is text"
 * and do not display. A trainee's reply "=HYPERLINK(…)" or a coach's reason "-1 for tone"
 * then opens as typed. Numbers the server wrote as numbers (scores, turn indexes) stay
 * numbers, so the sheet can still sum them.
 */
const FORMULA_START = /^[=+\-@\t\r]/;

export function spreadsheetCell(value: string | number): string | number {
  if (typeof value === 'number') return value;
  return FORMULA_START.test(value) ? `'${value}` : value;
}
