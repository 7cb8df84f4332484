import type { AccessContext } from '../identity/actor.js';
import { actorId } from '../identity/actor.js';
import { requirePermission } from '../identity/access-rules.js';
import type { UnitOfWorkFactory } from '../platform/unit-of-work.js';
import { RuleViolationError } from '../shared/domain-error.js';
import type { Advisory, EpssScore } from './advisory.js';
import type { FeedCounts, FeedKind, FeedRun, UpsertCounts } from './feed-repository.js';
import {
  readAdvisoryFeed,
  readEpssCsv,
  readKevCatalogue,
  groupAliases,
  FeedFormatError,
} from './feeds/index.js';
import { MONITORING_ACCESS_RULES } from './monitoring-access-rules.js';
import { RANGE_CONVERTERS } from './range-converters.js';

/** Where a feed's text comes from: a file or a URL the operator named, read as a stream of text chunks. */
export interface FeedSource {
  readonly location: string;
  readonly chunks: AsyncIterable<string>;
}

export interface FeedProblem {
  readonly line: number;
  readonly id: string | undefined;
  readonly reason: string;
}

export interface FeedImportOutcome {
  readonly run: FeedRun;
  /** The first rejected records (line, id, reason), for the operator to look at. */
  readonly problems: readonly FeedProblem[];
  /** Alias groups whose key changed because a new alias joined two groups; findings were re-keyed. */
  readonly regrouped: number;
}

export type FeedProgress = (counts: FeedCounts) => void;

const ADVISORY_BATCH = 1000;
const PROBLEMS_KEPT = 50;

interface Tally {
  recordsRead: number;
  added: number;
  changed: number;
  unchanged: number;
  withdrawn: number;
  rejected: number;
  skipped: number;
}

function addUpserts(tally: Tally, counts: UpsertCounts): void {
  tally.added += counts.added;
  tally.changed += counts.changed;
  tally.unchanged += counts.unchanged;
}

/**
 * Imports one feed: each batch commits on its own (a 360,000-row EPSS file is not one transaction), upserts
 * are idempotent (a re-import counts everything unchanged), and the run is recorded with its counts whether
 * it succeeds or fails. After advisories, alias groups are recomputed and findings follow their group's key.
 * Only the platform imports feeds: they are shared by every tenant.
 */
export async function importFeed(
  unitOfWorkFor: UnitOfWorkFactory,
  context: AccessContext,
  feed: FeedKind,
  source: FeedSource,
  clock: () => Date,
  onProgress: FeedProgress = () => undefined,
): Promise<FeedImportOutcome> {
  requirePermission(context.actor, MONITORING_ACCESS_RULES, 'feed.import');
  const unitOfWork = unitOfWorkFor(context);
  const tally: Tally = {
    recordsRead: 0,
    added: 0,
    changed: 0,
    unchanged: 0,
    withdrawn: 0,
    rejected: 0,
    skipped: 0,
  };
  const problems: FeedProblem[] = [];
  const run: FeedRun = {
    id: globalThis.crypto.randomUUID(),
    feed,
    location: source.location,
    status: 'running',
    startedAt: clock(),
    finishedAt: null,
    startedBy: actorId(context.actor),
    sourceVersion: null,
    error: null,
    ...tally,
  };
  await unitOfWork.run(({ feeds }) => feeds.startFeedRun(run));
  let sourceVersion: string | null = null;
  let regrouped = 0;
  const problem = (found: FeedProblem) => {
    tally.rejected += 1;
    if (problems.length < PROBLEMS_KEPT) problems.push(found);
  };
  try {
    if (feed === 'kev') {
      let text = '';
      for await (const chunk of source.chunks) text += chunk;
      let json: unknown;
      try {
        json = JSON.parse(text);
      } catch (error) {
        throw new FeedFormatError('KEV catalogue', `not JSON: ${(error as Error).message}`);
      }
      const catalogue = readKevCatalogue(json);
      sourceVersion = catalogue.catalogVersion;
      tally.recordsRead = catalogue.entries.length + catalogue.rejected.length;
      for (const rejection of catalogue.rejected) {
        problem({ line: rejection.index + 1, id: rejection.cveId, reason: rejection.reason });
      }
      await unitOfWork.run(async ({ feeds }) => {
        addUpserts(tally, await feeds.upsertKevEntries(catalogue.entries, run.id));
        tally.withdrawn = await feeds.withdrawKevEntriesExcept(
          catalogue.entries.map((entry) => entry.cveId),
          clock(),
        );
      });
    } else if (feed === 'epss') {
      for await (const event of readEpssCsv(source.chunks)) {
        if (event.kind === 'header') {
          const { modelVersion, scoreDate } = event.header;
          sourceVersion = [modelVersion, scoreDate].filter((part) => part !== undefined).join(' ') || null;
          continue;
        }
        for (const rejection of event.rejected) problem({ ...rejection, id: undefined });
        tally.recordsRead += event.scores.length + event.rejected.length;
        const scores: readonly EpssScore[] = event.scores;
        if (scores.length > 0) {
          const counts = await unitOfWork.run(({ feeds }) => feeds.upsertEpssScores(scores, run.id));
          addUpserts(tally, counts);
          onProgress({ ...tally });
        }
      }
    } else {
      let batch: Advisory[] = [];
      const flush = async () => {
        const advisories = batch;
        batch = [];
        if (advisories.length === 0) return;
        addUpserts(tally, await unitOfWork.run(({ feeds }) => feeds.upsertAdvisories(advisories, run.id)));
        onProgress({ ...tally });
      };
      for await (const item of readAdvisoryFeed(source.chunks, RANGE_CONVERTERS, { format: feed })) {
        tally.recordsRead += 1;
        if (item.kind === 'rejected') problem({ line: item.line, id: item.id, reason: item.reason });
        else if (item.kind === 'skipped') tally.skipped += 1;
        else {
          if (item.advisory.withdrawn !== undefined) tally.withdrawn += 1;
          batch.push(item.advisory);
          if (batch.length >= ADVISORY_BATCH) await flush();
        }
      }
      await flush();
      regrouped = await unitOfWork.run(async ({ feeds, monitoring }) => {
        const edges = await feeds.listAliasEdges();
        const grouping = groupAliases(edges.map((edge) => [edge.id, ...edge.aliases]));
        const changed = new Map<string, string>();
        const rekeyed = new Map<string, string>();
        for (const edge of edges) {
          const group = grouping.keyOf(edge.id) ?? edge.id;
          if (group !== edge.aliasGroup) {
            changed.set(edge.id, group);
            rekeyed.set(edge.aliasGroup, group);
          }
        }
        await feeds.setAliasGroups(changed);
        await monitoring.rekeyFindings([...rekeyed].map(([from, to]) => ({ from, to })));
        return rekeyed.size;
      });
    }
    if (tally.recordsRead > 0 && tally.rejected === tally.recordsRead) {
      throw new FeedFormatError(
        feed,
        `every record was rejected; the first: ${problems[0]?.reason ?? 'unknown'}`,
      );
    }
    const finished = {
      ...tally,
      status: 'succeeded' as const,
      finishedAt: clock(),
      sourceVersion,
      error: null,
    };
    await unitOfWork.run(({ feeds }) => feeds.finishFeedRun(run.id, finished));
    return { run: { ...run, ...finished }, problems, regrouped };
  } catch (error) {
    const message = error instanceof Error ? (error.message.split('\n')[0] ?? 'failed') : String(error);
    const failed = {
      ...tally,
      status: 'failed' as const,
      finishedAt: clock(),
      sourceVersion,
      error: message,
    };
    await unitOfWork.run(({ feeds }) => feeds.finishFeedRun(run.id, failed));
    if (error instanceof FeedFormatError) {
      throw new RuleViolationError('feed_invalid', `${source.location}: ${message}`, 'feed');
    }
    throw error;
  }
}
