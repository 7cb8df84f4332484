export const PLATFORM_HEALTH_PATH = '/platform/health';
export const SIGN_IN_PATH = '/sign-in';
export const ACCOUNT_PATH = '/account';
export const HOME_PATH = '/home';

/** Why the sign-in page was shown, when it was not the reader's own choice. */
export type SignInReason = 'session_ended';

const NEXT_PARAM = 'next';
const REASON_PARAM = 'reason';

/** The sign-in page, remembering where to go back to afterwards. */
export function signInPath(returnTo?: string, reason?: SignInReason): string {
  const query = new URLSearchParams();
  const next = returnTo === undefined ? null : sameSitePath(returnTo);
  if (next !== null) query.set(NEXT_PARAM, next);
  if (reason !== undefined) query.set(REASON_PARAM, reason);
  const search = query.toString();
  return search === '' ? SIGN_IN_PATH : `${SIGN_IN_PATH}?${search}`;
}

/**
 * The return address as a path on this site, or null. Only a same-origin path is allowed: `//evil.example`,
 * `/\evil.example` or `https://…` in the query would make the sign-in page an open redirect that sends
 * freshly signed-in users wherever a link says. Resolving through URL applies the browser's own parsing.
 */
function sameSitePath(candidate: string): string | null {
  if (!candidate.startsWith('/')) return null;
  let url: URL;
  try {
    url = new URL(candidate, window.location.origin);
  } catch {
    return null;
  }
  if (url.origin !== window.location.origin || url.pathname === SIGN_IN_PATH) return null;
  return `${url.pathname}${url.search}${url.hash}`;
}

/** Where the sign-in page sends the reader once signed in: the remembered page, else the home page. */
export function returnPathFrom(search: string): string {
  const next = new URLSearchParams(search).get(NEXT_PARAM);
  return (next === null ? null : sameSitePath(next)) ?? HOME_PATH;
}

export function signInReasonFrom(search: string): SignInReason | undefined {
  return new URLSearchParams(search).get(REASON_PARAM) === 'session_ended' ? 'session_ended' : undefined;
}
