/**
 * The personas the server serves: the files shipped in personas/ (each at the version its
 * `version:` field gives) and every version QA saved in the store. For each persona and
 * locale the live version, the one a new session gets, is the highest version that
 * validates; a session keeps the version it started with (`findVersion`). The files are
 * read by personaLibrary.ts, which the CLI uses alone; this adds the saved versions.
 *
 * Several server processes share one store, so a version saved through one of them must
 * count in all of them from the next session on. Nothing tells a process that another one
 * saved, so callers `refresh` from the store before they read:
 *   - one persona's versions before `session:start` and before each QA route: a small read,
 *     and exact, so the next session anywhere gets what QA just saved;
 *   - every persona's versions for the trainees' list at most every few seconds
 *     (`maxAgeMs`): a list a moment old harms nobody, and the read is the largest there is.
 * Saved versions never change, so each is parsed once and kept; a refresh parses only what
 * it has not seen. A session resuming on a version this process has not seen yet refreshes
 * that persona first (loadSession.ts).
 *
 * The catalogue has the shape of a PersonaLibrary (`personas` are the live versions), so
 * code that only needs the live personas can use `findPersona` on it.
 */
import { readFileSync } from 'node:fs';
import { basename, dirname } from 'node:path';
import { stringify } from 'yaml';
import { FileError, type FileProblem } from '../dataFiles/fileError.ts';
import { readTopLevelField } from '../dataFiles/yamlField.ts';
import { Locale } from '../scoring/types.ts';
import type { PersonaVersion } from '../domain/records.ts';
import type { SessionStore } from '../store/sessionStore.ts';
import { defaultRubricSignals, loadPersonaLibrary, parsePersonaText, PERSONAS_DIR, type PersonaLibrary } from './personaLibrary.ts';
import type { KnownSignals } from '../scoring/rubric/signalTags.ts';
import type { PersonaFile } from './schema.ts';

/** One version of one persona in one locale, valid or not. */
export interface PersonaVersionEntry {
  id: string;
  locale: Locale;
  /** 0 for a file whose `version:` cannot be read. */
  version: number;
  source: 'file' | 'saved';
  /** Null when the text does not validate. */
  persona: PersonaFile | null;
  problems: FileProblem[];
  savedBy: string | null;
  savedAt: string | null;
  /** The YAML as written or saved. */
  text: string;
}

export type PersonaTextCheck = { ok: true; persona: PersonaFile } | { ok: false; problems: FileProblem[] };

/** Validates persona text (uploaded or stored) against the rubric's signals: the persona, or every problem with its line. */
export function checkPersonaText(name: string, text: string, signals: KnownSignals): PersonaTextCheck {
  try {
    return { ok: true, persona: parsePersonaText(name, text, signals) };
  } catch (err) {
    if (err instanceof FileError) return { ok: false, problems: err.problems };
    throw err;
  }
}

/** What a catalogue needs of the store. */
export type PersonaVersionReader = Pick<SessionStore, 'listPersonaVersions'>;

export interface RefreshScope {
  /** Read only this persona's versions (every locale). */
  personaId?: string;
  /** For a whole read: skip it when the last one is younger than this. */
  maxAgeMs?: number;
}

const keyOf = (id: string, locale: string): string => `${id}\u0000${locale}`;
const byIdThenLocale = (a: { id: string; locale: string }, b: { id: string; locale: string }): number =>
  a.id < b.id ? -1 : a.id > b.id ? 1 : a.locale < b.locale ? -1 : a.locale > b.locale ? 1 : 0;

function readText(path: string): string {
  try {
    return readFileSync(path, 'utf8');
  } catch {
    return '';
  }
}

/** The number a file's `version:` gives, even when the rest of it is invalid; 0 when unreadable. */
function statedVersion(text: string): number {
  const v = readTopLevelField(text, 'version');
  return typeof v === 'number' && Number.isInteger(v) && v > 0 ? v : 0;
}

export class PersonaCatalog {
  /** Per persona and locale, every version by number. */
  readonly #versions = new Map<string, Map<number, PersonaVersionEntry>>();
  #live: PersonaFile[] | null = null;
  #wholeReadAt = -Infinity;
  #wholeRead: Promise<void> | null = null;

  /** The files as loaded at start. */
  readonly files: string[];
  /** Files that did not load, with why. */
  readonly problems: FileProblem[];
  /** The rubric's signals, which every version (file or saved) is checked against. */
  readonly signals: KnownSignals;

  constructor(library: PersonaLibrary) {
    this.files = library.files;
    this.problems = library.problems;
    this.signals = library.signals;
    for (const path of library.files) {
      const id = basename(dirname(path));
      const locale = Locale.safeParse(basename(path).replace(/\.ya?ml$/, ''));
      // A file named for no locale is reported at start (library.problems) and has no place here.
      if (!locale.success) continue;
      const problems = library.problems.filter((p) => p.path === path);
      const persona = problems.length === 0 ? (library.personas.find((p) => p.id === id && p.locale === locale.data) ?? null) : null;
      const text = readText(path);
      const version = persona?.version ?? statedVersion(text);
      this.#put({ id, locale: locale.data, version, source: 'file', persona, problems, savedBy: null, savedAt: null, text });
    }
    // A persona given without its file (a test builds one in memory): its text is its YAML.
    for (const persona of library.personas) {
      if (this.#entry(persona.id, persona.locale, persona.version)) continue;
      const { id, locale, version } = persona;
      this.#put({ id, locale, version, source: 'file', persona, problems: [], savedBy: null, savedAt: null, text: stringify(persona) });
    }
  }

  /** The live version of every persona in every locale, by id then locale. */
  get personas(): PersonaFile[] {
    if (!this.#live) {
      this.#live = [...this.#versions.values()]
        .map((versions) => liveOf(versions))
        .filter((p): p is PersonaFile => p !== undefined)
        .sort(byIdThenLocale);
    }
    return this.#live;
  }

  /** The live version of a persona in this locale, or in the first locale it has one. */
  live(id: string, locale?: Locale): PersonaFile | undefined {
    return this.personas.find((p) => p.id === id && (locale === undefined || p.locale === locale));
  }

  /** That version, when it is known here and valid (a session resumes with it). */
  findVersion(id: string, locale: Locale, version: number): PersonaFile | undefined {
    return this.#entry(id, locale, version)?.persona ?? undefined;
  }

  /** Every version of a persona in a locale, newest first (empty when it has none). */
  versions(id: string, locale: Locale): PersonaVersionEntry[] {
    return [...(this.#versions.get(keyOf(id, locale))?.values() ?? [])].sort((a, b) => b.version - a.version);
  }

  /** The newest version, valid or not: what QA edits next. */
  latest(id: string, locale: Locale): PersonaVersionEntry | undefined {
    return this.versions(id, locale)[0];
  }

  /** Every persona and locale with its versions (newest first), by id then locale. */
  list(): Array<{ id: string; locale: Locale; versions: PersonaVersionEntry[] }> {
    return [...this.#versions.values()]
      .map((versions) => {
        const any = versions.values().next().value!;
        return { id: any.id, locale: any.locale, versions: this.versions(any.id, any.locale) };
      })
      .sort(byIdThenLocale);
  }

  /**
   * Reads the saved versions from the store (one persona's, or all) and adds those not yet
   * seen. Concurrent whole reads share one; a failing store rejects (the caller's store is
   * guarded, so that is `unavailable` to the client), and what was known stays.
   */
  async refresh(store: PersonaVersionReader, scope: RefreshScope = {}): Promise<void> {
    if (scope.personaId !== undefined) {
      for (const saved of await store.listPersonaVersions({ personaId: scope.personaId })) this.addSaved(saved);
      return;
    }
    if (scope.maxAgeMs !== undefined && Date.now() - this.#wholeReadAt < scope.maxAgeMs) return;
    if (this.#wholeRead) return this.#wholeRead;
    const startedAt = Date.now();
    this.#wholeRead = (async () => {
      try {
        for (const saved of await store.listPersonaVersions()) this.addSaved(saved);
        this.#wholeReadAt = startedAt;
      } finally {
        this.#wholeRead = null;
      }
    })();
    return this.#wholeRead;
  }

  /**
   * Adds a saved version (read from the store, or just saved here). A saved version and a
   * file with the same number: the saved one counts, since every process reads the same
   * store while files may differ during a deploy. A version already known is not parsed again.
   */
  addSaved(saved: PersonaVersion): PersonaVersionEntry {
    const known = this.#entry(saved.personaId, saved.locale, saved.version);
    if (known?.source === 'saved') return known;
    const name = `${saved.personaId}/${saved.locale} version ${saved.version}`;
    const checked = this.check(name, saved.text);
    const problems = checked.ok ? mismatches(name, checked.persona, saved) : checked.problems;
    const entry: PersonaVersionEntry = {
      id: saved.personaId,
      locale: saved.locale,
      version: saved.version,
      source: 'saved',
      persona: checked.ok && problems.length === 0 ? checked.persona : null,
      problems,
      savedBy: saved.savedBy,
      savedAt: saved.savedAt,
      text: saved.text,
    };
    this.#put(entry);
    return entry;
  }

  /** Validates persona text against this catalogue's rubric signals. */
  check(name: string, text: string): PersonaTextCheck {
    return checkPersonaText(name, text, this.signals);
  }

  #entry(id: string, locale: string, version: number): PersonaVersionEntry | undefined {
    return this.#versions.get(keyOf(id, locale))?.get(version);
  }

  #put(entry: PersonaVersionEntry): void {
    const key = keyOf(entry.id, entry.locale);
    let versions = this.#versions.get(key);
    if (!versions) this.#versions.set(key, (versions = new Map()));
    versions.set(entry.version, entry);
    this.#live = null;
  }
}

/** The highest version that validates. */
function liveOf(versions: Map<number, PersonaVersionEntry>): PersonaFile | undefined {
  let best: PersonaVersionEntry | undefined;
  for (const entry of versions.values()) if (entry.persona && (!best || entry.version > best.version)) best = entry;
  return best?.persona ?? undefined;
}

/** A stored text must say what the store filed it as (a save sets all three). */
function mismatches(name: string, persona: PersonaFile, saved: PersonaVersion): FileProblem[] {
  const problems: FileProblem[] = [];
  if (persona.id !== saved.personaId) problems.push({ path: name, field: 'id', message: `is "${persona.id}" but it is saved as "${saved.personaId}"` });
  if (persona.locale !== saved.locale) problems.push({ path: name, field: 'locale', message: `is "${persona.locale}" but it is saved as ${saved.locale}` });
  if (persona.version !== saved.version) problems.push({ path: name, field: 'version', message: `is ${persona.version} but it is saved as version ${saved.version}` });
  return problems;
}

/** The catalogue of the persona files in `dir`, before any saved version is read, checked against the rubric's signals. */
export function loadPersonaCatalog(dir: string = PERSONAS_DIR, signals: KnownSignals = defaultRubricSignals()): PersonaCatalog {
  return new PersonaCatalog(loadPersonaLibrary(dir, signals));
}
