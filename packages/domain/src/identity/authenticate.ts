import { apiTokenSecretMatches } from '@carapace/security';
import { AuthenticationError } from '../shared/domain-error.js';
import type { UserActor } from './actor.js';
import { rolesInForce } from './identity-repository.js';
import type { IdentityServices } from './identity-services.js';

const SESSION_INVALID = 'the session has ended or is not valid; sign in again';

/**
 * Turns a verified session token's claims into the actor for one request: the session must still be open,
 * the account active, and the roles are read fresh (a revoked grant takes effect on the next request).
 *
 * @throws AuthenticationError `session_invalid`
 */
export async function actorForSession(
  services: IdentityServices,
  claims: { readonly sessionId: string; readonly userId: string; readonly tenantId: string },
): Promise<UserActor> {
  const now = services.now();
  const found = await services.unitOfWork.run((repositories) =>
    repositories.identity.findSessionAccount(claims.sessionId),
  );
  if (
    found === undefined ||
    found.session.userId !== claims.userId ||
    found.session.tenantId !== claims.tenantId ||
    found.session.revokedAt !== null ||
    found.session.expiresAt.getTime() <= now.getTime() ||
    found.user.status !== 'active'
  ) {
    throw new AuthenticationError('session_invalid', SESSION_INVALID);
  }
  return {
    kind: 'user',
    userId: found.user.id,
    tenantId: found.session.tenantId,
    tenantKind: found.tenantKind,
    roles: rolesInForce(found.roleAssignments, now),
    sessionId: found.session.id,
    apiTokenId: null,
    scopes: null,
  };
}

/**
 * The actor behind a partner's API token: its owner's roles, narrowed to the token's scopes. The secret is
 * compared with the stored SHA-256 in constant time; unknown, revoked and expired tokens look the same.
 *
 * @throws AuthenticationError `session_invalid`
 */
export async function actorForApiToken(
  services: IdentityServices,
  presented: { readonly tokenId: string; readonly secret: string },
): Promise<UserActor> {
  const now = services.now();
  return services.unitOfWork.run(async (repositories) => {
    const token = await repositories.identity.findApiToken(presented.tokenId);
    if (
      token === undefined ||
      !apiTokenSecretMatches(presented.secret, token.secretHash) ||
      token.revokedAt !== null ||
      token.expiresAt.getTime() <= now.getTime()
    ) {
      throw new AuthenticationError('session_invalid', 'the API token is not valid');
    }
    const user = await repositories.identity.findUser(token.userId);
    const tenantKind = await repositories.identity.tenantKind(token.tenantId);
    if (user?.status !== 'active' || tenantKind === undefined) {
      throw new AuthenticationError('session_invalid', 'the API token is not valid');
    }
    await repositories.identity.touchApiToken(token.id, now);
    return {
      kind: 'user',
      userId: user.id,
      tenantId: token.tenantId,
      tenantKind,
      roles: rolesInForce(await repositories.identity.listRoleAssignments(user.id), now),
      sessionId: null,
      apiTokenId: token.id,
      scopes: token.scopes,
    };
  });
}
