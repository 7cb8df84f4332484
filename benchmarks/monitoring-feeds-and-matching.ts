/**
 * Continuous monitoring (issue 6): importing every public feed in `../shared/data` and matching a
 * 10,000-component SBOM against every advisory, on the embedded PGlite (temporary data directory) and on
 * PostgreSQL (a scratch database, dropped afterwards). The issue's bars, on the project's 2-core machine:
 * all feeds imported in < 60 s, and the 10,000 components matched in < 1 s.
 *
 * Per engine: migrate; import the feeds in order through `importFeed` (per-feed wall time and counts);
 * import them all again (idempotent: everything unchanged); load the active advisories and build the
 * `AdvisoryIndex`; match the inventory 5 times (median); then upload the inventory through `uploadInventory`
 * (store, rescan, findings, alerts, snapshot in one transaction) as an enrolled insured's policyholder.
 *
 * The inventory is the real Juice Shop and Dependency-Track SBOMs' components plus components generated
 * from the imported advisories' own package names (npm, PyPI, Maven, Go, crates.io) with a seeded generator,
 * so it is the same in every run. 8 % of the generated components take a version from inside an affected
 * range (a version a range or list names, or the one just below a fix); the rest look current (just past the
 * newest fix), and packages with an unfixed advisory appear only among the affected ones. About 9 % of the
 * components then match.
 *
 * Run: npm run bench:monitoring   (BENCH_MATCH_RUNS changes the number of match runs; DATABASE_URL the server)
 */
import { createHash, randomBytes } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import {
  AdvisoryIndex,
  AdvisoryIndexCache,
  enrolInsured,
  importFeed,
  readCycloneDxSbom,
  systemContext,
  uploadInventory,
  type AccessContext,
  type Ecosystem,
  type FeedImportOutcome,
  type FeedKind,
  type InventoryComponent,
  type MonitoringServices,
  type PersonalDataProtection,
  type ReadInventory,
  type Role,
  type StoredAdvisory,
  type UnderwritingServices,
} from '@carapace/domain';
import { Redacted } from '@carapace/security';
import { createUnitOfWorkFactory, migrateToLatest, openDatabase, type DatabaseHandle } from '@carapace/store';

const SHARED_DATA = fileURLToPath(new URL('../../shared/data/', import.meta.url));
const POSTGRES_ADMIN_URL = process.env['DATABASE_URL'] ?? 'postgres://postgres@127.0.0.1:5432/test';
const IMPORT_BAR_MS = 60_000;
const MATCH_BAR_MS = 1_000;
const INVENTORY_SIZE = 10_000;
const MATCH_RUNS = Number(process.env['BENCH_MATCH_RUNS'] ?? 5);
/** The share of generated components given a version from inside an affected range. */
const AFFECTED_SHARE = 0.08;
const INVENTORY_SEED = 0x6361_7261;

/** In the order the issue lists them; the OSV-format files of PyPI, Go and crates.io are kind 'osv'. */
const FEEDS: readonly { readonly kind: FeedKind; readonly file: string }[] = [
  { kind: 'osv', file: 'osv/pypi_pypa.jsonl' },
  { kind: 'osv', file: 'osv/go_vulndb.jsonl' },
  { kind: 'osv', file: 'osv/crates_rustsec.jsonl' },
  { kind: 'nodejs-security-wg', file: 'osv/npm_nodejs_security_wg.jsonl' },
  { kind: 'victims', file: 'osv/maven_victims.jsonl' },
  { kind: 'kev', file: 'kev/known_exploited_vulnerabilities.json' },
  { kind: 'epss', file: 'epss/epss_scores.csv' },
];

const REAL_SBOMS = ['sboms/juice-shop-16.0.0.cdx.json', 'sboms/dependency-track-apiserver-4.5.0.cdx.json'];

function write(text: string): void {
  process.stdout.write(`${text}\n`);
}

function median(values: readonly number[]): number {
  const sorted = [...values].sort((left, right) => left - right);
  return sorted[Math.floor(sorted.length / 2)] ?? Number.NaN;
}

function seconds(durationMs: number): string {
  return (durationMs / 1000).toFixed(2);
}

function peakRssBytes(): number {
  return process.resourceUsage().maxRSS * 1024;
}

function rssMb(bytes: number): string {
  return (bytes / 2 ** 20).toFixed(0);
}

async function timed<T>(work: () => Promise<T>): Promise<{ value: T; durationMs: number }> {
  const started = performance.now();
  const value = await work();
  return { value, durationMs: performance.now() - started };
}

/** Columns padded; the first left-aligned, the rest right-aligned. */
function table(header: readonly string[], rows: readonly (readonly string[])[]): string {
  const widths = header.map((_, column) =>
    Math.max(...[header, ...rows].map((row) => (row[column] ?? '').length)),
  );
  return [header, ...rows]
    .map((row) =>
      row
        .map((cell, column) =>
          column === 0 ? cell.padEnd(widths[column] ?? 0) : cell.padStart(widths[column] ?? 0),
        )
        .join('  '),
    )
    .join('\n');
}

// ---------------------------------------------------------------------------------------------------------
// Feed imports

async function* fileChunks(path: string): AsyncIterable<string> {
  for await (const chunk of createReadStream(path, { encoding: 'utf8', highWaterMark: 1 << 20 })) {
    yield chunk as string;
  }
}

interface FeedTiming {
  readonly file: string;
  readonly durationMs: number;
  readonly outcome: FeedImportOutcome;
}

async function importEveryFeed(handle: DatabaseHandle): Promise<{ feeds: FeedTiming[]; totalMs: number }> {
  const unitOfWorkFor = createUnitOfWorkFactory(handle.db);
  const feeds: FeedTiming[] = [];
  const started = performance.now();
  for (const { kind, file } of FEEDS) {
    const { value: outcome, durationMs } = await timed(() =>
      importFeed(
        unitOfWorkFor,
        systemContext('benchmark', 'feed.import'),
        kind,
        { location: file, chunks: fileChunks(join(SHARED_DATA, file)) },
        () => new Date(),
      ),
    );
    if (outcome.run.status !== 'succeeded') throw new Error(`${file}: import ${outcome.run.status}`);
    feeds.push({ file, durationMs, outcome });
  }
  return { feeds, totalMs: performance.now() - started };
}

function feedTable(pass: { feeds: readonly FeedTiming[]; totalMs: number }): string {
  const rows = pass.feeds.map(({ file, durationMs, outcome: { run } }) => [
    `${file} (${run.feed})`,
    seconds(durationMs),
    String(run.recordsRead),
    String(run.added),
    String(run.changed),
    String(run.unchanged),
    String(run.rejected),
    String(run.skipped),
    String(run.withdrawn),
  ]);
  const total = (pick: (timing: FeedTiming) => number) =>
    String(pass.feeds.reduce((sum, timing) => sum + pick(timing), 0));
  rows.push([
    'total',
    seconds(pass.totalMs),
    total((timing) => timing.outcome.run.recordsRead),
    total((timing) => timing.outcome.run.added),
    total((timing) => timing.outcome.run.changed),
    total((timing) => timing.outcome.run.unchanged),
    total((timing) => timing.outcome.run.rejected),
    total((timing) => timing.outcome.run.skipped),
    total((timing) => timing.outcome.run.withdrawn),
  ]);
  return table(
    ['feed', 's', 'read', 'added', 'changed', 'unchanged', 'rejected', 'skipped', 'withdrawn'],
    rows,
  );
}

// ---------------------------------------------------------------------------------------------------------
// The inventory

/** Mulberry32 (Tommy Ettinger's 32-bit generator): small, seeded, and the same on every platform. */
function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let mixed = state;
    mixed = Math.imul(mixed ^ (mixed >>> 15), mixed | 1);
    mixed ^= mixed + Math.imul(mixed ^ (mixed >>> 7), mixed | 61);
    return ((mixed ^ (mixed >>> 14)) >>> 0) / 4_294_967_296;
  };
}

function pick<T>(items: readonly T[], random: () => number): T {
  const item = items[Math.floor(random() * items.length)];
  if (item === undefined) throw new RangeError('pick: items is empty');
  return item;
}

interface PackageVersions {
  readonly ecosystem: Ecosystem;
  readonly name: string;
  /** Versions a range or an advisory's version list names as affected, and the versions just below a fix. */
  readonly affected: Set<string>;
  readonly fixes: Set<string>;
  /** Some range has no end (no fix yet): every version from its start on is affected. */
  openEnded: boolean;
}

/** Code-unit order, the same on every machine (`localeCompare` depends on the locale). */
function byText(left: string, right: string): number {
  return left < right ? -1 : left > right ? 1 : 0;
}

/** Numeric runs compare as numbers, the rest as text: a rough order, enough to find the newest fix. */
function roughCompare(left: string, right: string): number {
  const leftParts = left.split(/(\d+)/).filter((part) => part !== '');
  const rightParts = right.split(/(\d+)/).filter((part) => part !== '');
  for (let index = 0; index < Math.max(leftParts.length, rightParts.length); index += 1) {
    const a = leftParts[index];
    const b = rightParts[index];
    if (a === undefined) return -1;
    if (b === undefined) return 1;
    const difference = /^\d/.test(a) && /^\d/.test(b) ? Number(a) - Number(b) : byText(a, b);
    if (difference !== 0) return difference;
  }
  return 0;
}

/** The leading release numbers of a version (`1.2.3` of `v1.2.3-rc.1`), or undefined. */
function releaseNumbers(version: string): number[] | undefined {
  const release = /^v?(\d+(?:\.\d+)*)/.exec(version)?.[1];
  return release?.split('.').map(Number);
}

/** The version just below `fixed` (last number minus one), when there is an obvious one. */
function versionBelow(fixed: string): string | undefined {
  const numbers = releaseNumbers(fixed);
  if (numbers === undefined || numbers.length < 2) return undefined;
  const last = numbers.at(-1) ?? 0;
  if (last === 0) return undefined;
  return [...numbers.slice(0, -1), last - 1].join('.');
}

/** A version just past the newest fix, as a current dependency would be. */
function currentLooking(entry: PackageVersions): string {
  const known = [...(entry.fixes.size > 0 ? entry.fixes : entry.affected)].sort(roughCompare);
  const numbers = releaseNumbers(known.at(-1) ?? '1.0.0') ?? [1, 0, 0];
  while (numbers.length < 3) numbers.push(0);
  numbers[numbers.length - 1] = (numbers.at(-1) ?? 0) + 1;
  return numbers.join('.');
}

function packageVersions(advisories: readonly StoredAdvisory[]): PackageVersions[] {
  const byKey = new Map<string, PackageVersions>();
  const sorted = [...advisories].sort((left, right) => byText(left.id, right.id));
  for (const advisory of sorted) {
    for (const affected of advisory.affected) {
      const key = `${affected.ecosystem}\u0000${affected.name}`;
      let entry = byKey.get(key);
      if (entry === undefined) {
        entry = {
          ecosystem: affected.ecosystem,
          name: affected.name,
          affected: new Set(),
          fixes: new Set(),
          openEnded: false,
        };
        byKey.set(key, entry);
      }
      for (const version of affected.versions) entry.affected.add(version);
      for (const range of affected.ranges) {
        if (range.type === 'GIT') continue;
        let open = false;
        for (const event of range.events) {
          open = 'introduced' in event;
          if ('introduced' in event && event.introduced !== '0') entry.affected.add(event.introduced);
          if ('lastAffected' in event) entry.affected.add(event.lastAffected);
          if ('fixed' in event) {
            entry.fixes.add(event.fixed);
            const below = versionBelow(event.fixed);
            if (below !== undefined) entry.affected.add(below);
          }
        }
        if (open) entry.openEnded = true;
      }
    }
  }
  // Any version past the start of an unfixed range is affected, the current-looking one too.
  for (const entry of byKey.values()) if (entry.openEnded) entry.affected.add(currentLooking(entry));
  return [...byKey.values()].sort(
    (left, right) => byText(left.ecosystem, right.ecosystem) || byText(left.name, right.name),
  );
}

/** A CycloneDX component for a package of an ecosystem, with its package URL (https://github.com/package-url/purl-spec). */
function cycloneDxComponent(ecosystem: Ecosystem, name: string, version: string, bomRef: string): object {
  const encodedPath = (path: string) => path.split('/').map(encodeURIComponent).join('/');
  const at = `@${encodeURIComponent(version)}`;
  switch (ecosystem) {
    case 'npm': {
      const scoped = /^(@[^/]+)\/(.+)$/.exec(name);
      return scoped === null
        ? { type: 'library', 'bom-ref': bomRef, name, version, purl: `pkg:npm/${encodedPath(name)}${at}` }
        : {
            type: 'library',
            'bom-ref': bomRef,
            group: scoped[1],
            name: scoped[2],
            version,
            purl: `pkg:npm/${encodedPath(name)}${at}`,
          };
    }
    case 'PyPI':
      return {
        type: 'library',
        'bom-ref': bomRef,
        name,
        version,
        purl: `pkg:pypi/${encodeURIComponent(name)}${at}`,
      };
    case 'Maven': {
      const [group = '', artifact = ''] = name.split(':');
      return {
        type: 'library',
        'bom-ref': bomRef,
        group,
        name: artifact,
        version,
        purl: `pkg:maven/${encodedPath(group)}/${encodeURIComponent(artifact)}${at}`,
      };
    }
    case 'Go': {
      // Go modules carry the `v` the vulnerability database's ranges leave out.
      const goVersion = /^\d/.test(version) ? `v${version}` : version;
      return {
        type: 'library',
        'bom-ref': bomRef,
        name,
        version: goVersion,
        purl: `pkg:golang/${encodedPath(name)}@${encodeURIComponent(goVersion)}`,
      };
    }
    case 'crates.io':
      return {
        type: 'library',
        'bom-ref': bomRef,
        name,
        version,
        purl: `pkg:cargo/${encodeURIComponent(name)}${at}`,
      };
  }
}

interface BenchmarkInventory {
  readonly components: readonly InventoryComponent[];
  readonly fromRealSboms: number;
  readonly generatedFromAffected: number;
  readonly sbomReadMs: number;
  readonly fingerprint: string;
}

async function buildInventory(advisories: readonly StoredAdvisory[]): Promise<BenchmarkInventory> {
  const real: InventoryComponent[] = [];
  for (const file of REAL_SBOMS) {
    real.push(...(await readCycloneDxSbom(await readFile(join(SHARED_DATA, file), 'utf8'))).components);
  }
  const random = seededRandom(INVENTORY_SEED);
  const packages = packageVersions(advisories).filter((entry) => entry.fixes.size + entry.affected.size > 0);
  // Fisher–Yates, seeded: every package once before any repeats, in an order no ecosystem dominates.
  for (let index = packages.length - 1; index > 0; index -= 1) {
    const other = Math.floor(random() * (index + 1));
    [packages[index], packages[other]] = [
      packages[other] as PackageVersions,
      packages[index] as PackageVersions,
    ];
  }
  const generated: object[] = [];
  let generatedFromAffected = 0;
  for (let index = 0; generated.length < INVENTORY_SIZE - real.length; index += 1) {
    const entry = packages[index % packages.length] as PackageVersions;
    const fromAffected = entry.affected.size > 0 && random() < AFFECTED_SHARE;
    // No version of a package with an unfixed advisory looks current; it only appears as an affected one.
    if (!fromAffected && entry.openEnded) continue;
    const version = fromAffected ? pick([...entry.affected].sort(), random) : currentLooking(entry);
    if (fromAffected) generatedFromAffected += 1;
    generated.push(cycloneDxComponent(entry.ecosystem, entry.name, version, `benchmark-${String(index)}`));
  }
  const document = JSON.stringify({
    bomFormat: 'CycloneDX',
    specVersion: '1.5',
    serialNumber: 'urn:uuid:6f1f3b1e-2d7c-4c59-9c1e-0b5e6d1a7c10',
    version: 1,
    metadata: {
      timestamp: '2026-11-22T00:00:00Z',
      component: {
        type: 'application',
        'bom-ref': 'benchmark-root',
        name: 'monitoring-benchmark',
        version: '1.0.0',
      },
    },
    components: generated,
  });
  const { value: sbom, durationMs: sbomReadMs } = await timed(() => readCycloneDxSbom(document));
  const components = [...real, ...sbom.components];
  const fingerprint = createHash('sha256')
    .update(components.map((component) => `${component.componentKey}@${component.version ?? ''}`).join('\n'))
    .digest('hex')
    .slice(0, 16);
  return { components, fromRealSboms: real.length, generatedFromAffected, sbomReadMs, fingerprint };
}

// ---------------------------------------------------------------------------------------------------------
// Matching and upload

function userContext(tenantId: string, tenantKind: 'insurer' | 'insured', role: Role): AccessContext {
  return {
    actor: {
      kind: 'user',
      userId: globalThis.crypto.randomUUID(),
      tenantId,
      tenantKind,
      roles: [role],
      sessionId: null,
      apiTokenId: null,
      scopes: null,
    },
    purpose: 'benchmark',
    requestId: null,
    approvalId: null,
  };
}

/** The composition root's services, with the index cached per advisories version; nothing here encrypts. */
function monitoringServices(): MonitoringServices {
  const cache = new AdvisoryIndexCache();
  const unused = (what: string) => () => Promise.reject(new Error(`${what} is not used by this benchmark`));
  return {
    advisoryIndex: (feeds) => cache.indexFor(feeds),
    protection: {
      ensureSubjectKey: unused('field encryption'),
      encrypt: unused('field encryption'),
      decrypt: unused('field encryption'),
      blindIndex: () => {
        throw new Error('blind indexes are not used by this benchmark');
      },
      destroySubjectKey: unused('field encryption'),
    } satisfies PersonalDataProtection,
    underwriting: {} as UnderwritingServices,
    clock: () => new Date(),
  };
}

interface EngineResult {
  readonly engine: string;
  readonly firstImportMs: number;
  readonly reimportMs: number;
  readonly reimportAllUnchanged: boolean;
  readonly matchMedianMs: number;
}

async function benchmarkEngine(engine: string, handle: DatabaseHandle): Promise<EngineResult> {
  write(`\n=== ${engine} (${handle.description}) ===`);
  const migration = await timed(() => migrateToLatest(handle.db));
  write(
    `migrations: ${String(migration.value.executed.length)} applied in ${seconds(migration.durationMs)} s`,
  );

  const first = await importEveryFeed(handle);
  write(`\nfirst import of every feed:\n${feedTable(first)}`);
  write(`RSS ${rssMb(process.memoryUsage().rss)} MB, peak so far ${rssMb(peakRssBytes())} MB`);
  const again = await importEveryFeed(handle);
  write(`\nre-import of every feed (idempotent):\n${feedTable(again)}`);
  const reimportAllUnchanged = again.feeds.every(
    ({ outcome: { run } }) => run.added === 0 && run.changed === 0,
  );
  write(`re-import: ${reimportAllUnchanged ? 'every record unchanged' : 'SOME RECORDS ADDED OR CHANGED'}`);
  write(
    `${first.totalMs < IMPORT_BAR_MS ? 'PASS' : 'FAIL'} ${engine}: import of every feed ${seconds(first.totalMs)} s (bar < ${seconds(IMPORT_BAR_MS)} s)`,
  );

  const unitOfWorkFor = createUnitOfWorkFactory(handle.db);
  const loaded = await timed(() =>
    unitOfWorkFor(systemContext('benchmark')).run(async ({ feeds }) => ({
      advisories: await feeds.listActiveAdvisories(),
      version: await feeds.advisoriesVersion(),
    })),
  );
  const { advisories, version } = loaded.value;
  const built = await timed(() => Promise.resolve(new AdvisoryIndex(advisories, version)));
  const index = built.value;
  const inventory = await buildInventory(advisories);
  const byEcosystem = new Map<string, number>();
  for (const component of inventory.components) {
    const ecosystem = component.ecosystem ?? '(none)';
    byEcosystem.set(ecosystem, (byEcosystem.get(ecosystem) ?? 0) + 1);
  }
  write(
    `\nadvisories: ${String(advisories.length)} active, ${String(index.packageCount)} packages; ` +
      `loaded from the store in ${seconds(loaded.durationMs)} s; index built in ${built.durationMs.toFixed(0)} ms`,
  );
  write(
    `inventory ${inventory.fingerprint}: ${String(inventory.components.length)} components ` +
      `(${String(inventory.fromRealSboms)} from Juice Shop and Dependency-Track, ` +
      `${String(inventory.generatedFromAffected)} generated inside a range); ` +
      `${[...byEcosystem].map(([ecosystem, count]) => `${ecosystem} ${String(count)}`).join(', ')}; ` +
      `generated SBOM read in ${inventory.sbomReadMs.toFixed(0)} ms`,
  );

  const runs: number[] = [];
  let outcome = index.match(inventory.components);
  for (let run = 0; run < MATCH_RUNS; run += 1) {
    const started = performance.now();
    outcome = index.match(inventory.components);
    runs.push(performance.now() - started);
  }
  const matchMedianMs = median(runs);
  const matchedComponents = new Set(outcome.matches.map((match) => match.component)).size;
  write(
    `match: ${String(outcome.matches.length)} matches on ${String(matchedComponents)} components ` +
      `(${((100 * matchedComponents) / inventory.components.length).toFixed(1)} %), ` +
      `${String(outcome.componentsCompared)} compared, ${String(outcome.versionsUnreadable.length)} versions unreadable; ` +
      `runs ${runs.map((run) => run.toFixed(0)).join(', ')} ms`,
  );
  write(
    `${matchMedianMs < MATCH_BAR_MS ? 'PASS' : 'FAIL'} ${engine}: match of ${String(inventory.components.length)} components, median of ${String(MATCH_RUNS)} ${matchMedianMs.toFixed(0)} ms (bar < ${String(MATCH_BAR_MS)} ms)`,
  );

  await uploadThroughStore(handle, inventory.components);
  write(`RSS ${rssMb(process.memoryUsage().rss)} MB, peak so far ${rssMb(peakRssBytes())} MB`);
  return {
    engine,
    firstImportMs: first.totalMs,
    reimportMs: again.totalMs,
    reimportAllUnchanged,
    matchMedianMs,
  };
}

async function organisation(
  handle: DatabaseHandle,
  kind: 'insurer' | 'insured',
  nameZh: string,
  /** The insurer that registered an insured company, which makes the company visible to it. */
  registeredBy: string | null = null,
): Promise<string> {
  const row = await handle.db
    .insertInto('organisations')
    .values({ kind, nameZh, nameEn: null, creditCode: null, registeredBy })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

async function uploadThroughStore(
  handle: DatabaseHandle,
  components: readonly InventoryComponent[],
): Promise<void> {
  const unitOfWorkFor = createUnitOfWorkFactory(handle.db);
  const insurerId = await organisation(handle, 'insurer', '基准保险');
  const companyId = await organisation(handle, 'insured', '基准被保险企业', insurerId);
  const underwriter = userContext(insurerId, 'insurer', 'underwriter');
  const policyholder = userContext(companyId, 'insured', 'policyholder');
  const insured = await enrolInsured(
    unitOfWorkFor(underwriter),
    underwriter,
    { organisationId: companyId },
    new Date(),
  );
  const services = monitoringServices();
  // The server's index is built once per feed state and cached; warm it as a running server would have.
  const warm = await timed(() =>
    unitOfWorkFor(policyholder).run(({ feeds }) => services.advisoryIndex(feeds)),
  );
  const read: ReadInventory = {
    kind: 'cyclonedx',
    serialNumber: 'urn:uuid:6f1f3b1e-2d7c-4c59-9c1e-0b5e6d1a7c10',
    specVersion: '1.5',
    describedComponent: 'monitoring-benchmark',
    components,
  };
  const upload = (): Promise<Awaited<ReturnType<typeof uploadInventory>>> =>
    uploadInventory(unitOfWorkFor(policyholder), services, policyholder, insured.id, read);
  const first = await timed(upload);
  const second = await timed(upload);
  const describe = ({ rescan }: Awaited<ReturnType<typeof uploadInventory>>) =>
    `${String(rescan.observed)} observed, ${String(rescan.newFindings)} new, ${String(rescan.resolved)} resolved, ` +
    `${String(rescan.versionsUnreadable)} unreadable, ${String(rescan.alertsRaised)} alerts`;
  write(
    `upload (policyholder, ${String(components.length)} components; index cache warmed in ${seconds(warm.durationMs)} s):\n` +
      `  first upload  ${seconds(first.durationMs)} s: ${describe(first.value)}\n` +
      `  same again    ${seconds(second.durationMs)} s: ${describe(second.value)}`,
  );
}

// ---------------------------------------------------------------------------------------------------------

async function main(): Promise<void> {
  write(
    `monitoring feeds and matching: Node ${process.version}, ${String(INVENTORY_SIZE)}-component inventory, median of ${String(MATCH_RUNS)} match runs`,
  );
  const results: EngineResult[] = [];
  const directory = await mkdtemp(join(tmpdir(), 'carapace-bench-monitoring-'));
  try {
    const handle = await openDatabase({ kind: 'pglite', dataDir: join(directory, 'pglite') });
    try {
      results.push(await benchmarkEngine('PGlite', handle));
    } finally {
      await handle.close();
    }
  } finally {
    await rm(directory, { recursive: true, force: true });
  }

  const admin = new pg.Client({ connectionString: POSTGRES_ADMIN_URL });
  const reachable = await admin.connect().then(
    () => true,
    () => false,
  );
  if (reachable) {
    const name = `carapace_bench_${randomBytes(4).toString('hex')}`;
    await admin.query(`create database "${name}"`);
    try {
      const url = new URL(POSTGRES_ADMIN_URL);
      url.pathname = `/${name}`;
      const handle = await openDatabase({ kind: 'postgres', url: Redacted.of(url.toString()) });
      try {
        results.push(await benchmarkEngine('PostgreSQL', handle));
      } finally {
        await handle.close();
      }
    } finally {
      await admin.query(`drop database if exists "${name}" with (force)`);
      await admin.end();
    }
  } else {
    write('\nPostgreSQL: not reachable, skipped');
  }

  write('\nsummary:');
  write(
    table(
      [
        'engine',
        'import s',
        `< ${seconds(IMPORT_BAR_MS)} s`,
        're-import s',
        'unchanged',
        'match ms',
        `< ${String(MATCH_BAR_MS)} ms`,
      ],
      results.map((result) => [
        result.engine,
        seconds(result.firstImportMs),
        result.firstImportMs < IMPORT_BAR_MS ? 'PASS' : 'FAIL',
        seconds(result.reimportMs),
        result.reimportAllUnchanged ? 'yes' : 'NO',
        result.matchMedianMs.toFixed(0),
        result.matchMedianMs < MATCH_BAR_MS ? 'PASS' : 'FAIL',
      ]),
    ),
  );
  write(`peak RSS of the process (both engines): ${rssMb(peakRssBytes())} MB`);
}

await main();
