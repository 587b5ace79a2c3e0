import { useSyncExternalStore } from 'react';

/**
 * The app's two screens and their addresses under /app/ (the api serves index.html for every path
 * there, so a reload stays on the same screen). Outside /app/ (the Bitrix24 placement page) the
 * route lives in memory only.
 */
export type Route = { name: 'list' } | { name: 'connector'; id: string };

const BASE = '/app/';
const listeners = new Set<() => void>();
let current: Route = parse(window.location.pathname) ?? { name: 'list' };

function parse(pathname: string): Route | undefined {
  if (!pathname.startsWith(BASE) && pathname !== '/app') return undefined;
  const match = /^connectors\/([^/]+)\/?$/.exec(pathname.slice(BASE.length));
  return match?.[1] ? { name: 'connector', id: decodeURIComponent(match[1]) } : { name: 'list' };
}

export function hrefOf(route: Route): string {
  return route.name === 'list' ? BASE : `${BASE}connectors/${encodeURIComponent(route.id)}`;
}

function set(route: Route): void {
  current = route;
  for (const listener of listeners) listener();
}

window.addEventListener('popstate', () => {
  const route = parse(window.location.pathname);
  if (route) set(route);
});

/** Goes to `route`, as a new history entry when the app lives under /app/. */
export function navigate(route: Route, options: { replace?: boolean } = {}): void {
  if (parse(window.location.pathname) !== undefined) {
    const href = hrefOf(route) + window.location.search;
    if (options.replace) window.history.replaceState(null, '', href);
    else window.history.pushState(null, '', href);
  }
  set(route);
}

export function useRoute(): Route {
  return useSyncExternalStore(
    (listener) => {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    () => current,
  );
}
