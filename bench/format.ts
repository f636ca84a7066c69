/**
 * Plain-text formatting for benchmark reports: fixed-width tables and numbers in the units
 * people read (replies per second with separators, latencies in milliseconds).
 */

/** Columns padded to their widest cell; the first column left-aligned, the rest right-aligned (numbers). */
export function table(header: readonly string[], rows: readonly (readonly string[])[]): string[] {
  const all = [header, ...rows];
  const widths = header.map((_, c) => Math.max(...all.map((row) => (row[c] ?? '').length)));
  const line = (row: readonly string[]) =>
    row.map((cell, c) => (c === 0 ? cell.padEnd(widths[c]!) : cell.padStart(widths[c]!))).join('  ').trimEnd();
  return [line(header), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.map(line)];
}

export function count(n: number): string {
  return Math.round(n).toLocaleString('en-US');
}

/** Milliseconds with three decimals: latencies here are tens of microseconds to a few ms. */
export function ms(n: number): string {
  return n.toFixed(3);
}

export function ratio(n: number): string {
  return `${n.toFixed(1)}×`;
}

export function mib(bytes: number): string {
  return `${(bytes / 2 ** 20).toFixed(1)} MiB`;
}

export function metMark(met: boolean): string {
  return met ? 'met' : 'NOT met';
}
