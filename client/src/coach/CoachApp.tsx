/** The coach's pages, by address: sessions and their replay, assignments, a trainee's progress. */
import type { Route } from '../shared/router.ts';

export function CoachApp({ route }: { route: Route }) {
  return <p className="card">{route.page}</p>;
}
