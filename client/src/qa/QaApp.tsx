/** The QA pages, by address: the persona library, a persona's editor, a try-out chat. */
import type { Route } from '../shared/router.ts';

export function QaApp({ route }: { route: Route }) {
  return <p className="card">{route.page}</p>;
}
