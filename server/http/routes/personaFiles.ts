/**
 * Persona files for QA (docs/api.md, "Persona files (QA)"): every persona with whether it
 * validates, a check of text without saving, a version's text, the save of a new version,
 * and a run of a persona's own tests (in a worker thread, bounded: personaTestRunner.ts). qa and admin only (server/auth/access.ts), checked
 * before the body is read. Versions live in the persona catalogue
 * (server/personas/personaCatalog.ts); each route reads the store first, so what another
 * server process saved counts here too.
 *
 * Persona text is data: YAML without custom tags, aliases capped, duplicate keys refused
 * (server/dataFiles/parseDataFile.ts), and at most 64 KB, this router's own body limit. An invalid text is a 400 whose body adds `problems`, each with
 * its line and field, so the editor can point at them.
 */
import { Router, type Request, type Response } from 'express';
import { z } from 'zod';
import { canManagePersonas } from '../../auth/access.ts';
import type { FileProblem } from '../../dataFiles/fileError.ts';
import { lineOfTopLevelField, readTopLevelField, writeTopLevelNumber } from '../../dataFiles/yamlField.ts';
import type { PersonaVersionEntry } from '../../personas/personaCatalog.ts';
import type { PersonaTestRunner } from '../../workers/personaTestRunner.ts';
import { PersonaFile } from '../../personas/schema.ts';
import { Locale, Scenario } from '../../scoring/types.ts';
import type { ServerContext } from '../../serverContext.ts';
import type { PersonaVersion } from '../../domain/records.ts';
import type {
  PersonaCheck,
  PersonaFileListItem,
  PersonaProblem,
  PersonaProblemsAnswer,
  PersonaSaved,
  PersonaSource,
  PersonaTestRun,
} from '../../domain/apiAnswers.ts';
import { callerOf } from '../authenticate.ts';
import { errorHandler } from '../errorHandler.ts';
import { jsonBody } from '../jsonBody.ts';
import { describeInvalid } from '../../validation/describeInvalid.ts';
import { cleanString } from '../../validation/outsideText.ts';
import { errorBody, sendError } from '../errors.ts';

// Six times the largest starter persona (11 KB). Checking persona text runs on the event
// loop, and grows with its size: a 196 KB text took 400 ms on a busy machine, 64 KB takes a
// quarter of that. Every saved version is checked again when a process loads it.
export const PERSONA_BODY_LIMIT_BYTES = 64 * 1024;

// Cleaned like every outside text: a bidirectional override in a line the customer says would reach every trainee.
const PersonaText = cleanString().min(1, 'is empty').max(PERSONA_BODY_LIMIT_BYTES);
const CheckBody = z.strictObject({ text: PersonaText });
const SaveBody = z.strictObject({ text: PersonaText, baseVersion: z.number().int().nonnegative() });
const TestBody = z.strictObject({ text: PersonaText.optional() });

// The address names a folder-like place: only what a persona id may be, nothing of a path.
const Address = z.strictObject({ id: PersonaFile.shape.id.max(64), locale: Locale });
const VersionAddress = z.strictObject({
  id: Address.shape.id,
  locale: Locale,
  version: z.string().regex(/^[1-9][0-9]{0,8}$/, 'a version number').transform(Number),
});

const toProblem = (p: FileProblem): PersonaProblem => ({
  ...(p.line !== undefined ? { line: p.line } : {}),
  ...(p.field !== undefined ? { field: p.field } : {}),
  message: p.message,
  ...(p.detail !== undefined ? { detail: p.detail } : {}),
});

/** 400 with the problems beside the error: `{ error: { code, message }, problems }`. */
function sendProblems(res: Response, message: string, problems: readonly FileProblem[]): void {
  const answer: PersonaProblemsAnswer = { ...errorBody('bad_request', message), problems: problems.map(toProblem) };
  res.status(400).json(answer);
}

function address<S extends z.ZodType>(schema: S, req: Request, res: Response): z.infer<S> | null {
  const parsed = schema.safeParse(req.params);
  if (parsed.success) return parsed.data;
  sendError(res, 'bad_request', describeInvalid(parsed.error, 'address'));
  return null;
}

function body<S extends z.ZodType>(schema: S, req: Request, res: Response): z.infer<S> | null {
  const parsed = schema.safeParse(req.body ?? {});
  if (parsed.success) return parsed.data;
  sendError(res, 'bad_request', describeInvalid(parsed.error, 'body'));
  return null;
}

/** What invalid text says it is, as far as it can be read. */
function statedIdentity(text: string): { id: string | null; locale: Locale | null } {
  const id = readTopLevelField(text, 'id');
  const locale = Locale.safeParse(readTopLevelField(text, 'locale'));
  return { id: typeof id === 'string' ? id : null, locale: locale.success ? locale.data : null };
}

/** The text must be the persona its address names. */
function addressProblems(text: string, persona: PersonaFile, id: string, locale: Locale): FileProblem[] {
  const problems: FileProblem[] = [];
  const at = (field: string) => {
    const line = lineOfTopLevelField(text, field);
    return line !== undefined ? { line } : {};
  };
  if (persona.id !== id) problems.push({ path: id, ...at('id'), field: 'id', message: `is "${persona.id}" but this is the persona "${id}"` });
  if (persona.locale !== locale) problems.push({ path: id, ...at('locale'), field: 'locale', message: `is ${persona.locale} but this is the ${locale} version` });
  return problems;
}

function listItem(id: string, locale: Locale, versions: PersonaVersionEntry[]): PersonaFileListItem {
  const latest = versions[0]!;
  const live = versions.find((v) => v.persona)?.persona ?? null;
  const statedName = readTopLevelField(latest.text, 'name');
  const statedScenario = Scenario.safeParse(readTopLevelField(latest.text, 'scenario'));
  return {
    id,
    locale,
    name: latest.persona?.name ?? live?.name ?? (typeof statedName === 'string' ? statedName : null),
    scenario: latest.persona?.scenario ?? live?.scenario ?? (statedScenario.success ? statedScenario.data : null),
    version: live?.version ?? null,
    source: latest.source,
    status: latest.persona ? 'valid' : 'invalid',
    retired: live?.retired ?? false,
    problems: latest.problems.map(toProblem),
    tests: (latest.persona ?? live)?.tests.length ?? 0,
    savedBy: latest.savedBy,
    savedAt: latest.savedAt,
  };
}

function source(entry: PersonaVersionEntry, versions: PersonaVersionEntry[]): PersonaSource {
  return {
    id: entry.id,
    locale: entry.locale,
    version: entry.version,
    text: entry.text,
    versions: versions.map((v) => ({ version: v.version, source: v.source, savedBy: v.savedBy, savedAt: v.savedAt })),
  };
}

export function personaFileRoutes(ctx: ServerContext, testRunner: PersonaTestRunner): Router {
  const router = Router();
  const { personas } = ctx;

  // Who asks before what they send: a trainee's upload is not even read.
  router.use((_req, res, next) => {
    if (canManagePersonas(callerOf(res).role)) return next();
    sendError(res, 'forbidden', 'only QA and admins manage persona files');
  });
  router.use(jsonBody(PERSONA_BODY_LIMIT_BYTES));

  router.get('/', async (_req, res) => {
    await personas.refresh(ctx.store);
    res.json(personas.list().map(({ id, locale, versions }) => listItem(id, locale, versions)));
  });

  router.post('/check', (req, res) => {
    const input = body(CheckBody, req, res);
    if (!input) return;
    const checked = personas.check('text', input.text);
    const answer: PersonaCheck = checked.ok
      ? { ok: true, problems: [], id: checked.persona.id, locale: checked.persona.locale }
      : { ok: false, problems: checked.problems.map(toProblem), ...statedIdentity(input.text) };
    res.json(answer);
  });

  router.get('/:id/:locale', async (req, res) => {
    const at = address(Address, req, res);
    if (!at) return;
    await personas.refresh(ctx.store, { personaId: at.id });
    const versions = personas.versions(at.id, at.locale);
    if (versions.length === 0) return sendError(res, 'not_found', `no persona "${at.id}" in ${at.locale}`);
    res.json(source(versions[0]!, versions));
  });

  router.get('/:id/:locale/versions/:version', async (req, res) => {
    const at = address(VersionAddress, req, res);
    if (!at) return;
    await personas.refresh(ctx.store, { personaId: at.id });
    const versions = personas.versions(at.id, at.locale);
    const entry = versions.find((v) => v.version === at.version);
    if (!entry) return sendError(res, 'not_found', `no version ${at.version} of "${at.id}" in ${at.locale}`);
    res.json(source(entry, versions));
  });

  router.put('/:id/:locale', async (req, res) => {
    const at = address(Address, req, res);
    if (!at) return;
    const input = body(SaveBody, req, res);
    if (!input) return;
    const { id, locale } = at;
    await personas.refresh(ctx.store, { personaId: id });
    const latest = personas.latest(id, locale);
    const latestVersion = latest?.version ?? 0;
    if (input.baseVersion !== latestVersion) {
      return sendError(res, 'conflict', staleMessage(id, locale, input.baseVersion, latest));
    }
    const version = latestVersion + 1;
    // The number is the server's to give: the text's own `version:` is replaced, nothing else.
    const text = writeTopLevelNumber(input.text, 'version', version) ?? input.text;
    const checked = personas.check(`${id}/${locale}`, text);
    if (!checked.ok) return sendProblems(res, `the persona has ${checked.problems.length} problem(s): nothing was saved`, checked.problems);
    const misplaced = addressProblems(text, checked.persona, id, locale);
    if (misplaced.length > 0) return sendProblems(res, 'the text is another persona than the address names: nothing was saved', misplaced);

    const caller = callerOf(res);
    const record: PersonaVersion = { personaId: id, locale, version, text, savedBy: caller.username, savedAt: new Date().toISOString() };
    const saved = await ctx.store.savePersonaVersion(record);
    // Another process saved between the read above and this write: the store settles it.
    if (!saved.ok) return sendError(res, 'conflict', `version ${saved.latest} was saved meanwhile: nothing was saved, reload it and apply your changes`);
    personas.addSaved(record);
    ctx.log(`persona "${id}" (${locale}) version ${version} saved by "${caller.username}"`);
    const answer: PersonaSaved = { id, locale, version };
    res.status(201).json(answer);
  });

  router.post('/:id/:locale/tests', async (req, res) => {
    const at = address(Address, req, res);
    if (!at) return;
    const input = body(TestBody, req, res);
    if (!input) return;
    const { id, locale } = at;
    let persona: PersonaFile;
    if (input.text !== undefined) {
      const checked = personas.check(`${id}/${locale}`, input.text);
      if (!checked.ok) return sendProblems(res, `the persona has ${checked.problems.length} problem(s): its tests cannot run`, checked.problems);
      const misplaced = addressProblems(input.text, checked.persona, id, locale);
      if (misplaced.length > 0) return sendProblems(res, 'the text is another persona than the address names', misplaced);
      persona = checked.persona;
    } else {
      await personas.refresh(ctx.store, { personaId: id });
      const latest = personas.latest(id, locale);
      if (!latest) return sendError(res, 'not_found', `no persona "${id}" in ${locale}`);
      if (!latest.persona) return sendProblems(res, `version ${latest.version} has problems: its tests cannot run`, latest.problems);
      persona = latest.persona;
    }
    // In the runner's worker thread, within its limits: trainees' replies do not wait for it.
    const run = await testRunner.run(persona);
    if (!run.ok) {
      if (run.code === 'busy') return sendError(res, 'unavailable', run.message);
      if (run.code === 'failed') {
        ctx.log(`persona "${id}" (${locale}) tests: ${run.message}`);
        return sendError(res, 'internal', 'the tests could not run');
      }
      return sendError(res, 'bad_request', run.message);
    }
    const { results } = run;
    const passed = results.filter((r) => r.passed).length;
    const answer: PersonaTestRun = { passed, failed: results.length - passed, results };
    res.json(answer);
  });

  // This router's own last handler, so a body over its limit is named with its limit.
  router.use(errorHandler(ctx.log, PERSONA_BODY_LIMIT_BYTES));
  return router;
}

function staleMessage(id: string, locale: Locale, baseVersion: number, latest: PersonaVersionEntry | undefined): string {
  if (!latest) return `"${id}" has no ${locale} version yet: save it as new (baseVersion 0)`;
  if (baseVersion === 0) return `"${id}" already exists in ${locale} (version ${latest.version}): edit that version instead`;
  if (baseVersion > latest.version) return `there is no version ${baseVersion}: the latest is ${latest.version}`;
  const by = latest.savedBy ? ` by ${latest.savedBy}` : '';
  return `version ${latest.version} is the latest (saved${by} since version ${baseVersion}): nothing was saved, reload it and apply your changes`;
}
