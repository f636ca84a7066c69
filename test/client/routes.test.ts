// The client's addresses (client/src/shared/routes.ts, which router.ts follows in the address
// bar): every page has an address that leads back to it, so a reload, the back button and a
// shared link land on the same page; an address that names no page leads home, never to a
// broken page.
import { describe, expect, it } from 'vitest';
import { homeRoute, parseRoute, pathOf, type Route } from '../../client/src/shared/routes.ts';

/** What the browser would read from the address `path`. */
function open(path: string): Route {
  const url = new URL(path, 'http://sparring.test');
  return parseRoute(url.pathname, url.search);
}

const EVERY_PAGE: Route[] = [
  { page: 'login' },
  { page: 'password' },
  { page: 'personas' },
  { page: 'briefing', personaId: 'late-disbursement', locale: 'zh-Hant' },
  { page: 'briefing', personaId: 'double-charge', locale: 'en', assignmentId: 'a-17' },
  { page: 'chat', sessionId: 'c0ffee' },
  { page: 'scorecard', sessionId: 'c0ffee' },
  { page: 'coach-sessions' },
  { page: 'coach-replay', sessionId: 'c0ffee' },
  { page: 'coach-print', sessionId: 'c0ffee' },
  { page: 'coach-assignments' },
  { page: 'coach-trainee', traineeId: 't-1' },
  { page: 'qa-personas' },
  { page: 'qa-persona', personaId: 'third-party-answer', locale: 'zh-Hans' },
  { page: 'qa-new' },
  { page: 'qa-new', from: { personaId: 'double-charge', locale: 'zh-Hans' } },
  { page: 'qa-new', from: { personaId: 'double-charge', locale: 'zh-Hans', to: 'en' } },
  { page: 'qa-tryout', sessionId: 'c0ffee' },
  { page: 'qa-tryout-report', sessionId: 'c0ffee' },
];

describe('the addresses of the pages', () => {
  it('lead every page back to itself', () => {
    for (const route of EVERY_PAGE) expect(open(pathOf(route)), pathOf(route)).toEqual(route);
  });

  it('are the ones people share', () => {
    expect(pathOf({ page: 'chat', sessionId: 'c0ffee' })).toBe('/sessions/c0ffee');
    expect(pathOf({ page: 'scorecard', sessionId: 'c0ffee' })).toBe('/sessions/c0ffee/report');
    expect(pathOf({ page: 'briefing', personaId: 'double-charge', locale: 'en', assignmentId: 'a-17' })).toBe('/personas/double-charge?locale=en&assignment=a-17');
    expect(pathOf({ page: 'personas' })).toBe('/');
  });

  it('keep any id intact, whatever characters it has', () => {
    for (const id of ['陳先生', 'a/b', 'a b', '50%', '?x=1#y']) {
      const routes: Route[] = [
        { page: 'chat', sessionId: id },
        { page: 'coach-trainee', traineeId: id },
        { page: 'qa-persona', personaId: id, locale: 'en' },
        { page: 'briefing', personaId: id, locale: 'zh-Hans', assignmentId: id },
      ];
      for (const route of routes) expect(open(pathOf(route)), pathOf(route)).toEqual(route);
    }
  });

  it('lead home when they name no page', () => {
    for (const path of ['/', '/nowhere', '/sessions', '/personas/late-disbursement', '/personas/late-disbursement?locale=fr']) {
      expect(open(path), path).toEqual({ page: 'personas' });
    }
    expect(open('/coach/nowhere')).toEqual({ page: 'coach-sessions' });
    expect(open('/coach/trainees')).toEqual({ page: 'coach-sessions' });
    expect(open('/qa/personas/double-charge/fr')).toEqual({ page: 'qa-personas' });
  });

  it('take a broken escape as written instead of failing to open the page', () => {
    expect(parseRoute('/sessions/%E0%A4', '')).toEqual({ page: 'chat', sessionId: '%E0%A4' });
    expect(parseRoute('/coach/sessions/%/print', '')).toEqual({ page: 'coach-print', sessionId: '%' });
  });

  it('ignore a trailing slash and doubled slashes', () => {
    expect(open('/sessions/c0ffee/')).toEqual({ page: 'chat', sessionId: 'c0ffee' });
    expect(parseRoute('//coach//assignments', '')).toEqual({ page: 'coach-assignments' });
  });
});

describe('where each role starts', () => {
  it('sends trainees to the customers, coaches and admins to the sessions, QA to the personas', () => {
    expect(homeRoute('trainee')).toEqual({ page: 'personas' });
    expect(homeRoute('coach')).toEqual({ page: 'coach-sessions' });
    expect(homeRoute('admin')).toEqual({ page: 'coach-sessions' });
    expect(homeRoute('qa')).toEqual({ page: 'qa-personas' });
  });
});
