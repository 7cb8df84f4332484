import { sql } from 'kysely';
import type { DatabaseHandle } from '../connection.js';
import { enterScope } from '../unit-of-work.js';

/**
 * Runs one SQL statement as the connection's own user, bypassing every repository: what someone with
 * direct database access could do. For tests that prove such access is caught (an edited audit record) or
 * blocked (a trigger refusing it). Never used by the product.
 */
export async function runRawSql<Row = Record<string, unknown>>(
  database: DatabaseHandle,
  statement: string,
): Promise<Row[]> {
  const result = await sql.raw<Row>(statement).execute(database.db);
  return result.rows;
}

/**
 * Runs one SQL statement in a tenant's Row-Level Security scope and nothing else: no repository filter.
 * For tests that prove the database alone keeps tenants apart.
 */
export async function runRawSqlAsTenant<Row = Record<string, unknown>>(
  database: DatabaseHandle,
  tenantId: string,
  statement: string,
): Promise<Row[]> {
  // The very scope switch every unit of work makes, so this proves what requests actually run under.
  return database.db.transaction().execute(async (transaction) => {
    await enterScope(transaction, { kind: 'tenant', tenantId });
    return (await sql.raw<Row>(statement).execute(transaction)).rows;
  });
}
