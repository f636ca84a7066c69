/**
 * The persona catalogue as trainees may see it: `GET /api/personas` lists every persona in
 * every locale it exists in; `GET /api/personas/:id?locale=` gives one (the first locale
 * when none is asked for). Hidden facts, lines and tests stay on the server: only
 * `publicPersona` and the listing fields below are ever sent.
 */
import { Router } from 'express';
import { z } from 'zod';
import { findPersona } from '../../personas/personaLibrary.ts';
import { publicPersona, type PersonaFile } from '../../personas/schema.ts';
import { Locale } from '../../scoring/types.ts';
import type { ServerContext } from '../../serverContext.ts';
import { describeInvalid, sendError } from '../errors.ts';

const PersonaQuery = z.strictObject({ locale: Locale.optional() });

export function personaListing(p: PersonaFile): Pick<PersonaFile, 'id' | 'name' | 'locale' | 'scenario' | 'difficulty' | 'summary'> {
  return { id: p.id, name: p.name, locale: p.locale, scenario: p.scenario, difficulty: p.difficulty, summary: p.summary };
}

export function personaRoutes(ctx: ServerContext): Router {
  const router = Router();

  router.get('/', (_req, res) => {
    res.json(ctx.personas.personas.map(personaListing));
  });

  router.get('/:id', (req, res) => {
    const query = PersonaQuery.safeParse(req.query);
    if (!query.success) return sendError(res, 'bad_request', describeInvalid(query.error, 'query'));
    const { locale } = query.data;
    const persona = findPersona(ctx.personas, req.params.id, locale);
    if (!persona) return sendError(res, 'not_found', `no persona "${req.params.id}"${locale ? ` in ${locale}` : ''}`);
    res.json(publicPersona(persona));
  });

  return router;
}
