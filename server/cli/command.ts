/** What a `sparring` subcommand is: the dispatcher (main.ts) lists them, each lives in its own module. */
export interface Command {
  name: string;
  /** The command's arguments, shown after its name in the usage text. */
  args: string;
  /** One line for the usage text. */
  summary: string;
  /** Runs with the arguments after the command's name; resolves to the exit code. */
  run(args: string[]): Promise<number>;
}
