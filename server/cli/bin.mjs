#!/usr/bin/env node
// The `sparring` executable (package.json "bin"). Sparring runs its TypeScript sources
// directly, with no build step, so this launcher registers tsx before loading the CLI.
import { register } from 'tsx/esm/api';

register();

// A reader that closes the pipe early (`sparring score a.json | head`) is not an error.
process.stdout.on('error', (err) => {
  if (err.code === 'EPIPE') process.exit(0);
  throw err;
});

// Imported only now: a static import would be loaded before tsx is registered.
const { main } = await import('./main.ts');

try {
  process.exitCode = await main(process.argv.slice(2));
} catch (err) {
  // Expected failures (bad files, bad options) are reported by the commands and return
  // 1 or 2; anything thrown to here is a bug, so show the stack and use a code of its own.
  console.error(err instanceof Error ? (err.stack ?? err.message) : err);
  process.exitCode = 70;
}
