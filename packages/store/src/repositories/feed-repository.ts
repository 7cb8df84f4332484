import { createHash } from 'node:crypto';
import { sql, type Kysely, type Selectable } from 'kysely';
import type {
  Advisory,
  EpssScore,
  FeedCounts,
  FeedRepository,
  FeedRun,
  KevEntry,
  StoredAdvisory,
  UpsertCounts,
} from '@carapace/domain';
import type { AdvisoriesTable, Database, FeedRunsTable, KevEntriesTable } from '../schema.js';

/** Rows per advisory/KEV statement (about 15 parameters a row, far under PostgreSQL's 65,535). */
const RECORD_BATCH = 1000;
/** EPSS rows per statement: three arrays, whatever their length. */
const SCORE_BATCH = 20_000;

function digest(value: unknown): string {
  return createHash('sha256').update(JSON.stringify(value)).digest('hex');
}

function countsOf(rows: readonly { inserted: boolean }[], total: number): UpsertCounts {
  const added = rows.filter((row) => row.inserted).length;
  const changed = rows.length - added;
  return { added, changed, unchanged: total - added - changed };
}

function sum(a: UpsertCounts, b: UpsertCounts): UpsertCounts {
  return { added: a.added + b.added, changed: a.changed + b.changed, unchanged: a.unchanged + b.unchanged };
}

const NONE: UpsertCounts = { added: 0, changed: 0, unchanged: 0 };

/** The last occurrence of each key wins: one statement may not touch a row twice. */
function lastByKey<T>(items: readonly T[], key: (item: T) => string): T[] {
  return [...new Map(items.map((item) => [key(item), item])).values()];
}

function toFeedRun(row: Selectable<FeedRunsTable>): FeedRun {
  return { ...row };
}

function toAdvisory(row: Selectable<AdvisoriesTable>): StoredAdvisory {
  return {
    id: row.id,
    source: row.source,
    aliases: row.aliases,
    aliasGroup: row.aliasGroup,
    summary: row.summary,
    details: row.details,
    published: row.publishedAt?.toISOString(),
    modified: row.modifiedAt?.toISOString(),
    withdrawn: row.withdrawnAt?.toISOString(),
    affected: row.affected,
    severity: row.severity,
    references: row.referenceUrls,
  };
}

function isoDate(value: Date | string | null): string | undefined {
  if (value === null) return undefined;
  return typeof value === 'string' ? value.slice(0, 10) : value.toISOString().slice(0, 10);
}

function toKevEntry(row: Selectable<KevEntriesTable>): KevEntry {
  return {
    cveId: row.cveId,
    vendorProject: row.vendorProject,
    product: row.product,
    vulnerabilityName: row.vulnerabilityName,
    dateAdded: isoDate(row.dateAdded) ?? '',
    dueDate: isoDate(row.dueDate),
    shortDescription: row.shortDescription,
    knownRansomwareUse: row.knownRansomwareUse,
    cwes: row.cwes,
  };
}

/** The public feeds through Kysely. Written only in the platform scope; tenants may read (grants). */
export class KyselyFeedRepository implements FeedRepository {
  constructor(private readonly db: Kysely<Database>) {}

  async startFeedRun(run: FeedRun): Promise<void> {
    await this.db.insertInto('feedRuns').values(run).execute();
  }

  async finishFeedRun(
    id: string,
    outcome: FeedCounts & {
      readonly status: 'succeeded' | 'failed';
      readonly finishedAt: Date;
      readonly sourceVersion: string | null;
      readonly error: string | null;
    },
  ): Promise<void> {
    await this.db.updateTable('feedRuns').set(outcome).where('id', '=', id).execute();
  }

  async listFeedRuns(limit: number): Promise<readonly FeedRun[]> {
    const rows = await this.db
      .selectFrom('feedRuns')
      .selectAll()
      .orderBy('startedAt', 'desc')
      .limit(Math.min(limit, 1000))
      .execute();
    return rows.map(toFeedRun);
  }

  async upsertAdvisories(advisories: readonly Advisory[], runId: string): Promise<UpsertCounts> {
    let counts = NONE;
    for (let start = 0; start < advisories.length; start += RECORD_BATCH) {
      const batch = lastByKey(advisories.slice(start, start + RECORD_BATCH), (advisory) => advisory.id);
      const rows = await this.db
        .insertInto('advisories')
        .values(
          batch.map((advisory) => ({
            id: advisory.id,
            source: advisory.source,
            aliases: [...advisory.aliases],
            // Until the import regroups aliases, an advisory is its own group.
            aliasGroup: advisory.id,
            summary: advisory.summary,
            details: advisory.details,
            publishedAt: advisory.published === undefined ? null : new Date(advisory.published),
            modifiedAt: advisory.modified === undefined ? null : new Date(advisory.modified),
            withdrawnAt: advisory.withdrawn === undefined ? null : new Date(advisory.withdrawn),
            affected: JSON.stringify(advisory.affected),
            severity: JSON.stringify(advisory.severity),
            referenceUrls: JSON.stringify(advisory.references),
            contentHash: digest(advisory),
            firstRunId: runId,
            lastChangedRunId: runId,
          })),
        )
        .onConflict((conflict) =>
          conflict
            .column('id')
            .doUpdateSet((eb) => ({
              source: eb.ref('excluded.source'),
              aliases: eb.ref('excluded.aliases'),
              summary: eb.ref('excluded.summary'),
              details: eb.ref('excluded.details'),
              publishedAt: eb.ref('excluded.publishedAt'),
              modifiedAt: eb.ref('excluded.modifiedAt'),
              withdrawnAt: eb.ref('excluded.withdrawnAt'),
              affected: eb.ref('excluded.affected'),
              severity: eb.ref('excluded.severity'),
              referenceUrls: eb.ref('excluded.referenceUrls'),
              contentHash: eb.ref('excluded.contentHash'),
              lastChangedRunId: eb.ref('excluded.lastChangedRunId'),
            }))
            .where(sql<boolean>`advisories.content_hash <> excluded.content_hash`),
        )
        .returning(sql<boolean>`xmax = 0`.as('inserted'))
        .execute();
      counts = sum(counts, countsOf(rows, batch.length));
    }
    return counts;
  }

  async listAliasEdges(): Promise<
    readonly { readonly id: string; readonly aliases: readonly string[]; readonly aliasGroup: string }[]
  > {
    return this.db.selectFrom('advisories').select(['id', 'aliases', 'aliasGroup']).execute();
  }

  async setAliasGroups(groups: ReadonlyMap<string, string>): Promise<void> {
    const ids = [...groups.keys()];
    for (let start = 0; start < ids.length; start += SCORE_BATCH) {
      const slice = ids.slice(start, start + SCORE_BATCH);
      await sql`
        update advisories set alias_group = incoming.alias_group
        from unnest(${slice}::text[], ${slice.map((id) => groups.get(id) ?? id)}::text[]) as incoming(id, alias_group)
        where advisories.id = incoming.id and advisories.alias_group <> incoming.alias_group`.execute(
        this.db,
      );
    }
  }

  async listActiveAdvisories(): Promise<readonly StoredAdvisory[]> {
    const rows = await this.db
      .selectFrom('advisories')
      .selectAll()
      .where('withdrawnAt', 'is', null)
      .execute();
    return rows.map(toAdvisory);
  }

  async advisoriesVersion(): Promise<string> {
    const row = await sql<{ version: string }>`
      select coalesce((select max(finished_at) from feed_runs where feed in ('osv', 'nodejs-security-wg', 'victims'))::text, 'none')
        || ':' || (select count(*) from advisories)::text as version`.execute(this.db);
    return row.rows[0]?.version ?? 'none';
  }

  async upsertKevEntries(entries: readonly KevEntry[], runId: string): Promise<UpsertCounts> {
    let counts = NONE;
    for (let start = 0; start < entries.length; start += RECORD_BATCH) {
      const batch = lastByKey(entries.slice(start, start + RECORD_BATCH), (entry) => entry.cveId);
      const rows = await this.db
        .insertInto('kevEntries')
        .values(
          batch.map((entry) => ({
            cveId: entry.cveId,
            vendorProject: entry.vendorProject,
            product: entry.product,
            vulnerabilityName: entry.vulnerabilityName,
            dateAdded: entry.dateAdded,
            dueDate: entry.dueDate ?? null,
            shortDescription: entry.shortDescription,
            knownRansomwareUse: entry.knownRansomwareUse,
            cwes: [...entry.cwes],
            contentHash: digest(entry),
            lastChangedRunId: runId,
            withdrawnAt: null,
          })),
        )
        .onConflict((conflict) =>
          conflict
            .column('cveId')
            .doUpdateSet((eb) => ({
              vendorProject: eb.ref('excluded.vendorProject'),
              product: eb.ref('excluded.product'),
              vulnerabilityName: eb.ref('excluded.vulnerabilityName'),
              dateAdded: eb.ref('excluded.dateAdded'),
              dueDate: eb.ref('excluded.dueDate'),
              shortDescription: eb.ref('excluded.shortDescription'),
              knownRansomwareUse: eb.ref('excluded.knownRansomwareUse'),
              cwes: eb.ref('excluded.cwes'),
              contentHash: eb.ref('excluded.contentHash'),
              lastChangedRunId: eb.ref('excluded.lastChangedRunId'),
              withdrawnAt: null,
            }))
            .where(
              sql<boolean>`kev_entries.content_hash <> excluded.content_hash or kev_entries.withdrawn_at is not null`,
            ),
        )
        .returning(sql<boolean>`xmax = 0`.as('inserted'))
        .execute();
      counts = sum(counts, countsOf(rows, batch.length));
    }
    return counts;
  }

  async withdrawKevEntriesExcept(cveIds: readonly string[], at: Date): Promise<number> {
    const result = await sql`
      update kev_entries set withdrawn_at = ${at}
      where withdrawn_at is null and not (cve_id = any(${[...cveIds]}::text[]))`.execute(this.db);
    return Number(result.numAffectedRows ?? 0);
  }

  async listKevEntries(): Promise<readonly KevEntry[]> {
    const rows = await this.db
      .selectFrom('kevEntries')
      .selectAll()
      .where('withdrawnAt', 'is', null)
      .execute();
    return rows.map(toKevEntry);
  }

  async findKevEntries(cveIds: readonly string[]): Promise<readonly KevEntry[]> {
    if (cveIds.length === 0) return [];
    const rows = await this.db
      .selectFrom('kevEntries')
      .selectAll()
      .where('cveId', '=', sql<string>`any(${[...cveIds]}::text[])`)
      .where('withdrawnAt', 'is', null)
      .execute();
    return rows.map(toKevEntry);
  }

  async upsertEpssScores(scores: readonly EpssScore[], runId: string): Promise<UpsertCounts> {
    let counts = NONE;
    for (let start = 0; start < scores.length; start += SCORE_BATCH) {
      const batch = lastByKey(scores.slice(start, start + SCORE_BATCH), (score) => score.cveId);
      const result = await sql<{ added: string; changed: string }>`
        with upserted as (
          insert into epss_scores (cve_id, probability, percentile, last_changed_run_id)
          select incoming.cve_id, incoming.probability, incoming.percentile, ${runId}::uuid
          from unnest(${batch.map((score) => score.cveId)}::text[], ${batch.map((score) => score.probability)}::float8[],
            ${batch.map((score) => score.percentile)}::float8[]) as incoming(cve_id, probability, percentile)
          on conflict (cve_id) do update
            set probability = excluded.probability, percentile = excluded.percentile,
              last_changed_run_id = excluded.last_changed_run_id
            where (epss_scores.probability, epss_scores.percentile)
              is distinct from (excluded.probability, excluded.percentile)
          returning (xmax = 0) as inserted
        )
        select count(*) filter (where inserted) as added, count(*) filter (where not inserted) as changed
        from upserted`.execute(this.db);
      const added = Number(result.rows[0]?.added ?? 0);
      const changed = Number(result.rows[0]?.changed ?? 0);
      counts = sum(counts, { added, changed, unchanged: batch.length - added - changed });
    }
    return counts;
  }

  async findEpssScores(cveIds: readonly string[]): Promise<readonly EpssScore[]> {
    if (cveIds.length === 0) return [];
    return this.db
      .selectFrom('epssScores')
      .select(['cveId', 'probability', 'percentile'])
      .where('cveId', '=', sql<string>`any(${[...cveIds]}::text[])`)
      .execute();
  }
}
