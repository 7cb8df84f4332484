import { sql } from 'kysely';
import { expect, it } from 'vitest';
import { DATA_CLASSIFICATION } from '@carapace/domain';
import { describeEachDatabase } from './testing/describe-each-database.js';

describeEachDatabase('data classification registry (REQ-CLS-1)', ({ handle }) => {
  it('tags every column of every table, and no column that does not exist', async () => {
    const result = await sql<{ tableName: string; columnName: string }>`
      select table_name, column_name from information_schema.columns
      where table_schema = 'public' order by table_name, ordinal_position`.execute(handle().db);
    const live = new Set(result.rows.map((row) => `${row.tableName}.${row.columnName}`));
    const tagged = new Set(
      Object.entries(DATA_CLASSIFICATION).flatMap(([table, columns]) =>
        Object.keys(columns).map((column) => `${table}.${column}`),
      ),
    );
    const untagged = [...live].filter((column) => !tagged.has(column));
    const stale = [...tagged].filter((column) => !live.has(column));
    expect(untagged, 'columns without a classification tag').toEqual([]);
    expect(stale, 'tags for columns that no longer exist').toEqual([]);
  });
});
