import { CurrentUser, SignedIn, type SignInRequest } from '@carapace/contracts';
import { deleteResource, getJson, postJson, type RequestOptions } from './http-client';
import { saveSession, type Session } from './session-store';

// The contracts export schemas; the types follow from what each schema's parse returns.
export type Credentials = ReturnType<typeof SignInRequest.parse>;
export type CurrentUserAnswer = ReturnType<typeof CurrentUser.parse>;

/**
 * Signs in and keeps the session for this tab. Rejects with an ApiProblemError `sign_in_failed` (401) for a
 * wrong password, an unknown email and a locked account alike: the server does not say which.
 */
export async function signIn(credentials: Credentials, options: RequestOptions = {}): Promise<Session> {
  const signedIn = await postJson('/api/v1/sessions', credentials, SignedIn, {
    ...options,
    authenticate: false,
  });
  saveSession(signedIn);
  return signedIn;
}

/**
 * Ends the current session on the server, so its token stops working at once. Leaves the local copy alone,
 * even on a 401: the caller clears it (clearSession) in the same step as it leaves the page, so no page
 * sees a signed-out reader at an address that needs a session.
 */
export function endCurrentSession(options: RequestOptions = {}): Promise<void> {
  return deleteResource('/api/v1/sessions/current', { ...options, onSessionRejected: 'leave_to_caller' });
}

/** The signed-in account with its roles as the server holds them now (a grant may have expired). */
export function fetchCurrentUser(options: RequestOptions = {}): Promise<CurrentUserAnswer> {
  return getJson('/api/v1/me', CurrentUser, options);
}
