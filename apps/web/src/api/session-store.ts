import { SignedIn } from '@carapace/contracts';
import { useSyncExternalStore } from 'react';

/** What POST /api/v1/sessions answered: the token, its expiry, the account, its organisation and roles. */
export type Session = ReturnType<typeof SignedIn.parse>;

// sessionStorage, not localStorage: the token ends with the tab, so a shared computer does not keep it.
const STORAGE_KEY = 'carapace.session';
/** setTimeout takes a signed 32-bit delay; a longer one fires at once. */
const MAX_TIMER_DELAY_MS = 2 ** 31 - 1;
/** Checked a little after the expiry, so a timer that fires a few milliseconds early still finds it expired. */
const EXPIRY_MARGIN_MS = 1_000;

// Used only when the browser refuses storage (some privacy modes): the session then lasts until a reload.
let fallbackRaw: string | null = null;
let cached: { readonly raw: string | null; readonly session: Session | null } = { raw: null, session: null };
let expiryTimer: number | undefined;
const listeners = new Set<() => void>();

function readRaw(): string | null {
  try {
    return window.sessionStorage.getItem(STORAGE_KEY);
  } catch {
    return fallbackRaw;
  }
}

function writeRaw(raw: string | null): void {
  fallbackRaw = raw;
  try {
    if (raw === null) window.sessionStorage.removeItem(STORAGE_KEY);
    else window.sessionStorage.setItem(STORAGE_KEY, raw);
  } catch {
    // The in-memory copy above keeps this tab signed in.
  }
}

function parse(raw: string): Session | null {
  try {
    const parsed = SignedIn.safeParse(JSON.parse(raw));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

function isExpired(session: Session): boolean {
  return Date.parse(session.expiresAt) <= Date.now();
}

function notify(): void {
  for (const listener of listeners) listener();
}

/** Tells the subscribers when the session runs out, so the header and pages stop showing a signed-in user. */
function scheduleExpiry(session: Session | null): void {
  window.clearTimeout(expiryTimer);
  expiryTimer = undefined;
  if (session === null) return;
  const delayMs = Math.min(
    MAX_TIMER_DELAY_MS,
    Math.max(0, Date.parse(session.expiresAt) - Date.now() + EXPIRY_MARGIN_MS),
  );
  expiryTimer = window.setTimeout(notify, delayMs);
}

/**
 * The signed-in session of this tab, or null when signed out or when the stored session has expired (it is
 * then removed). Returns the same object until the session changes, as useSyncExternalStore needs.
 */
export function currentSession(): Session | null {
  const raw = readRaw();
  if (raw !== cached.raw) {
    cached = { raw, session: raw === null ? null : parse(raw) };
    scheduleExpiry(cached.session);
  }
  if (cached.session !== null && isExpired(cached.session)) {
    writeRaw(null);
    cached = { raw: null, session: null };
    scheduleExpiry(null);
  }
  return cached.session;
}

export function saveSession(session: Session): void {
  writeRaw(JSON.stringify(session));
  currentSession();
  notify();
}

export function clearSession(): void {
  writeRaw(null);
  currentSession();
  notify();
}

function subscribe(onChange: () => void): () => void {
  listeners.add(onChange);
  return () => {
    listeners.delete(onChange);
  };
}

/** The current session; re-renders on sign-in, sign-out, a rejected token and expiry. */
export function useSession(): Session | null {
  return useSyncExternalStore(subscribe, currentSession);
}
