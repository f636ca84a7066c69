/** A link to another page of the client that moves without reloading (the router's navigate). */
import type { ReactNode } from 'react';
import { navigate, pathOf, type Route } from '../shared/router.ts';

export function QaLink({ route, className, children }: { route: Route; className?: string; children: ReactNode }) {
  return (
    <a
      className={className}
      href={pathOf(route)}
      onClick={(e) => {
        e.preventDefault();
        navigate(route);
      }}
    >
      {children}
    </a>
  );
}
