import { sql } from 'kysely';
import type { DatabaseHandle } from '../connection.js';

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
