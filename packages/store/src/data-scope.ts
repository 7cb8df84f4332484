import { sql, type RawBuilder, type SqlBool } from 'kysely';

/**
 * Whose data a unit of work may touch. A tenant scope is what every request runs in: Row-Level Security in
 * the database and the same filter in each repository's queries (two independent locks on one door). The
 * platform scope is for the operator's own jobs (migrations, demo data, sign-in before a tenant is known,
 * the audit verifier) and is never reachable from a request's credentials.
 */
export type DataScope =
  { readonly kind: 'tenant'; readonly tenantId: string } | { readonly kind: 'platform' };

export const PLATFORM_SCOPE: DataScope = { kind: 'platform' };

/** A repository was asked to write a row its tenant could not read: a use case skipped a check. */
export class TenantIsolationError extends Error {
  override readonly name = 'TenantIsolationError';
}

/**
 * The rows of a table carrying insurer_id, organisation_id and broker_id that the scope may see: those where
 * the tenant is the insurer, the insured company or the broker. `table` qualifies the columns when the
 * query joins.
 */
export function underwritingPartiesInclude(scope: DataScope, table?: string): RawBuilder<SqlBool> {
  if (scope.kind === 'platform') return sql<SqlBool>`true`;
  const column = (name: string) => (table === undefined ? sql.ref(name) : sql.ref(`${table}.${name}`));
  return sql<SqlBool>`${scope.tenantId}::uuid in (${column('insurer_id')}, ${column('organisation_id')}, ${column('broker_id')})`;
}

/** The rows of a table with a tenant_id column that the scope may see. */
export function ownedByTenant(scope: DataScope, table?: string): RawBuilder<SqlBool> {
  if (scope.kind === 'platform') return sql<SqlBool>`true`;
  const column = table === undefined ? sql.ref('tenant_id') : sql.ref(`${table}.tenant_id`);
  return sql<SqlBool>`${column} = ${scope.tenantId}::uuid`;
}

/** True when a row with these parties is one the scope may see. */
export function scopeSeesParties(
  scope: DataScope,
  parties: { readonly insurerId: string; readonly organisationId: string; readonly brokerId: string | null },
): boolean {
  return (
    scope.kind === 'platform' ||
    scope.tenantId === parties.insurerId ||
    scope.tenantId === parties.organisationId ||
    scope.tenantId === parties.brokerId
  );
}

export function requireScopeSeesParties(
  scope: DataScope,
  parties: { readonly insurerId: string; readonly organisationId: string; readonly brokerId: string | null },
  what: string,
): void {
  if (!scopeSeesParties(scope, parties)) {
    throw new TenantIsolationError(`refused to write a ${what} outside the tenant's own records`);
  }
}
