// Entry of the persona test worker thread (personaTestRunner.ts). Sparring runs its
// TypeScript sources directly, and a worker thread does not always inherit the loader that
// made that possible in its parent (`npm start` passes --import tsx, which workers inherit;
// the CLI's bin.mjs and the test runner register theirs in the main thread only), so tsx is
// registered here, as bin.mjs does, before the worker's TypeScript is imported.
import { register } from 'tsx/esm/api';

register();

await import('./personaTestWorker.ts');
