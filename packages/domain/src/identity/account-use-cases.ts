import { hashPassword, PasswordPolicyError } from '@carapace/security';
import { ConflictError, ForbiddenError, NotFoundError, RuleViolationError } from '../shared/domain-error.js';
import type { UserActor } from './actor.js';
import { requirePermission } from './access-rules.js';
import { IDENTITY_ACCESS_RULES } from './identity-access-rules.js';
import type { IdentityServices } from './identity-services.js';
import { ROLE_TENANT_KIND, type Role } from './roles.js';
import { isPlausibleEmail, normaliseEmail, type RoleAssignment, type User } from './user.js';

export interface NewAccount {
  readonly tenantId: string;
  readonly email: string;
  readonly displayName: string;
  readonly password: string;
  /** Standing roles. Each must belong to the tenant's kind (an insurer's staff cannot be `policyholder`). */
  readonly roles: readonly Role[];
}

/**
 * Roles that approve, audit or administer access. A security admin cannot hand them out as standing roles:
 * otherwise one admin could make a second admin or a compliance officer and approve their own requests
 * through them. They are granted only for a while through an approved permission-grant request, or as
 * standing roles by the operator (`carapace user create`).
 */
export const PRIVILEGED_ROLES: readonly Role[] = ['security_admin', 'compliance_officer', 'auditor'];

async function hashAcceptablePassword(password: string): Promise<string> {
  try {
    return await hashPassword(password);
  } catch (error) {
    if (error instanceof PasswordPolicyError) {
      throw new RuleViolationError('password_too_weak', error.message, 'password');
    }
    throw error;
  }
}

/**
 * Creates an account with standing roles. Used by a tenant's security admin (for their own tenant) and by
 * the operator's CLI and demo data (as the system actor, for any tenant). Audited.
 *
 * @throws ForbiddenError `permission_denied` when an admin creates an account in another tenant
 */
export async function createAccount(
  services: IdentityServices,
  actor: UserActor | null,
  account: NewAccount,
): Promise<{ readonly user: User; readonly roles: readonly Role[] }> {
  if (actor !== null) {
    requirePermission(actor, IDENTITY_ACCESS_RULES, 'user.create');
    if (actor.tenantId !== account.tenantId) {
      throw new NotFoundError('organisation_not_found', `no organisation ${account.tenantId}`);
    }
  }
  const email = normaliseEmail(account.email);
  if (!isPlausibleEmail(email))
    throw new RuleViolationError('account_invalid', 'not an email address', 'email');
  const displayName = account.displayName.trim();
  if (displayName.length === 0 || displayName.length > 100) {
    throw new RuleViolationError('account_invalid', 'a display name has 1 to 100 characters', 'displayName');
  }
  if (account.roles.length === 0) {
    throw new RuleViolationError('role_not_for_tenant', 'an account needs at least one role', 'roles');
  }
  if (actor !== null) {
    const privileged = account.roles.findIndex((role) => PRIVILEGED_ROLES.includes(role));
    if (privileged >= 0) {
      throw new ForbiddenError(
        'permission_denied',
        `${account.roles[privileged] ?? ''} is granted through an approved permission-grant request, not at account creation`,
      );
    }
  }
  const passwordHash = await hashAcceptablePassword(account.password);
  const now = services.now();
  return services.unitOfWork.run(async (repositories) => {
    const tenantKind = await repositories.identity.tenantKind(account.tenantId);
    if (tenantKind === undefined) {
      throw new NotFoundError('organisation_not_found', `no organisation ${account.tenantId}`);
    }
    for (const [index, role] of account.roles.entries()) {
      if (ROLE_TENANT_KIND[role] !== tenantKind) {
        throw new RuleViolationError(
          'role_not_for_tenant',
          `the role ${role} is for a ${ROLE_TENANT_KIND[role]}, and this organisation is a ${tenantKind}`,
          `roles.${index}`,
        );
      }
    }
    const inserted = await repositories.identity.insertUser({
      tenantId: account.tenantId,
      email,
      displayName,
      passwordHash,
    });
    if (inserted.kind === 'duplicate') {
      throw new ConflictError('user_exists', 'an account with this email already exists', 'email');
    }
    const roles = [...new Set(account.roles)];
    for (const role of roles) {
      await repositories.identity.insertRoleAssignment({
        tenantId: account.tenantId,
        userId: inserted.user.id,
        role,
        grantedAt: now,
        expiresAt: null,
        grantRequestId: null,
      });
    }
    await repositories.audit.record({
      action: 'create',
      objectType: 'user',
      objectId: inserted.user.id,
      result: 'success',
      details: { roles: roles.join(',') },
    });
    return { user: inserted.user, roles };
  });
}

/** An account with the roles in force now; `expiresAt` is when a time-boxed grant ends, null if standing. */
export interface AccountWithRoles {
  readonly user: User;
  readonly roles: readonly { readonly role: Role; readonly expiresAt: Date | null }[];
}

/** The accounts of the actor's organisation with their roles in force, so a reviewer sees who may do what. */
export async function listAccounts(
  services: IdentityServices,
  actor: UserActor,
): Promise<AccountWithRoles[]> {
  requirePermission(actor, IDENTITY_ACCESS_RULES, 'user.list');
  const now = services.now();
  return services.unitOfWork.run(async (repositories) => {
    const users = await repositories.identity.listUsers(actor.tenantId);
    const accounts: AccountWithRoles[] = [];
    // One query per account: an organisation's staff is tens of people, and the page lists them all anyway.
    for (const user of users) {
      const assignments = await repositories.identity.listRoleAssignments(user.id);
      accounts.push({ user, roles: rolesWithExpiry(assignments, now) });
    }
    await repositories.audit.record({
      action: 'list',
      objectType: 'user',
      objectId: null,
      result: 'success',
      rows: users.length,
    });
    return accounts;
  });
}

/**
 * The roles in force at `now`, each once: a standing assignment wins over a grant of the same role, and of two
 * grants the later end counts.
 */
function rolesWithExpiry(
  assignments: readonly RoleAssignment[],
  now: Date,
): { readonly role: Role; readonly expiresAt: Date | null }[] {
  const byRole = new Map<Role, Date | null>();
  for (const assignment of assignments) {
    const { role, expiresAt } = assignment;
    if (expiresAt !== null && expiresAt.getTime() <= now.getTime()) continue;
    const known = byRole.get(role);
    if (known === null) continue;
    if (known === undefined || expiresAt === null || expiresAt.getTime() > known.getTime())
      byRole.set(role, expiresAt);
  }
  return [...byRole].map(([role, expiresAt]) => ({ role, expiresAt }));
}

/** Ends the caller's session; the token stops working on the next request. */
export async function signOut(services: IdentityServices, actor: UserActor): Promise<void> {
  if (actor.sessionId === null) return;
  const sessionId = actor.sessionId;
  await services.unitOfWork.run(async (repositories) => {
    await repositories.identity.revokeSession(sessionId, services.now());
    await repositories.audit.record({
      action: 'sign_out',
      objectType: 'session',
      objectId: sessionId,
      result: 'success',
    });
  });
}
