/**
 * The persona catalogue as a trainee sees it: the listing fields only, one persona with its
 * briefing, and never a hidden fact, a scripted line or a test.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { PersonaCatalog } from '../../server/personas/personaCatalog.ts';
import { loadPersonaLibrary } from '../../server/personas/personaLibrary.ts';
import { PersonaListing, PublicPersona } from '../../server/personas/schema.ts';
import { hiddenFactsShown } from '../../server/personas/hiddenFactShown.ts';
import { ErrorBody } from '../../server/domain/apiAnswers.ts';
import { addUser, call, expectShape, startTestServer, tokenFor, type TestServer } from './httpTestServer.ts';

let server: TestServer;
let token: string;

// A persona whose hidden fact appears nowhere else, so any leak of facts shows.
const MARKER = 'zz-hidden-fact-marker-zz';

beforeAll(async () => {
  server = await startTestServer({
    adjust: (ctx) => {
      const library = loadPersonaLibrary();
      const model = library.personas.find((p) => p.id === 'double-charge' && p.locale === 'en')!;
      const marked = { ...model, id: 'marked', facts: { ...model.facts, secret: MARKER } };
      return { ...ctx, personas: new PersonaCatalog({ ...library, personas: [...library.personas, marked] }) };
    },
  });
  await addUser(server.ctx.store, 'tina', 'trainee');
  token = await tokenFor(server.url, 'tina');
});
afterAll(() => server.close());

/**
 * Every hidden fact of every persona that its author did not also put in the public text
 * (a summary may well give the amount), plus the marker: none may appear in an answer.
 */
const hiddenFacts = (): string[] => [
  MARKER,
  ...server.ctx.personas.personas.flatMap((p) => {
    const shown = JSON.stringify([p.name, p.summary, p.briefing]);
    return Object.values(p.facts).filter((fact) => !shown.includes(fact));
  }),
];

describe('GET /api/personas', () => {
  it('lists every persona in every locale, with the listing fields only', async () => {
    const res = await call(server.url, 'GET', '/api/personas', { token });
    expect(res.status).toBe(200);
    expect(res.body).toHaveLength(server.ctx.personas.personas.length + 1);
    for (const p of res.body) expect(Object.keys(p).sort()).toEqual(['difficulty', 'id', 'locale', 'name', 'scenario', 'summary']);
    expectShape(z.array(PersonaListing), res.body);
    expect(res.body).toContainEqual(expect.objectContaining({ id: 'double-charge', locale: 'en' }));
  });

  it('keeps the hidden facts on the server', async () => {
    const text = JSON.stringify((await call(server.url, 'GET', '/api/personas', { token })).body);
    expect(hiddenFacts().length).toBeGreaterThan(0);
    for (const fact of hiddenFacts()) expect(text).not.toContain(fact);
  });
});

describe('what a trainee reads before the call', () => {
  it('gives no hidden fact away, in the list or in any briefing: the persona check finds nothing in the answers', async () => {
    const listing = expectShape(z.array(PersonaListing), (await call(server.url, 'GET', '/api/personas', { token })).body);
    const starters = server.ctx.personas.personas.filter((p) => p.id !== 'marked');
    expect(starters).toHaveLength(48);
    for (const p of starters) {
      const listed = listing.find((l) => l.id === p.id && l.locale === p.locale)!;
      const one = expectShape(PublicPersona, (await call(server.url, 'GET', `/api/personas/${p.id}?locale=${p.locale}`, { token })).body);
      // The answers' texts put back into the persona, for the check that guards saving it.
      const asRead = { ...p, name: listed.name, summary: listed.summary, briefing: { ...p.briefing, situation: one.briefing.situation, own_goals: one.briefing.own_goals } };
      expect(hiddenFactsShown(asRead), `${p.id}/${p.locale}`).toEqual([]);
    }
  });
});

describe('GET /api/personas/:id', () => {
  it('gives the persona in the locale asked for, with its briefing and without facts, lines or tests', async () => {
    const res = await call(server.url, 'GET', '/api/personas/double-charge?locale=zh-Hant', { token });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ id: 'double-charge', locale: 'zh-Hant', briefing: { situation: expect.any(String) } });
    for (const key of ['facts', 'reveals', 'lines', 'opening', 'mood', 'end', 'tests']) expect(res.body).not.toHaveProperty(key);
    expectShape(PublicPersona, res.body);
    const text = JSON.stringify(res.body);
    for (const fact of hiddenFacts()) expect(text).not.toContain(fact);
  });

  it("briefs the call with its scenario's steps, whose goals the client shows, and the persona's own goals", async () => {
    const res = await call(server.url, 'GET', '/api/personas/third-party-answer?locale=en', { token });
    expect(res.status).toBe(200);
    expect(expectShape(PublicPersona, res.body).briefing).toMatchObject({
      steps: ['identify_speaker', 'no_disclosure', 'leave_callback'],
      own_goals: ['Reassure her the call is genuine'],
    });
  });

  it('keeps the facts of a persona on the server', async () => {
    const res = await call(server.url, 'GET', '/api/personas/marked', { token });
    expect(res.status).toBe(200);
    expect(JSON.stringify(res.body)).not.toContain(MARKER);
  });

  it('answers 404 for a persona not in the locale asked for', async () => {
    const res = await call(server.url, 'GET', '/api/personas/marked?locale=zh-Hans', { token });
    expect(res.status).toBe(404);
    expect(res.body.error.message).toBe('no persona "marked" in zh-Hans');
  });

  it('gives the first locale when none is asked for', async () => {
    const res = await call(server.url, 'GET', '/api/personas/double-charge', { token });
    expect(res.status).toBe(200);
    expect(expectShape(PublicPersona, res.body).id).toBe('double-charge');
  });

  it('answers 404 for an unknown persona', async () => {
    const res = await call(server.url, 'GET', '/api/personas/no-such-persona', { token });
    expect(res.status).toBe(404);
    expect(res.body).toEqual({ error: { code: 'not_found', message: 'no persona "no-such-persona"' } });
    expectShape(ErrorBody, res.body);
  });
});
