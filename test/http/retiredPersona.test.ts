/**
 * A persona QA retired: gone from the trainees' list of customers, still there for the
 * sessions played with it (their replays and reports read it by id), and marked in QA's
 * library.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { PersonaFileListItem } from '../../server/domain/apiAnswers.ts';
import { PersonaCatalog } from '../../server/personas/personaCatalog.ts';
import { loadPersonaLibrary } from '../../server/personas/personaLibrary.ts';
import { PersonaListing, PublicPersona } from '../../server/personas/schema.ts';
import { addUser, call, expectShape, startTestServer, tokenFor, type TestServer } from './httpTestServer.ts';

let server: TestServer;
let trainee: string;
let qa: string;

beforeAll(async () => {
  server = await startTestServer({
    adjust: (ctx) => {
      const library = loadPersonaLibrary();
      const personas = library.personas.map((p) => (p.id === 'double-charge' && p.locale === 'en' ? { ...p, retired: true } : p));
      return { ...ctx, personas: new PersonaCatalog({ ...library, personas }) };
    },
  });
  await addUser(server.ctx.store, 'tina', 'trainee');
  await addUser(server.ctx.store, 'quinn', 'qa');
  trainee = await tokenFor(server.url, 'tina');
  qa = await tokenFor(server.url, 'quinn');
});
afterAll(() => server.close());

describe('a retired persona', () => {
  it('is not in the list trainees pick from; its other languages are', async () => {
    const list = expectShape(z.array(PersonaListing), (await call(server.url, 'GET', '/api/personas', { token: trainee })).body);
    expect(list).not.toContainEqual(expect.objectContaining({ id: 'double-charge', locale: 'en' }));
    expect(list).toContainEqual(expect.objectContaining({ id: 'double-charge', locale: 'zh-Hans' }));
  });

  it('can still be read by id, for the sessions played with it', async () => {
    const res = await call(server.url, 'GET', '/api/personas/double-charge?locale=en', { token: trainee });
    expect(res.status).toBe(200);
    expect(expectShape(PublicPersona, res.body).id).toBe('double-charge');
  });

  it('is marked retired in the QA library', async () => {
    const files = expectShape(z.array(PersonaFileListItem), (await call(server.url, 'GET', '/api/persona-files', { token: qa })).body);
    expect(files.find((f) => f.id === 'double-charge' && f.locale === 'en')?.retired).toBe(true);
    expect(files.find((f) => f.id === 'double-charge' && f.locale === 'zh-Hans')?.retired).toBe(false);
  });
});
