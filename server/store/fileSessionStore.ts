/**
 * The embedded default store (SessionStore, sessionStore.ts): users, sessions and secrets as
 * files under DATA_DIR, needing nothing but Node. openStore.ts picks it when REDIS_URL is unset.
 *
 * FOR ONE SERVER PROCESS. Everything is read at open and served from an in-memory index;
 * writes are serialised inside this process only. A second process on the same DATA_DIR
 * would not see this one's writes and could refuse or overwrite them: run several server
 * processes on Redis (redisSessionStore.ts) instead.
 *
 *   users.jsonl           one User per line, append-only
 *   sessions/<id>.jsonl   {"session":…}, then one {"turn":…} per turn, then {"end":…}
 *   secrets.json          { name: value }, mode 0600, replaced whole
 *
 * Durability. An append is one write of a whole line, then fsync, before its promise
 * resolves: an acknowledged turn survives a crash, a SIGKILL or a power cut. A new or
 * rewritten file goes to a temporary name, is fsynced, then linked or renamed into place and
 * the directory fsynced, so it appears whole or not at all. A crash therefore leaves at most
 * a torn last line: at open it is reported in `problems` and ignored, and the next write to
 * that file rewrites it whole from memory. A write that fails (disk full…) is cut back to the
 * last whole line, leaves memory as it was, and rejects.
 *
 * Damage found at open never stops the store: each bad line (unparsable, failing the record
 * schemas, out of sequence) is reported with its file and line, and the rest is served. A
 * file damaged anywhere but its last line is copied to `<file>.damaged-<time>` before its
 * first rewrite, so nothing a person might want to repair is thrown away.
 */
import { randomBytes } from 'node:crypto';
import { constants } from 'node:fs';
import { copyFile, link, mkdir, open, readdir, readFile, rename, rm, stat } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { z } from 'zod';
import { fieldPath, formatProblem } from '../files/fileError.ts';
import { ScoreReport } from '../scoring/types.ts';
import { Outcome, SessionRecord, StoredTurn, summarize, User, type SessionSummary } from './records.ts';
import type { AppendResult, SessionStore } from './sessionStore.ts';

const SessionEnd = z.object({ endedAt: z.string(), outcome: Outcome, report: ScoreReport });
type SessionEnd = z.infer<typeof SessionEnd>;

const SessionLine = z.object({ session: SessionRecord });
const TurnLine = z.object({ turn: StoredTurn });
const EndLine = z.object({ end: SessionEnd });
const Secrets = z.record(z.string(), z.string());

/** Session ids become file names: keep them to characters that are safe everywhere. */
const SAFE_ID = /^[A-Za-z0-9_-]{1,128}$/;
const TEMP_FILE = /\.tmp-\d+-[0-9a-f]{8}$/;

/** A file of whole JSON lines, and whether its next write must replace it whole. */
interface LineFile {
  path: string;
  /** Set when the file holds a torn or bad line, or a failed write could not be cut back. */
  rewrite: boolean;
  /** Set when a line other than the last was bad: keep a copy before the first rewrite. */
  keepOriginal: boolean;
}

interface SessionEntry {
  /** The first line, as created: the end lives in `end`, so the file can be rewritten as it was. */
  created: SessionRecord;
  end: SessionEnd | null;
  turns: StoredTurn[];
  file: LineFile;
  queue: Promise<unknown>;
}

export async function openFileSessionStore(dataDir: string): Promise<SessionStore> {
  const root = resolve(dataDir);
  const sessionsDir = join(root, 'sessions');
  try {
    await mkdir(sessionsDir, { recursive: true });
    await removeTempFiles(root);
    await removeTempFiles(sessionsDir);
    await probeWritable(sessionsDir);
  } catch (err) {
    throw new Error(`data directory ${root} cannot be used: ${messageOf(err)}`, { cause: err });
  }

  const problems: string[] = [];
  const report: Report = (path, line, message, field) =>
    problems.push(formatProblem({ path, ...(line !== undefined ? { line } : {}), ...(field ? { field } : {}), message }));

  const users = await loadUsers(join(root, 'users.jsonl'), report);
  const sessions = new Map<string, SessionEntry>();
  const byTrainee = new Map<string, Set<string>>();
  for (const entry of await loadSessions(sessionsDir, report)) index(entry);
  const secretsPath = join(root, 'secrets.json');
  await checkSecretsFile(secretsPath, report);
  const secrets = new Map<string, string>();
  /** Ids being created right now, so two concurrent creates of one id cannot both write. */
  const creating = new Set<string>();
  let closed = false;

  function index(entry: SessionEntry): void {
    sessions.set(entry.created.id, entry);
    let set = byTrainee.get(entry.created.traineeId);
    if (!set) byTrainee.set(entry.created.traineeId, (set = new Set()));
    set.add(entry.created.id);
  }
  function live(): void {
    if (closed) throw new Error('the file store is closed');
  }

  const store: SessionStore = {
    problems,

    async createUser(input) {
      live();
      const user = User.parse(input);
      return serialise(users, async () => {
        if (users.byId.has(user.id) || users.byName.has(user.username)) return false;
        const all = () => [...users.byId.values(), user].map((u) => `${JSON.stringify(u)}\n`);
        await appendLine(users.file, JSON.stringify(user), all);
        users.byId.set(user.id, user);
        users.byName.set(user.username, user);
        return true;
      });
    },
    async getUser(id) {
      live();
      return copy(users.byId.get(id) ?? null);
    },
    async findUserByUsername(username) {
      live();
      return copy(users.byName.get(username) ?? null);
    },
    async countUsers() {
      live();
      return users.byId.size;
    },
    async listUsers() {
      live();
      return [...users.byId.values()].sort((a, b) => a.createdAt.localeCompare(b.createdAt)).map((u) => copy(u)!);
    },

    async createSession(input, openingInput) {
      live();
      const session = SessionRecord.parse(input);
      const opening = StoredTurn.parse(openingInput);
      if (!SAFE_ID.test(session.id)) throw new Error(`session id ${JSON.stringify(session.id)} is not usable as a file name`);
      if (opening.index !== 0) throw new Error(`a session's opening turn has index 0, not ${opening.index}`);
      if (sessions.has(session.id) || creating.has(session.id)) throw new Error(`session ${session.id} already exists`);
      creating.add(session.id);
      try {
        const entry: SessionEntry = {
          created: session,
          end: null,
          turns: [opening],
          file: { path: join(sessionsDir, `${session.id}.jsonl`), rewrite: false, keepOriginal: false },
          queue: Promise.resolve(),
        };
        // Linked into place, never renamed: a file already there (one skipped at open as
        // damaged) is refused rather than overwritten.
        await writeWhole(entry.file.path, sessionLines(entry).join(''), { replace: false }).catch((err: unknown) => {
          if (!isCode(err, 'EEXIST')) throw err;
          throw new Error(`session ${session.id} already exists on disk, unreadable (see the store's problems)`, { cause: err });
        });
        index(entry);
      } finally {
        creating.delete(session.id);
      }
    },
    async getSession(id) {
      live();
      const entry = sessions.get(id);
      return entry ? copy({ session: recordOf(entry), turns: entry.turns }) : null;
    },
    async listSessions(filter) {
      live();
      const ids = filter?.traineeId !== undefined ? [...(byTrainee.get(filter.traineeId) ?? [])] : [...sessions.keys()];
      return ids
        .map((id) => summarize(recordOf(sessions.get(id)!)))
        .sort(newestFirst);
    },
    async countOpenSessions(traineeId) {
      live();
      let open = 0;
      for (const id of byTrainee.get(traineeId) ?? []) if (recordOf(sessions.get(id)!).endedAt === null) open++;
      return open;
    },
    async appendTurn(sessionId, input) {
      live();
      const turn = StoredTurn.parse(input);
      const entry = sessions.get(sessionId);
      if (!entry) return { ok: false, code: 'not_found' };
      return serialise(entry, async (): Promise<AppendResult> => {
        const next = entry.turns.length;
        const existing = entry.turns[turn.index];
        if (existing) return { ok: false, code: 'exists', existing: copy(existing) };
        if (turn.index !== next) return { ok: false, code: 'out_of_order', next };
        const line = JSON.stringify({ turn });
        await appendLine(entry.file, line, () => sessionLines({ ...entry, turns: [...entry.turns, turn] }));
        entry.turns.push(turn);
        return { ok: true };
      });
    },
    async endSession(sessionId, input) {
      live();
      const end = SessionEnd.parse(input);
      const entry = sessions.get(sessionId);
      if (!entry) return false;
      return serialise(entry, async () => {
        if (recordOf(entry).endedAt !== null) return false;
        await appendLine(entry.file, JSON.stringify({ end }), () => sessionLines({ ...entry, end }));
        entry.end = end;
        return true;
      });
    },

    async secret(name, create) {
      live();
      const known = secrets.get(name);
      if (known !== undefined) return known;
      // One queue per secrets file in this process, and a fresh read inside it: two stores
      // opened on one DATA_DIR (tests, a CLI beside the server) still agree on the value.
      const value = await serialise(secretsQueue(secretsPath), async () => {
        const { values, damaged } = await readSecrets(secretsPath);
        const stored = values[name];
        if (stored !== undefined) return stored;
        const created = create();
        if (damaged) await keepCopy(secretsPath);
        await writeWhole(secretsPath, `${JSON.stringify({ ...values, [name]: created }, null, 2)}\n`, { replace: true, mode: 0o600 });
        return created;
      });
      secrets.set(name, value);
      return value;
    },

    async close() {
      if (closed) return;
      closed = true;
      await Promise.allSettled([users.queue, ...[...sessions.values()].map((s) => s.queue)]);
    },
  };
  return store;
}

type Report = (path: string, line: number | undefined, message: string, field?: string) => void;

// ---- reading at open -------------------------------------------------------------------

interface Line {
  no: number;
  text: string;
}

/**
 * The file's lines, and its torn last line if any: one without a newline that is not whole
 * JSON, a write cut short. (A proper prefix of a JSON object never parses, so an unterminated
 * line that parses is whole: kept, and `unterminated` says the file needs a rewrite.)
 */
async function readLines(path: string): Promise<{ lines: Line[]; torn: Line | null; unterminated: boolean }> {
  const parts = (await readFile(path, 'utf8')).split('\n');
  const last = parts.pop()!;
  const lines = parts.map((text, i) => ({ no: i + 1, text })).filter((l) => l.text.trim() !== '');
  if (last.trim() === '') return { lines, torn: null, unterminated: false };
  const tail = { no: parts.length + 1, text: last };
  if (jsonOrUndefined(last) === undefined) return { lines, torn: tail, unterminated: false };
  return { lines: [...lines, tail], torn: null, unterminated: true };
}

function jsonOrUndefined(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

/** One line's JSON; undefined (reported) when it does not parse. */
function parseJson(line: Line, path: string, report: Report): unknown {
  const json = jsonOrUndefined(line.text);
  if (json === undefined) report(path, line.no, 'not valid JSON; line ignored');
  return json;
}

/** Checks parsed JSON against a schema; a failure is reported with its line and field and gives null. */
function validate<T>(schema: z.ZodType<T>, json: unknown, line: Line, path: string, report: Report): T | null {
  const parsed = schema.safeParse(json);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0]!;
  report(path, line.no, `${issue.message}; line ignored`, fieldPath(issue.path) || undefined);
  return null;
}

function parseLine<T>(schema: z.ZodType<T>, line: Line, path: string, report: Report): T | null {
  const json = parseJson(line, path, report);
  return json === undefined ? null : validate(schema, json, line, path, report);
}

function reportTorn(path: string, torn: Line, report: Report): void {
  report(path, torn.no, 'incomplete last line (a write cut short), ignored; the file is rewritten on its next change');
}

interface Users {
  byId: Map<string, User>;
  byName: Map<string, User>;
  file: LineFile;
  queue: Promise<unknown>;
}

async function loadUsers(path: string, report: Report): Promise<Users> {
  const file: LineFile = { path, rewrite: false, keepOriginal: false };
  const users: Users = { byId: new Map(), byName: new Map(), file, queue: Promise.resolve() };
  let read: Awaited<ReturnType<typeof readLines>>;
  try {
    read = await readLines(path);
  } catch (err) {
    if (isCode(err, 'ENOENT')) return users;
    throw new Error(`cannot read ${path}: ${messageOf(err)}`, { cause: err });
  }
  for (const line of read.lines) {
    const user = parseLine(User, line, path, report);
    const duplicate = user && (users.byId.has(user.id) || users.byName.has(user.username));
    if (user && duplicate) report(path, line.no, `user ${user.id} (${user.username}) is stored twice; the first is kept`);
    if (user && !duplicate) {
      users.byId.set(user.id, user);
      users.byName.set(user.username, user);
    } else {
      file.rewrite = file.keepOriginal = true;
    }
  }
  if (read.torn) reportTorn(path, read.torn, report);
  if (read.torn || read.unterminated) file.rewrite = true;
  return users;
}

async function loadSessions(dir: string, report: Report): Promise<SessionEntry[]> {
  const names = (await readdir(dir)).filter((n) => n.endsWith('.jsonl')).sort();
  const entries: SessionEntry[] = [];
  // A few files at a time: enough to overlap the reads, never near the open-file limit.
  for (let i = 0; i < names.length; i += 32) {
    const batch = await Promise.all(names.slice(i, i + 32).map((n) => loadSession(dir, n, report)));
    for (const entry of batch) if (entry) entries.push(entry);
  }
  return entries;
}

async function loadSession(dir: string, name: string, report: Report): Promise<SessionEntry | null> {
  const path = join(dir, name);
  let read: Awaited<ReturnType<typeof readLines>>;
  try {
    read = await readLines(path);
  } catch (err) {
    report(path, undefined, `cannot be read (${messageOf(err)}); session skipped`);
    return null;
  }
  const [first, ...rest] = read.lines;
  const head = first ? parseLine(SessionLine, first, path, report) : null;
  if (!head) {
    report(path, undefined, 'has no valid session record on its first line; session skipped');
    return null;
  }
  if (name !== `${head.session.id}.jsonl`) {
    report(path, first!.no, `holds session ${head.session.id}, which belongs in ${head.session.id}.jsonl; session skipped`);
    return null;
  }
  const file: LineFile = { path, rewrite: false, keepOriginal: false };
  const entry: SessionEntry = { created: head.session, end: null, turns: [], file, queue: Promise.resolve() };
  for (const line of rest) if (!acceptLine(entry, line, report)) file.rewrite = file.keepOriginal = true;
  if (read.torn) reportTorn(path, read.torn, report);
  if (read.torn || read.unterminated) file.rewrite = true;
  if (entry.turns.length === 0) {
    report(path, undefined, 'has no opening turn; session skipped');
    return null;
  }
  return entry;
}

/** Adds one turn or end line to a session being loaded; false (reported) when it is not usable. */
function acceptLine(entry: SessionEntry, line: Line, report: Report): boolean {
  const path = entry.file.path;
  const json = parseJson(line, path, report);
  if (json === undefined) return false;
  const has = (key: string) => typeof json === 'object' && json !== null && key in json;
  if (has('turn')) {
    const parsed = validate(TurnLine, json, line, path, report);
    if (!parsed) return false;
    if (parsed.turn.index !== entry.turns.length) {
      report(path, line.no, `turn ${parsed.turn.index} where turn ${entry.turns.length} was due; line ignored`);
      return false;
    }
    entry.turns.push(parsed.turn);
    return true;
  }
  if (has('end')) {
    const parsed = validate(EndLine, json, line, path, report);
    if (!parsed) return false;
    if (entry.end || entry.created.endedAt !== null) {
      report(path, line.no, 'the session had already ended; line ignored');
      return false;
    }
    entry.end = parsed.end;
    return true;
  }
  report(path, line.no, has('session') ? 'a second session record; line ignored' : 'neither a turn nor an end; line ignored');
  return false;
}

async function checkSecretsFile(path: string, report: Report): Promise<void> {
  const { damaged, mode } = await readSecrets(path);
  if (damaged) report(path, undefined, `${damaged}; a copy is kept and secrets are created afresh when next needed`);
  if (mode !== null && (mode & 0o077) !== 0) report(path, undefined, `readable by others (mode ${(mode & 0o777).toString(8)}); chmod 600 it`);
}

async function readSecrets(path: string): Promise<{ values: Record<string, string>; damaged: string | null; mode: number | null }> {
  let text: string;
  let mode: number;
  try {
    [text, { mode }] = await Promise.all([readFile(path, 'utf8'), stat(path)]);
  } catch (err) {
    if (isCode(err, 'ENOENT')) return { values: {}, damaged: null, mode: null };
    throw err;
  }
  try {
    const parsed = Secrets.safeParse(JSON.parse(text));
    if (parsed.success) return { values: parsed.data, damaged: null, mode };
    return { values: {}, damaged: 'not a JSON object of strings', mode };
  } catch {
    return { values: {}, damaged: 'not valid JSON', mode };
  }
}

const secretQueues = new Map<string, { queue: Promise<unknown> }>();
function secretsQueue(path: string): { queue: Promise<unknown> } {
  let q = secretQueues.get(path);
  if (!q) secretQueues.set(path, (q = { queue: Promise.resolve() }));
  return q;
}

// ---- writing ---------------------------------------------------------------------------

/** A session's file content, line by line, each with its newline. */
function sessionLines(entry: Pick<SessionEntry, 'created' | 'turns' | 'end'>): string[] {
  const lines = [JSON.stringify({ session: entry.created }), ...entry.turns.map((turn) => JSON.stringify({ turn }))];
  if (entry.end) lines.push(JSON.stringify({ end: entry.end }));
  return lines.map((l) => `${l}\n`);
}

/**
 * Appends one whole line and fsyncs it. When the file holds damage (or a failed write could
 * not be cut back), replaces it whole with `all()` instead: every line, the new one included,
 * each ending in a newline.
 */
async function appendLine(file: LineFile, line: string, all: () => string[]): Promise<void> {
  if (file.rewrite) {
    if (file.keepOriginal) await keepCopy(file.path);
    await writeWhole(file.path, all().join(''), { replace: true });
    file.rewrite = file.keepOriginal = false;
    return;
  }
  const handle = await open(file.path, 'a');
  try {
    const { size } = await handle.stat();
    const bytes = Buffer.from(`${line}\n`, 'utf8');
    try {
      const { bytesWritten } = await handle.write(bytes, 0, bytes.length);
      if (bytesWritten !== bytes.length) throw new Error(`${file.path}: short write (${bytesWritten} of ${bytes.length} bytes; disk full?)`);
      await handle.sync();
    } catch (err) {
      // Cut back to the last whole line so no half line is left for a later read; if even
      // that fails, the next write replaces the file whole from memory.
      await handle.truncate(size).then(() => handle.sync()).catch(() => {
        file.rewrite = true;
      });
      throw err;
    }
  } finally {
    await handle.close();
  }
}

/**
 * Writes a whole file under a temporary name, fsyncs it, then moves it into place: renamed
 * over an existing file (`replace`), or linked so that an existing one is refused. Then
 * fsyncs the directory, so the new name itself survives a power cut.
 */
async function writeWhole(path: string, content: string, how: { replace: boolean; mode?: number }): Promise<void> {
  const temp = `${path}.tmp-${process.pid}-${randomBytes(4).toString('hex')}`;
  try {
    const handle = await open(temp, 'wx', how.mode ?? 0o644);
    try {
      await handle.writeFile(content, 'utf8');
      await handle.sync();
    } finally {
      await handle.close();
    }
    if (how.replace) await rename(temp, path);
    else await link(temp, path);
  } finally {
    await rm(temp, { force: true }).catch(() => {});
  }
  await syncDirectory(dirname(path));
}

async function syncDirectory(dir: string): Promise<void> {
  // Not every platform lets a directory be opened and fsynced (Windows); there the rename
  // is as durable as the platform makes it.
  const handle = await open(dir, 'r').catch(() => null);
  if (!handle) return;
  await handle.sync().catch(() => {});
  await handle.close();
}

async function keepCopy(path: string): Promise<void> {
  const stamp = new Date().toISOString().replace(/[:.]/g, '-');
  await copyFile(path, `${path}.damaged-${stamp}`, constants.COPYFILE_EXCL).catch(() => {});
}

/** Leftovers of writes cut short between the temporary file and its rename: never data. */
async function removeTempFiles(dir: string): Promise<void> {
  for (const name of await readdir(dir)) if (TEMP_FILE.test(name)) await rm(join(dir, name), { force: true });
}

/** Fails at open, with the reason, when the directory cannot be written: better than at the first turn. */
async function probeWritable(dir: string): Promise<void> {
  const probe = join(dir, `.probe.tmp-${process.pid}-${randomBytes(4).toString('hex')}`);
  const handle = await open(probe, 'wx');
  await handle.close();
  await rm(probe, { force: true });
}

// ---- small pieces ----------------------------------------------------------------------

/** Runs tasks on one thing strictly one after another, whatever each one's outcome. */
function serialise<T>(owner: { queue: Promise<unknown> }, task: () => Promise<T>): Promise<T> {
  const run = owner.queue.then(task, task);
  owner.queue = run.catch(() => {});
  return run;
}

function recordOf(entry: SessionEntry): SessionRecord {
  return entry.end ? { ...entry.created, ...entry.end } : entry.created;
}

/** Newest first; the same order for equal start times as Redis's ZRANGE REV (id descending). */
function newestFirst(a: SessionSummary, b: SessionSummary): number {
  return startTime(b.startedAt) - startTime(a.startedAt) || (a.id < b.id ? 1 : a.id > b.id ? -1 : 0);
}

function startTime(iso: string): number {
  const t = Date.parse(iso);
  return Number.isFinite(t) ? t : 0;
}

/** Callers get their own copy: nothing they change reaches the index. */
function copy<T>(value: T): T {
  return structuredClone(value);
}

function isCode(err: unknown, code: string): boolean {
  return (err as NodeJS.ErrnoException | null)?.code === code;
}

function messageOf(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}
