import { sql, type Kysely } from 'kysely';

// Migrations take Kysely<unknown>: they describe the schema at their own point in history, not today's types.

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('platform_settings')
    .addColumn('key', 'text', (column) => column.primaryKey())
    .addColumn('value', 'jsonb', (column) => column.notNull())
    .addColumn('updated_at', 'timestamptz', (column) => column.notNull().defaultTo(sql`now()`))
    .execute();

  await db.schema
    .createTable('organisations')
    .addColumn('id', 'uuid', (column) => column.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('kind', 'text', (column) =>
      column.notNull().check(sql`kind in ('insurer', 'broker', 'insured', 'security_partner')`),
    )
    .addColumn('name_zh', 'text', (column) => column.notNull().check(sql`length(name_zh) between 1 and 200`))
    .addColumn('name_en', 'text', (column) => column.check(sql`length(name_en) between 1 and 200`))
    .addColumn('credit_code', 'text', (column) =>
      column.unique().check(sql`credit_code ~ '^[0-9A-HJ-NP-RTUW-Y]{18}$'`),
    )
    .addColumn('created_at', 'timestamptz', (column) => column.notNull().defaultTo(sql`now()`))
    // Timestamps tie within a transaction (and PGlite's clock is coarse), so listing order comes from here.
    .addColumn('registration_seq', 'bigint', (column) =>
      column.notNull().generatedAlwaysAsIdentity().unique(),
    )
    .addUniqueConstraint('organisations_kind_name_zh_key', ['kind', 'name_zh'])
    .execute();

  await db.schema
    .createIndex('organisations_kind_registration_seq_idx')
    .on('organisations')
    .columns(['kind', 'registration_seq'])
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('organisations').execute();
  await db.schema.dropTable('platform_settings').execute();
}
