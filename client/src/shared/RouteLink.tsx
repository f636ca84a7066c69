/** A link to one of the client's pages: a real address (new tab, copy link), followed without a reload. */
import type { ReactNode } from 'react';
import { navigate, pathOf, type Route } from '../shared/router.ts';

interface Props {
  route: Route;
  className?: string;
  /** The link to the page being shown. */
  current?: boolean;
  children: ReactNode;
  'data-testid'?: string;
}

export function RouteLink({ route, className, current = false, children, ...rest }: Props) {
  return (
    <a
      className={className}
      href={pathOf(route)}
      aria-current={current ? 'page' : undefined}
      data-testid={rest['data-testid']}
      onClick={(e) => {
        // A modified click (new tab, new window) is the browser's to handle.
        if (e.button !== 0 || e.metaKey || e.ctrlKey || e.shiftKey || e.altKey) return;
        e.preventDefault();
        navigate(route);
      }}
    >
      {children}
    </a>
  );
}
