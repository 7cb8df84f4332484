import { useCallback, useEffect, useRef, useState } from 'react';

export interface ApiResource<T> {
  /** The last value that loaded, kept while a refresh is running or after a refresh failed. */
  readonly data: T | undefined;
  /** Why the latest load failed; cleared by the next success. */
  readonly error: unknown;
  readonly loading: boolean;
  /** When `data` arrived, by the browser's clock. */
  readonly loadedAt: Date | undefined;
  /** Starts a new load, cancelling one still running. Resolves when it settles; never rejects. */
  readonly refresh: () => Promise<void>;
}

interface ResourceState<T> {
  readonly data: T | undefined;
  readonly error: unknown;
  readonly loading: boolean;
  readonly loadedAt: Date | undefined;
}

export interface ApiResourceOptions {
  /** Reload on this period while the page is visible; a hidden tab does not poll, and catches up on return. */
  readonly refreshIntervalMs?: number;
}

/**
 * Loads one API resource and keeps it fresh. `load` must be stable (useCallback): a new function means new
 * inputs, such as another language, and loads again.
 */
export function useApiResource<T>(
  load: (signal: AbortSignal) => Promise<T>,
  options: ApiResourceOptions = {},
): ApiResource<T> {
  const [state, setState] = useState<ResourceState<T>>({
    data: undefined,
    error: undefined,
    loading: true,
    loadedAt: undefined,
  });
  const inFlight = useRef<{ load: typeof load; controller: AbortController; settled: Promise<void> } | null>(
    null,
  );

  const refresh = useCallback((): Promise<void> => {
    // A second request for the same thing while one runs would only race it; share the running one instead.
    if (inFlight.current?.load === load) return inFlight.current.settled;
    inFlight.current?.controller.abort();
    const controller = new AbortController();
    setState((previous) => ({ ...previous, loading: true }));
    const settled = (async () => {
      try {
        const data = await load(controller.signal);
        if (!controller.signal.aborted)
          setState({ data, error: undefined, loading: false, loadedAt: new Date() });
      } catch (error) {
        if (!controller.signal.aborted) setState((previous) => ({ ...previous, error, loading: false }));
      } finally {
        if (inFlight.current?.controller === controller) inFlight.current = null;
      }
    })();
    inFlight.current = { load, controller, settled };
    return settled;
  }, [load]);

  useEffect(() => {
    void refresh();
    return () => {
      inFlight.current?.controller.abort();
      inFlight.current = null;
    };
  }, [refresh]);

  const { refreshIntervalMs } = options;
  useEffect(() => {
    if (refreshIntervalMs === undefined) return undefined;
    const timer = window.setInterval(() => {
      if (document.visibilityState === 'visible') void refresh();
    }, refreshIntervalMs);
    const onVisibilityChange = (): void => {
      if (document.visibilityState === 'visible') void refresh();
    };
    document.addEventListener('visibilitychange', onVisibilityChange);
    return () => {
      window.clearInterval(timer);
      document.removeEventListener('visibilitychange', onVisibilityChange);
    };
  }, [refresh, refreshIntervalMs]);

  return { ...state, refresh };
}
