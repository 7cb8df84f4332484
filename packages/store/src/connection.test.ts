import { sql } from 'kysely';
import { expect, it } from 'vitest';
import { describeEachDatabase } from './testing/describe-each-database.js';

describeEachDatabase('database connection', ({ handle }) => {
  it('answers a query', async () => {
    const result = await sql<{ answer: number }>`select 1 + 1 as answer`.execute(handle().db);
    expect(result.rows).toEqual([{ answer: 2 }]);
  });
});
