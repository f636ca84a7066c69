/**
 * The client's pages as addresses, so a reload, the back button and a shared link all land
 * where they should (the server answers index.html for any page: server/http/clientFiles.ts).
 * A handful of routes does not need a routing library.
 */
import { useEffect, useState } from 'react';
import { LOCALES, type Locale } from './contract.ts';

export type Route =
  | { page: 'login' }
  | { page: 'personas' }
  | { page: 'briefing'; personaId: string; locale: Locale }
  | { page: 'chat'; sessionId: string }
  | { page: 'scorecard'; sessionId: string };

const isLocale = (v: string | null): v is Locale => v !== null && (LOCALES as readonly string[]).includes(v);

export function parseRoute(pathname: string, search: string): Route {
  const parts = pathname.split('/').filter(Boolean).map(decodeURIComponent);
  const query = new URLSearchParams(search);
  if (parts[0] === 'login') return { page: 'login' };
  if (parts[0] === 'personas' && parts[1]) {
    const locale = query.get('locale');
    if (isLocale(locale)) return { page: 'briefing', personaId: parts[1], locale };
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
    case 'personas':
      return '/';
    case 'briefing':
      return `/personas/${encodeURIComponent(route.personaId)}?locale=${route.locale}`;
    case 'chat':
      return `/sessions/${encodeURIComponent(route.sessionId)}`;
    case 'scorecard':
      return `/sessions/${encodeURIComponent(route.sessionId)}/report`;
  }
}

const CHANGE = 'sparring:navigate';

export function navigate(route: Route, { replace = false } = {}): void {
  const path = pathOf(route);
  if (replace) history.replaceState(null, '', path);
  else history.pushState(null, '', path);
  window.dispatchEvent(new Event(CHANGE));
  // A new page starts at its top, like a real page load.
  window.scrollTo(0, 0);
}

export function useRoute(): Route {
  const read = () => parseRoute(location.pathname, location.search);
  const [route, setRoute] = useState<Route>(read);
  useEffect(() => {
    const update = () => setRoute(read());
    window.addEventListener('popstate', update);
    window.addEventListener(CHANGE, update);
    return () => {
      window.removeEventListener('popstate', update);
      window.removeEventListener(CHANGE, update);
    };
  }, []);
  return route;
}
