import type { Advisory, EpssScore, KevEntry } from './advisory.js';

export const FEED_KINDS = ['osv', 'nodejs-security-wg', 'victims', 'kev', 'epss'] as const;
export type FeedKind = (typeof FEED_KINDS)[number];

export interface FeedCounts {
  readonly recordsRead: number;
  readonly added: number;
  readonly changed: number;
  readonly unchanged: number;
  readonly withdrawn: number;
  readonly rejected: number;
  /** Records of ecosystems we do not match, or otherwise out of scope. */
  readonly skipped: number;
}

export interface FeedRun extends FeedCounts {
  readonly id: string;
  readonly feed: FeedKind;
  /** The file path or URL the operator named. */
  readonly location: string;
  readonly status: 'running' | 'succeeded' | 'failed';
  readonly startedAt: Date;
  readonly finishedAt: Date | null;
  readonly startedBy: string;
  /** The source's own version: KEV catalogVersion, EPSS score date or model version. */
  readonly sourceVersion: string | null;
  readonly error: string | null;
}

export interface UpsertCounts {
  readonly added: number;
  readonly changed: number;
  readonly unchanged: number;
}

/** An advisory with the alias group it belongs to, as the matcher loads it. */
export interface StoredAdvisory extends Advisory {
  readonly aliasGroup: string;
}

/**
 * Port: the public vulnerability feeds (advisories, KEV, EPSS) and the record of each import. Shared by all
 * tenants; only the platform writes it.
 */
export interface FeedRepository {
  startFeedRun(run: FeedRun): Promise<void>;
  finishFeedRun(
    id: string,
    outcome: FeedCounts & {
      readonly status: 'succeeded' | 'failed';
      readonly finishedAt: Date;
      readonly sourceVersion: string | null;
      readonly error: string | null;
    },
  ): Promise<void>;
  listFeedRuns(limit: number): Promise<readonly FeedRun[]>;

  /** Idempotent: an advisory whose content did not change is counted unchanged and not written. */
  upsertAdvisories(advisories: readonly Advisory[], runId: string): Promise<UpsertCounts>;
  /** Every advisory's id and aliases, to regroup aliases after an import. */
  listAliasEdges(): Promise<
    readonly { readonly id: string; readonly aliases: readonly string[]; readonly aliasGroup: string }[]
  >;
  setAliasGroups(groups: ReadonlyMap<string, string>): Promise<void>;
  /** Every advisory not withdrawn, for the matcher. */
  listActiveAdvisories(): Promise<readonly StoredAdvisory[]>;
  advisoriesVersion(): Promise<string>;

  upsertKevEntries(entries: readonly KevEntry[], runId: string): Promise<UpsertCounts>;
  /** Marks entries absent from the latest catalogue as withdrawn; returns how many were. */
  withdrawKevEntriesExcept(cveIds: readonly string[], at: Date): Promise<number>;
  listKevEntries(): Promise<readonly KevEntry[]>;
  findKevEntries(cveIds: readonly string[]): Promise<readonly KevEntry[]>;

  upsertEpssScores(scores: readonly EpssScore[], runId: string): Promise<UpsertCounts>;
  findEpssScores(cveIds: readonly string[]): Promise<readonly EpssScore[]>;
}
