// server/cli/commandLine.ts: every command reads its arguments alike, and a mistake is one line
// naming the option.
import { describe, expect, it } from 'vitest';
import { readCommandLine } from '../../server/cli/commandLine.ts';

const OPTIONS = { json: { type: 'boolean' }, rubric: { type: 'string' }, help: { type: 'boolean', short: 'h' } } as const;

describe('readCommandLine', () => {
  it('takes options before or after the positional arguments', () => {
    expect(readCommandLine(['a.json', '--json', '--rubric', 'r1', 'b.json'], OPTIONS)).toEqual({
      ok: true,
      values: { json: true, rubric: 'r1' },
      positionals: ['a.json', 'b.json'],
    });
    expect(readCommandLine(['--rubric=r2', '-h'], OPTIONS)).toMatchObject({ ok: true, values: { rubric: 'r2', help: true } });
  });

  it('keeps "-" and everything after "--" as positional arguments', () => {
    expect(readCommandLine(['-', '--', '--json'], OPTIONS)).toMatchObject({ ok: true, values: {}, positionals: ['-', '--json'] });
  });

  it.each([
    ['an unknown option', ['--jsn', 'a.json'], 'unknown option "--jsn"'],
    ['a missing value', ['a.json', '--rubric'], '--rubric needs a value'],
    ['an option where the value should be', ['--rubric', '--json'], '--rubric needs a value'],
    ['a value given to a switch', ['--json=yes'], '--json takes no value'],
  ])('names the option on %s', (_name, args, error) => {
    expect(readCommandLine(args, OPTIONS)).toEqual({ ok: false, error });
  });
});
