import { generateApiToken, hashApiTokenSecret } from '@carapace/security';
import { NotFoundError, RuleViolationError } from '../shared/domain-error.js';
import type { UserActor } from './actor.js';
import { requirePermission } from './access-rules.js';
import { IDENTITY_ACCESS_RULES } from './identity-access-rules.js';
import type { IdentityServices } from './identity-services.js';
import type { ApiToken } from './user.js';

/** A partner's token ends after at most a year; the secret is shown once, at creation. */
export const API_TOKEN_MAX_DAYS = 365;

/**
 * Issues an API token for the caller. Its scopes (access-rule actions) can only narrow what the caller may
 * do: the token acts as the caller, so a scope the caller's roles do not allow grants nothing. The secret is
 * returned once; only its SHA-256 is stored.
 */
export async function issueApiToken(
  services: IdentityServices,
  actor: UserActor,
  request: { readonly name: string; readonly scopes: readonly string[]; readonly validDays: number },
): Promise<{ readonly token: ApiToken; readonly presented: string }> {
  requirePermission(actor, IDENTITY_ACCESS_RULES, 'api_token.create');
  if (actor.apiTokenId !== null) {
    throw new RuleViolationError('permission_denied', 'an API token cannot issue another token', 'name');
  }
  if (
    !Number.isInteger(request.validDays) ||
    request.validDays < 1 ||
    request.validDays > API_TOKEN_MAX_DAYS
  ) {
    throw new RuleViolationError('account_invalid', `validDays is 1 to ${API_TOKEN_MAX_DAYS}`, 'validDays');
  }
  const generated = generateApiToken();
  const now = services.now();
  const token = await services.unitOfWork.run(async (repositories) => {
    const inserted = await repositories.identity.insertApiToken({
      id: generated.tokenId,
      tenantId: actor.tenantId,
      userId: actor.userId,
      name: request.name,
      scopes: [...new Set(request.scopes)],
      createdAt: now,
      expiresAt: new Date(now.getTime() + request.validDays * 86_400_000),
      secretHash: hashApiTokenSecret(generated.secret),
    });
    await repositories.audit.record({
      action: 'create',
      objectType: 'api_token',
      objectId: inserted.id,
      result: 'success',
      details: { scopes: inserted.scopes.join(','), validDays: request.validDays },
    });
    return inserted;
  });
  return { token, presented: generated.presented };
}

export async function listApiTokens(services: IdentityServices, actor: UserActor): Promise<ApiToken[]> {
  requirePermission(actor, IDENTITY_ACCESS_RULES, 'api_token.list');
  return services.unitOfWork.run((repositories) => repositories.identity.listApiTokens(actor.tenantId));
}

export async function revokeApiToken(
  services: IdentityServices,
  actor: UserActor,
  tokenId: string,
): Promise<void> {
  requirePermission(actor, IDENTITY_ACCESS_RULES, 'api_token.revoke');
  await services.unitOfWork.run(async (repositories) => {
    const token = await repositories.identity.findApiToken(tokenId);
    // A partner revokes its own tokens; a security admin any of the tenant's.
    const mayRevoke =
      token !== undefined &&
      token.tenantId === actor.tenantId &&
      (token.userId === actor.userId || actor.roles.includes('security_admin'));
    if (!mayRevoke) throw new NotFoundError('api_token_not_found', `no API token ${tokenId}`);
    await repositories.identity.revokeApiToken(tokenId, services.now());
    await repositories.audit.record({
      action: 'revoke',
      objectType: 'api_token',
      objectId: tokenId,
      result: 'success',
    });
  });
}
