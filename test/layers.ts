/**
 * Which layer each test file runs in, for vitest.config.ts (one vitest project per layer) and
 * for test/layers.test.ts, which checks that every test file is in exactly one of them.
 *
 *   unit         no I/O: no network, no child process, no service, no disk beyond reading the
 *                repository's own files (rubrics, personas, labelled cases). `npm run test:unit`.
 *   integration  real processes and services: HTTP and socket.io servers, Redis, the
 *                OpenAI-compatible test server, CLI subprocesses, temporary files.
 *   browser      Chromium driving the built client.
 *   long         the short soak and fuzz runs (tens of seconds each).
 *
 * A file lands in the layer of its folder under test/; the few that do not are listed in
 * EXCEPTIONS with the reason. A file in a folder listed nowhere belongs to no layer, and the
 * check fails until the folder is given one.
 */
export const LAYERS = ['unit', 'integration', 'browser', 'long'] as const;
export type Layer = (typeof LAYERS)[number];

/** Folders under test/ (the first segment of the path; '.' for files directly in test/) and their layer. */
export const FOLDER_LAYER: Readonly<Record<string, Layer>> = {
  '.': 'unit',
  auth: 'unit',
  client: 'unit',
  coaching: 'unit',
  dataFiles: 'unit',
  eval: 'unit',
  limits: 'unit',
  personas: 'unit',
  scoring: 'unit',
  text: 'unit',
  cli: 'integration',
  deploy: 'integration',
  graders: 'integration',
  http: 'integration',
  integration: 'integration',
  llm: 'integration',
  reliability: 'integration',
  sessions: 'integration',
  store: 'integration',
  e2e: 'browser',
  fuzz: 'long',
};

/** Test files whose layer is not their folder's, and why. */
export const EXCEPTIONS: Readonly<Record<string, { layer: Layer; why: string }>> = {
  'test/dataFiles/loadRubric.test.ts': { layer: 'integration', why: 'writes edited rubric files to a temporary folder' },
  'test/dataFiles/parseDataFile.test.ts': { layer: 'integration', why: 'reads a file it wrote to a temporary folder' },
  'test/personas/personaLibrary.test.ts': { layer: 'integration', why: 'writes persona folders to a temporary folder' },
  'test/personas/personaCatalog.test.ts': { layer: 'integration', why: 'stores persona versions in a file store and in Redis' },
  'test/personas/voice/llmVoice.test.ts': { layer: 'integration', why: 'talks to the OpenAI-compatible test server' },
  'test/scoring/rubric/signalCatalog.test.ts': { layer: 'integration', why: 'serves a rubric with one more signal over HTTP and loads rubric files it wrote' },
  'test/limits/redisLimits.test.ts': { layer: 'integration', why: 'counts in a real Redis, shared by two limiters as by two processes' },
  'test/store/file/lruCache.test.ts': { layer: 'unit', why: 'an in-memory cache: no file is touched' },
  'test/deploy/deployFiles.test.ts': { layer: 'unit', why: 'reads the deployment files and docs of the repository only' },
  'test/reliability/browserResume.test.ts': { layer: 'browser', why: 'Chromium resuming through a server restart' },
  'test/reliability/soak.test.ts': { layer: 'long', why: 'the short soak: conversations for tens of seconds' },
};

export const TEST_FILES = 'test/**/*.test.ts';

const folderGlob = (folder: string): string => (folder === '.' ? 'test/*.test.ts' : `test/${folder}/**/*.test.ts`);

/** The folder a test file's layer comes from: the first segment under test/, or '.'. */
export function folderOf(path: string): string {
  const parts = path.split('/');
  return parts.length > 2 ? parts[1]! : '.';
}

/** A layer's files as globs relative to the repository root: what its vitest project includes and excludes. */
export function layerGlobs(layer: Layer): { include: string[]; exclude: string[] } {
  const folders = Object.keys(FOLDER_LAYER).filter((folder) => FOLDER_LAYER[folder] === layer);
  const exceptions = Object.entries(EXCEPTIONS);
  return {
    include: [...folders.map(folderGlob), ...exceptions.filter(([, e]) => e.layer === layer).map(([path]) => path)],
    exclude: exceptions.filter(([path, e]) => e.layer !== layer && FOLDER_LAYER[folderOf(path)] === layer).map(([path]) => path),
  };
}
