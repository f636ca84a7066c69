/**
 * The client's pages as addresses and back: `parseRoute` reads an address, `pathOf` writes
 * one, so a reload, the back button and a shared link all land where they should (the server
 * answers index.html for any page: server/http/clientFiles.ts). Pure, with no browser in it:
 * router.ts follows the address bar with these.
 */
import { LOCALES, type Locale } from './contract.ts';

export type Route =
  | { page: 'login' }
  /** Changing one's own password: every role. */
  | { page: 'password' }
  | { page: 'personas' }
  /** `assignmentId`: the practice a coach assigned, started from the trainee's "Assigned to you". */
  | { page: 'briefing'; personaId: string; locale: Locale; assignmentId?: string }
  | { page: 'chat'; sessionId: string }
  | { page: 'scorecard'; sessionId: string }
  // coach
  | { page: 'coach-sessions' }
  | { page: 'coach-replay'; sessionId: string }
  | { page: 'coach-print'; sessionId: string }
  | { page: 'coach-assignments' }
  | { page: 'coach-trainee'; traineeId: string }
  // QA
  | { page: 'qa-personas' }
  | { page: 'qa-persona'; personaId: string; locale: Locale }
  /** A new persona: empty, or started from an existing one, copied (new id) or in another language (`to`). */
  | { page: 'qa-new'; from?: { personaId: string; locale: Locale; to?: Locale } }
  | { page: 'qa-tryout'; sessionId: string }
  | { page: 'qa-tryout-report'; sessionId: string };

const isLocale = (v: string | null): v is Locale => v !== null && (LOCALES as readonly string[]).includes(v);

/** A part of the address as written; a broken escape (`%E0%A4`) is taken as it stands, not a crash. */
function decoded(part: string): string {
  try {
    return decodeURIComponent(part);
  } catch {
    return part;
  }
}

export function parseRoute(pathname: string, search: string): Route {
  const parts = pathname.split('/').filter(Boolean).map(decoded);
  const query = new URLSearchParams(search);
  if (parts[0] === 'login') return { page: 'login' };
  if (parts[0] === 'password') return { page: 'password' };
  if (parts[0] === 'coach') {
    if (parts[1] === 'sessions' && parts[2]) {
      return parts[3] === 'print' ? { page: 'coach-print', sessionId: parts[2] } : { page: 'coach-replay', sessionId: parts[2] };
    }
    if (parts[1] === 'assignments') return { page: 'coach-assignments' };
    if (parts[1] === 'trainees' && parts[2]) return { page: 'coach-trainee', traineeId: parts[2] };
    return { page: 'coach-sessions' };
  }
  if (parts[0] === 'qa') {
    if (parts[1] === 'personas' && parts[2] && isLocale(parts[3] ?? null)) {
      return { page: 'qa-persona', personaId: parts[2], locale: parts[3] as Locale };
    }
    if (parts[1] === 'new') {
      if (parts[2] === 'from' && parts[3] && isLocale(parts[4] ?? null)) {
        const to = parts[5] ?? null;
        return { page: 'qa-new', from: { personaId: parts[3], locale: parts[4] as Locale, ...(isLocale(to) ? { to } : {}) } };
      }
      return { page: 'qa-new' };
    }
    if (parts[1] === 'try' && parts[2]) {
      return parts[3] === 'report' ? { page: 'qa-tryout-report', sessionId: parts[2] } : { page: 'qa-tryout', sessionId: parts[2] };
    }
    return { page: 'qa-personas' };
  }
  if (parts[0] === 'personas' && parts[1]) {
    const locale = query.get('locale');
    const assignmentId = query.get('assignment');
    if (isLocale(locale)) return { page: 'briefing', personaId: parts[1], locale, ...(assignmentId ? { assignmentId } : {}) };
  }
  if (parts[0] === 'sessions' && parts[1]) {
    return parts[2] === 'report' ? { page: 'scorecard', sessionId: parts[1] } : { page: 'chat', sessionId: parts[1] };
  }
  return { page: 'personas' };
}

export function pathOf(route: Route): string {
  switch (route.page) {
    case 'login':
      return '/login';
    case 'password':
      return '/password';
    case 'personas':
      return '/';
    case 'briefing':
      return `/personas/${encodeURIComponent(route.personaId)}?locale=${route.locale}${route.assignmentId ? `&assignment=${encodeURIComponent(route.assignmentId)}` : ''}`;
    case 'chat':
      return `/sessions/${encodeURIComponent(route.sessionId)}`;
    case 'scorecard':
      return `/sessions/${encodeURIComponent(route.sessionId)}/report`;
    case 'coach-sessions':
      return '/coach';
    case 'coach-replay':
      return `/coach/sessions/${encodeURIComponent(route.sessionId)}`;
    case 'coach-print':
      return `/coach/sessions/${encodeURIComponent(route.sessionId)}/print`;
    case 'coach-assignments':
      return '/coach/assignments';
    case 'coach-trainee':
      return `/coach/trainees/${encodeURIComponent(route.traineeId)}`;
    case 'qa-personas':
      return '/qa';
    case 'qa-persona':
      return `/qa/personas/${encodeURIComponent(route.personaId)}/${route.locale}`;
    case 'qa-new':
      if (!route.from) return '/qa/new';
      return `/qa/new/from/${encodeURIComponent(route.from.personaId)}/${route.from.locale}${route.from.to ? `/${route.from.to}` : ''}`;
    case 'qa-tryout':
      return `/qa/try/${encodeURIComponent(route.sessionId)}`;
    case 'qa-tryout-report':
      return `/qa/try/${encodeURIComponent(route.sessionId)}/report`;
  }
}

/** Where each role starts: the page a sign-in and the brand link lead to. */
export function homeRoute(role: 'trainee' | 'coach' | 'qa' | 'admin'): Route {
  switch (role) {
    case 'coach':
    case 'admin':
      return { page: 'coach-sessions' };
    case 'qa':
      return { page: 'qa-personas' };
    default:
      return { page: 'personas' };
  }
}
