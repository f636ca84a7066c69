/**
 * The persona catalogue as trainees may see it: `GET /api/personas` lists every persona in
 * every locale it exists in, but those QA retired; `GET /api/personas/:id?locale=` gives one (the first locale
 * when none is asked for), each at its live version (server/personas/personaCatalog.ts).
 * Hidden facts, lines and tests stay on the server: only `publicPersona` and the listing
 * fields below are ever sent.
 */
import { Router } from 'express';
import { z } from 'zod';
import { publicPersona, type PersonaFile, type PersonaListing, type PublicPersona } from '../../personas/schema.ts';
import { Locale } from '../../scoring/types.ts';
import type { ServerContext } from '../../serverContext.ts';
import { describeInvalid } from '../../validation/describeInvalid.ts';
import { sendError } from '../errors.ts';

const PersonaQuery = z.strictObject({ locale: Locale.optional() });

// The list may be this old when another process has saved a version meanwhile; one
// persona, and session:start, always read the store.
const LIST_MAX_AGE_MS = 5000;

export function personaListing(p: PersonaFile): PersonaListing {
  return { id: p.id, name: p.name, locale: p.locale, scenario: p.scenario, difficulty: p.difficulty, summary: p.summary };
}

export function personaRoutes(ctx: ServerContext): Router {
  const router = Router();

  router.get('/', async (_req, res) => {
    await ctx.personas.refresh(ctx.store, { maxAgeMs: LIST_MAX_AGE_MS });
    const list: PersonaListing[] = ctx.personas.personas.filter((p) => !p.retired).map(personaListing);
    res.json(list);
  });

  router.get('/:id', async (req, res) => {
    const query = PersonaQuery.safeParse(req.query);
    if (!query.success) return sendError(res, 'bad_request', describeInvalid(query.error, 'query'));
    const { locale } = query.data;
    await ctx.personas.refresh(ctx.store, { personaId: req.params.id });
    const persona = ctx.personas.live(req.params.id, locale);
    if (!persona) return sendError(res, 'not_found', `no persona "${req.params.id}"${locale ? ` in ${locale}` : ''}`);
    const answer: PublicPersona = publicPersona(persona, ctx.personas.signals);
    res.json(answer);
  });

  return router;
}
