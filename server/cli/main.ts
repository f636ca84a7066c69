/**
 * The `sparring` command line: a table of subcommands and the dispatch between them.
 * Adding a command is one line in COMMANDS; each command lives in its own module.
 *
 * Exit codes, for every command: 0 all done, 1 some input was bad (reported on stderr,
 * the rest still processed), 2 the command line itself was wrong (usage, unknown option).
 */
import type { Command } from './command.ts';
import { chatCommand } from './chatCommand.ts';
import { demoCommand } from './demoCommand.ts';
import { migrateCommand } from './migrateCommand.ts';
import { personasCommand } from './personasCommand.ts';
import { scoreCommand } from './scoreCommand.ts';

const COMMANDS: readonly Command[] = [scoreCommand, personasCommand, chatCommand, demoCommand, migrateCommand];

export function usage(): string {
  const rows = COMMANDS.map((c) => [`${c.name} ${c.args}`.trim(), c.summary] as const);
  rows.push(['help', 'show this help']);
  const width = Math.max(...rows.map(([left]) => left.length));
  return [
    'Sparring: role-play trainer for customer service in lending.',
    '',
    'Usage: sparring <command> [arguments]',
    '',
    'Commands:',
    ...rows.map(([left, summary]) => `  ${left.padEnd(width)}  ${summary}`),
    '',
    'Run `sparring <command> --help` for more about one command.',
    '',
  ].join('\n');
}

export async function main(argv: string[]): Promise<number> {
  const [name, ...rest] = argv;
  if (name === undefined || name === 'help' || name === '--help' || name === '-h') {
    // `sparring help score` is the same as `sparring score --help`.
    const topic = name === 'help' ? COMMANDS.find((c) => c.name === rest[0]) : undefined;
    if (topic) return topic.run(['--help']);
    process.stdout.write(usage());
    return 0;
  }
  const command = COMMANDS.find((c) => c.name === name);
  if (!command) {
    process.stderr.write(`sparring: unknown command "${name}"\n\n${usage()}`);
    return 2;
  }
  return command.run(rest);
}
