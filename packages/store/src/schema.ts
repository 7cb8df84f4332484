import type { ColumnType, Generated } from 'kysely';
import type { OrganisationKind } from '@carapace/domain';

/**
 * The database as Kysely sees it. Columns are snake_case in SQL and camelCase here: the CamelCasePlugin
 * translates (docs/decisions/0002-query-layer-kysely.md).
 */
export interface Database {
  organisations: OrganisationsTable;
  platformSettings: PlatformSettingsTable;
}

export interface OrganisationsTable {
  id: Generated<string>;
  kind: OrganisationKind;
  nameZh: string;
  nameEn: string | null;
  creditCode: string | null;
  createdAt: ColumnType<Date, never, never>;
  registrationSeq: ColumnType<string, never, never>;
}

export interface PlatformSettingsTable {
  key: string;
  value: ColumnType<unknown, string, string>;
  updatedAt: ColumnType<Date, never, Date>;
}
