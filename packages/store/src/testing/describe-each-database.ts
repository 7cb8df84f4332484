import { afterEach, beforeEach, describe, inject } from 'vitest';
import type { DatabaseHandle } from '../connection.js';
import { TEST_DATABASE_KINDS, openTestDatabase, type TestDatabaseKind } from './test-databases.js';

export interface TestDatabaseContext {
  readonly kind: TestDatabaseKind;
  /** The database of the running test: fresh and fully migrated for every test. */
  readonly handle: () => DatabaseHandle;
}

/**
 * Declares the same tests once per database engine: every database test runs on PGlite and on PostgreSQL.
 * PostgreSQL is skipped only when the global setup found no server outside CI.
 */
export function describeEachDatabase(
  title: string,
  defineTests: (context: TestDatabaseContext) => void,
): void {
  const templates = inject('testDatabaseTemplates');
  for (const kind of TEST_DATABASE_KINDS) {
    const unavailable = kind === 'postgres' && templates.postgres === null;
    describe.skipIf(unavailable)(`${title} [${kind}]`, () => {
      let current: DatabaseHandle | undefined;
      beforeEach(async () => {
        current = await openTestDatabase(kind, templates);
      });
      afterEach(async () => {
        await current?.close();
        current = undefined;
      });
      defineTests({
        kind,
        handle: () => {
          if (current === undefined) throw new Error('the test database is only open inside a test');
          return current;
        },
      });
    });
  }
}
