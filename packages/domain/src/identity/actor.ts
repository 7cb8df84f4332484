import type { OrganisationKind } from '../organisations/organisation.js';
import type { Role } from './roles.js';

/** A signed-in person, or a partner's program acting through an API token on a person's behalf. */
export interface UserActor {
  readonly kind: 'user';
  readonly userId: string;
  readonly tenantId: string;
  readonly tenantKind: OrganisationKind;
  /** Standing roles plus unexpired time-boxed grants, as of the request. */
  readonly roles: readonly Role[];
  readonly sessionId: string | null;
  readonly apiTokenId: string | null;
  /** An API token's scopes (access-rule actions); null for a session, which the roles alone limit. */
  readonly scopes: readonly string[] | null;
}

/**
 * The platform itself: migrations, demo data, sign-in before a tenant is known, the audit verifier. It is
 * never reachable from a request's credentials.
 */
export interface SystemActor {
  readonly kind: 'system';
  readonly component: string;
}

export type Actor = UserActor | SystemActor;

/** Who is acting, for what, under which approval: the context every unit of work's audit records carry. */
export interface AccessContext {
  readonly actor: Actor;
  /** Why the data is touched: the operation (`underwriting.quote.bind`) or a job's name. */
  readonly purpose: string;
  readonly requestId: string | null;
  /** An approved data-access request that this work relies on (unmask, export, bulk query, break-glass). */
  readonly approvalId: string | null;
}

export function systemContext(component: string, purpose: string = component): AccessContext {
  return { actor: { kind: 'system', component }, purpose, requestId: null, approvalId: null };
}

/** The id written into audit records: a user's id, or `system:<component>`. */
export function actorId(actor: Actor): string {
  return actor.kind === 'user' ? actor.userId : `system:${actor.component}`;
}
