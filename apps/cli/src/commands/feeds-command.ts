import { InvalidArgumentError, type Command } from 'commander';
import {
  createMonitoringServices,
  loadKeyring,
  loadProductCatalogue,
  openConfiguredDatabase,
  personalDataProtectionFor,
} from '@carapace/api';
import {
  createLossSimulator,
  FEED_KINDS,
  importFeed,
  rescanAllInsureds,
  systemContext,
  type FeedCounts,
  type FeedImportOutcome,
  type FeedKind,
  type FeedRun,
} from '@carapace/domain';
import {
  createUnitOfWork,
  createUnitOfWorkFactory,
  migrateToLatest,
  migrationStatus,
  MigrationError,
} from '@carapace/store';
import { commandLogger, configFrom, type CliIo } from '../cli-context.js';
import { openFeed, type OpenedFeed } from '../feed-source.js';
import { renderProgressLine } from '../progress-line.js';

/** How many rejected records the summary names (the run keeps more; the rest are counted). */
const PROBLEMS_SHOWN = 10;
/** Without a known size, a plain progress line every this many records. */
const RECORDS_PER_PLAIN_LINE = 100_000;

function parseFeedKind(value: string): FeedKind {
  const kind = FEED_KINDS.find((known) => known === value);
  if (kind === undefined) throw new InvalidArgumentError(`expected one of ${FEED_KINDS.join(', ')}`);
  return kind;
}

function parseRunCount(value: string): number {
  const number = Number(value);
  if (!Number.isSafeInteger(number) || number < 1 || number > 1000) {
    throw new InvalidArgumentError('expected a whole number from 1 to 1000');
  }
  return number;
}

const number = (value: number): string => value.toLocaleString('en-US');

export function countsLine(counts: FeedCounts): string {
  return (
    `${number(counts.recordsRead)} read: ${number(counts.added)} added, ${number(counts.changed)} changed, ` +
    `${number(counts.unchanged)} unchanged, ${number(counts.withdrawn)} withdrawn, ` +
    `${number(counts.rejected)} rejected, ${number(counts.skipped)} skipped`
  );
}

/** Redraws one line on a terminal; elsewhere prints a plain line now and then (CI logs stay short). */
function progressReporter(io: CliIo, feed: OpenedFeed) {
  let drawn = false;
  let nextPlainPercent = 25;
  let nextPlainRecords = RECORDS_PER_PLAIN_LINE;
  return {
    report(counts: FeedCounts): void {
      const total = feed.totalBytes;
      if (io.stderrIsTty) {
        const position =
          total === undefined
            ? `${number(Math.round(feed.bytesRead() / 1024))} KiB`
            : renderProgressLine(Math.round(feed.bytesRead() / 1024), Math.round(total / 1024), 'KiB');
        io.stderrRaw(`\r${position}  ${number(counts.recordsRead)} records`);
        drawn = true;
        return;
      }
      if (total !== undefined) {
        const percent = Math.floor((100 * feed.bytesRead()) / Math.max(total, 1));
        if (percent < nextPlainPercent) return;
        nextPlainPercent = (Math.floor(percent / 25) + 1) * 25;
        io.stderr(`read ${String(Math.min(percent, 100))}%: ${number(counts.recordsRead)} records`);
      } else if (counts.recordsRead >= nextPlainRecords) {
        nextPlainRecords =
          (Math.floor(counts.recordsRead / RECORDS_PER_PLAIN_LINE) + 1) * RECORDS_PER_PLAIN_LINE;
        io.stderr(`read ${number(counts.recordsRead)} records`);
      }
    },
    finish(): void {
      if (drawn) io.stderrRaw('\n');
    },
  };
}

function printSummary(io: CliIo, outcome: FeedImportOutcome): void {
  const { run } = outcome;
  const seconds = run.finishedAt === null ? 0 : (run.finishedAt.getTime() - run.startedAt.getTime()) / 1000;
  io.stdout(`imported ${run.feed} from ${run.location} in ${seconds.toFixed(1)} s`);
  io.stdout(`  ${countsLine(run)}`);
  if (run.sourceVersion !== null) io.stdout(`  source version: ${run.sourceVersion}`);
  if (outcome.regrouped > 0) io.stdout(`  alias groups re-keyed: ${number(outcome.regrouped)}`);
  if (outcome.problems.length > 0) {
    io.stdout(`  first rejected records:`);
    for (const problem of outcome.problems.slice(0, PROBLEMS_SHOWN)) {
      io.stdout(
        `    line ${String(problem.line)}${problem.id === undefined ? '' : ` ${problem.id}`}: ${problem.reason}`,
      );
    }
    if (run.rejected > PROBLEMS_SHOWN) io.stdout(`    … and ${number(run.rejected - PROBLEMS_SHOWN)} more`);
  }
}

function statusLine(feed: FeedKind, last: FeedRun | undefined, lastSuccess: FeedRun | undefined): string[] {
  if (last === undefined) return [`${feed.padEnd(18)} never imported`];
  const when = (run: FeedRun) => (run.finishedAt ?? run.startedAt).toISOString();
  const lines = [
    `${feed.padEnd(18)} ${last.status.padEnd(9)} ${when(last)}  ${countsLine(last)}` +
      (last.sourceVersion === null ? '' : `  (version ${last.sourceVersion})`),
    `${''.padEnd(18)} from ${last.location}`,
  ];
  if (last.error !== null) lines.push(`${''.padEnd(18)} error: ${last.error}`);
  if (last.status !== 'succeeded') {
    lines.push(
      `${''.padEnd(18)} last success: ${lastSuccess === undefined ? 'never' : `${when(lastSuccess)} (${lastSuccess.location})`}`,
    );
  }
  return lines;
}

export function registerFeedsCommand(program: Command, io: CliIo): void {
  const feeds = program
    .command('feeds')
    .description('vulnerability feeds for monitoring: OSV, CISA KEV, FIRST EPSS / 漏洞情报源');

  feeds
    .command('import')
    .description(
      'import a feed from a file (offline) or an http(s) URL; a re-import changes nothing / 导入漏洞情报',
    )
    .argument('<feed>', `the feed's format: ${FEED_KINDS.join(', ')}`, parseFeedKind)
    .argument('<file-or-url>', 'a local file, or an http(s) URL to download (streamed)')
    .option('--rescan', 'then rescan every monitored insured against the updated feeds')
    .action(async (feed: FeedKind, location: string, options: { rescan?: boolean }) => {
      const config = configFrom(io);
      const logger = commandLogger(config, io);
      // Refuse a missing file or a failed download before touching the database.
      const source = await openFeed(location, io.workingDirectory);
      const catalogue = options.rescan === true ? await loadProductCatalogue(config.catalogueDir) : undefined;
      const database = await openConfiguredDatabase(config, logger);
      try {
        await migrateToLatest(database.db);
        const unitOfWorkFor = createUnitOfWorkFactory(database.db);
        const progress = progressReporter(io, source);
        let outcome: FeedImportOutcome;
        try {
          outcome = await importFeed(
            unitOfWorkFor,
            systemContext('cli', 'feed.import'),
            feed,
            { location: source.location, chunks: source.chunks },
            () => new Date(),
            (counts) => {
              progress.report(counts);
            },
          );
        } finally {
          progress.finish();
        }
        printSummary(io, outcome);
        if (catalogue === undefined) return;
        const keyring = await loadKeyring(config, logger);
        const services = createMonitoringServices({
          protection: personalDataProtectionFor(config.keyDir, keyring),
          underwriting: { catalogue, simulate: createLossSimulator() },
          clock: () => new Date(),
        });
        const rescan = await rescanAllInsureds(unitOfWorkFor, services, `feed ${feed} imported`);
        const sum = (pick: (outcome: (typeof rescan.outcomes)[number]) => number) =>
          rescan.outcomes.reduce((total, item) => total + pick(item), 0);
        io.stdout(
          `rescanned ${String(rescan.outcomes.length)} insured(s): ${number(sum((item) => item.newFindings))} new ` +
            `finding(s), ${number(sum((item) => item.reopened))} reopened, ${number(sum((item) => item.resolved))} ` +
            `resolved, ${number(sum((item) => item.alertsRaised))} alert(s) raised`,
        );
        for (const failure of rescan.failures) {
          io.stdout(`  rescan of ${failure.id} failed: ${failure.error}`);
        }
        if (rescan.failures.length > 0) {
          logger.warn({ failures: rescan.failures.length }, 'some insureds were not rescanned');
        }
      } finally {
        await database.close();
      }
    });

  feeds
    .command('status')
    .description("each feed's last import and the latest runs / 漏洞情报源状态")
    .option('-n, --runs <count>', 'also list this many latest runs', parseRunCount)
    .option('--json', 'print the runs as JSON')
    .action(async (options: { runs?: number; json?: boolean }) => {
      const config = configFrom(io);
      const database = await openConfiguredDatabase(config, commandLogger(config, io));
      try {
        // A status read does not change the schema: an unmigrated database is reported, not migrated.
        const schema = await migrationStatus(database.db);
        if (!schema.current) {
          throw new MigrationError(
            `the database schema is not current (pending: ${schema.pending.join(', ') || 'none'}); run carapace migrate`,
          );
        }
        const runs = await createUnitOfWork(database.db, 'cli').run(({ feeds: repository }) =>
          repository.listFeedRuns(Math.max(200, options.runs ?? 0)),
        );
        if (options.json === true) {
          io.stdout(JSON.stringify(runs.slice(0, options.runs ?? runs.length), null, 2));
          return;
        }
        for (const kind of FEED_KINDS) {
          const last = runs.find((run) => run.feed === kind);
          const lastSuccess = runs.find((run) => run.feed === kind && run.status === 'succeeded');
          for (const line of statusLine(kind, last, lastSuccess)) io.stdout(line);
        }
        if (options.runs !== undefined) {
          io.stdout('latest runs:');
          for (const run of runs.slice(0, options.runs)) {
            io.stdout(
              `  ${run.startedAt.toISOString()}  ${run.feed.padEnd(18)} ${run.status.padEnd(9)} ${countsLine(run)}`,
            );
          }
        }
      } finally {
        await database.close();
      }
    });
}
