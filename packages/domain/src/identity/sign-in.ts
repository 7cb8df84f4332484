import { verifyAgainstDummyHash, verifyPassword } from '@carapace/security';
import { AuthenticationError } from '../shared/domain-error.js';
import type { AuditEntry } from '../audit/audit-trail.js';
import type { OrganisationKind } from '../organisations/organisation.js';
import { rolesInForce } from './identity-repository.js';
import {
  LOCKOUT_MINUTES,
  MAX_FAILED_SIGN_INS,
  SESSION_HOURS,
  type IdentityServices,
} from './identity-services.js';
import type { Role } from './roles.js';
import { normaliseEmail, type Session, type User } from './user.js';

export interface SignedIn {
  readonly user: User;
  readonly tenantKind: OrganisationKind;
  readonly session: Session;
  readonly roles: readonly Role[];
}

const SIGN_IN_FAILED =
  'wrong email or password, or the account is locked for a while after repeated failures';

/**
 * Checks a password and opens a session. Every outcome is audited. A wrong password, an unknown email, a
 * disabled or locked account all give the same answer, and an unknown email still costs one argon2id
 * verification, so neither the message nor the time tells whether an account exists.
 *
 * The argon2id check runs between two short transactions: holding a transaction (PGlite's only connection)
 * for the ~50 ms it takes would stall every other request.
 *
 * @throws AuthenticationError `sign_in_failed`
 */
export async function signIn(
  services: IdentityServices,
  request: { readonly email: string; readonly password: string },
): Promise<SignedIn> {
  const email = normaliseEmail(request.email);
  const credentials = await services.unitOfWork.run((repositories) =>
    repositories.identity.findCredentialsByEmail(email),
  );
  const now = services.now();
  const failure = async (entry: Omit<AuditEntry, 'action' | 'objectType'>): Promise<never> => {
    await services.unitOfWork.run((repositories) =>
      repositories.audit.record({
        action: 'sign_in',
        objectType: 'user',
        tenantId: credentials?.user.tenantId ?? null,
        ...entry,
      }),
    );
    throw new AuthenticationError('sign_in_failed', SIGN_IN_FAILED);
  };

  if (credentials === undefined) {
    await verifyAgainstDummyHash(request.password);
    return failure({ objectId: null, result: 'failed', details: { reason: 'unknown_account' } });
  }
  const userId = credentials.user.id;
  if (credentials.user.status !== 'active') {
    await verifyAgainstDummyHash(request.password);
    return failure({ objectId: userId, result: 'denied', details: { reason: 'account_disabled' } });
  }
  if (credentials.lockedUntil !== null && credentials.lockedUntil.getTime() > now.getTime()) {
    await verifyAgainstDummyHash(request.password);
    return failure({ objectId: userId, result: 'denied', details: { reason: 'account_locked' } });
  }

  if (!(await verifyPassword(credentials.passwordHash, request.password))) {
    await services.unitOfWork.run(async (repositories) => {
      const failures = await repositories.identity.recordSignInFailure(userId);
      const locks = failures >= MAX_FAILED_SIGN_INS;
      if (locks) {
        await repositories.identity.lockUser(userId, new Date(now.getTime() + LOCKOUT_MINUTES * 60_000));
      }
      await repositories.audit.record({
        action: 'sign_in',
        objectType: 'user',
        objectId: userId,
        tenantId: credentials.user.tenantId,
        result: 'failed',
        details: { reason: 'wrong_password', consecutiveFailures: failures, locked: locks },
      });
    });
    throw new AuthenticationError('sign_in_failed', SIGN_IN_FAILED);
  }

  const opened = await services.unitOfWork.run(async (repositories) => {
    // Guesses sent in parallel all pass the first check; one that is right must still lose if the others
    // have locked the account meanwhile.
    const current = await repositories.identity.findCredentialsByEmail(email);
    if (
      current === undefined ||
      current.user.status !== 'active' ||
      (current.lockedUntil !== null && current.lockedUntil.getTime() > now.getTime())
    ) {
      await repositories.audit.record({
        action: 'sign_in',
        objectType: 'user',
        objectId: userId,
        tenantId: credentials.user.tenantId,
        result: 'denied',
        details: { reason: 'account_locked' },
      });
      return undefined;
    }
    const tenantKind = await repositories.identity.tenantKind(credentials.user.tenantId);
    if (tenantKind === undefined) throw new Error(`user ${userId} belongs to no organisation`);
    await repositories.identity.recordSignInSuccess(userId);
    const session = await repositories.identity.insertSession({
      tenantId: credentials.user.tenantId,
      userId,
      createdAt: now,
      expiresAt: new Date(now.getTime() + SESSION_HOURS * 3_600_000),
    });
    const roles = rolesInForce(await repositories.identity.listRoleAssignments(userId), now);
    await repositories.audit.record({
      action: 'sign_in',
      objectType: 'user',
      objectId: userId,
      tenantId: credentials.user.tenantId,
      result: 'success',
      details: { sessionId: session.id },
    });
    return { user: credentials.user, tenantKind, session, roles };
  });
  if (opened === undefined) throw new AuthenticationError('sign_in_failed', SIGN_IN_FAILED);
  return opened;
}
