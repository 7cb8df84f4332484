import { useSyncExternalStore } from 'react';

// The UI has a handful of pages, so the History API and one event are enough; a router library would
// outweigh everything it routes.
const NAVIGATED = 'carapace:navigated';

function subscribe(onChange: () => void): () => void {
  window.addEventListener('popstate', onChange);
  window.addEventListener(NAVIGATED, onChange);
  return () => {
    window.removeEventListener('popstate', onChange);
    window.removeEventListener(NAVIGATED, onChange);
  };
}

/** The current path without a trailing slash, so `/platform/health/` and `/platform/health` are one page. */
export function usePathname(): string {
  return useSyncExternalStore(subscribe, () => normalisePath(window.location.pathname));
}

/** The address's query string (`?kev=true`), following navigation, so a page's filters can live in the URL. */
export function useLocationSearch(): string {
  return useSyncExternalStore(subscribe, () => window.location.search);
}

export function normalisePath(path: string): string {
  return path.length > 1 ? path.replace(/\/+$/, '') : path;
}

export function navigate(to: string, options: { replace?: boolean } = {}): void {
  if (options.replace === true) window.history.replaceState(null, '', to);
  else window.history.pushState(null, '', to);
  window.dispatchEvent(new Event(NAVIGATED));
}
