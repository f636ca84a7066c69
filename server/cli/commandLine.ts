/**
 * Reads a command's arguments with node:util's parseArgs, and turns its errors into the one
 * line a person acts on (`unknown option "--jsn"`, `--rubric needs a value`), so every command
 * parses alike and none hand-rolls a loop over argv.
 */
import { parseArgs, type ParseArgsConfig } from 'node:util';

type Options = NonNullable<ParseArgsConfig['options']>;
type Parsed<O extends Options> = ReturnType<typeof parseArgs<{ options: O; allowPositionals: true; strict: true }>>;

export type ArgsResult<O extends Options> = { ok: true; values: Parsed<O>['values']; positionals: string[] } | { ok: false; error: string };

export function readCommandLine<O extends Options>(args: readonly string[], options: O): ArgsResult<O> {
  try {
    const { values, positionals } = parseArgs({ args: [...args], options, allowPositionals: true, strict: true });
    return { ok: true, values, positionals };
  } catch (err) {
    return { ok: false, error: plainError(err) };
  }
}

/** parseArgs explains at length; the first fact is what the person needs. */
function plainError(err: unknown): string {
  const code = (err as NodeJS.ErrnoException).code;
  const message = err instanceof Error ? err.message : String(err);
  const option = /'(-[^']*)'/.exec(message)?.[1];
  if (code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION' && option) return `unknown option "${option.split(/[ =]/)[0]}"`;
  if (code === 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE' && option) {
    const name = option.split(/[ ,]/).find((part) => part.startsWith('--')) ?? option;
    // "argument missing", or "ambiguous" when the next word is another option (`--rubric --json`).
    return /does not take an argument/.test(message) ? `${name} takes no value` : `${name} needs a value`;
  }
  return message.split('\n')[0] ?? message;
}
