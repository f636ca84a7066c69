/**
 * The client's pages as addresses, so a reload, the back button and a shared link all land
 * where they should. A handful of routes does not need a routing library: routes.ts maps
 * addresses to pages and back; this file follows the address bar (`navigate`, `useRoute`).
 */
import { useEffect, useState } from 'react';
import { parseRoute, pathOf, type Route } from './routes.ts';

export { homeRoute, parseRoute, pathOf, type Route } from './routes.ts';

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
