import { useSyncExternalStore } from 'react';

function subscribe(onChange: () => void): () => void {
  // The same events app/navigation.ts raises: a back/forward step, or navigate() in place.
  window.addEventListener('popstate', onChange);
  window.addEventListener('carapace:navigated', onChange);
  return () => {
    window.removeEventListener('popstate', onChange);
    window.removeEventListener('carapace:navigated', onChange);
  };
}

/** The address's query string (`?kev=true`), following navigation, so filters live in the URL. */
export function useLocationSearch(): string {
  return useSyncExternalStore(subscribe, () => window.location.search);
}
