/**
 * Continuous monitoring (issue 6): delivering 1,000 alerts, half by webhook and half by e-mail, through the
 * real delivery worker (`startAlertDelivery`: outbox relay → pg-boss `alert-delivery` queue → senders) on
 * the embedded PGlite (temporary data directory) and on PostgreSQL (a scratch database, dropped afterwards),
 * to real local receivers on 127.0.0.1: the signature-verifying webhook receiver and the SMTP sink.
 *
 * The peer, in the same run: the same 1,000 sends straight through the same senders with the same number in
 * flight (no relay, no queue, no database), run first and again last; the faster of the two is compared.
 * The issue sets no bar for alerts, so the figures are reported.
 *
 * Per run: burst = 1,000 alerts written to the outbox at once and the relay woken, timed until the last is
 * received (alerts/s, and the write-to-receipt latency of each); steady = 200 alerts written one every 25 ms
 * (40/s), write-to-receipt p50/p95, (a) with the relay woken after each write and (b) with the relay left on
 * the platform's 5 s timer (nothing in the platform wakes it after an alert is written).
 *
 * The outbox here is in memory (the worker's `AlertOutbox` interface), so the outbox's own SQL and the
 * decryption of targets are not in the figures; the queue (pg-boss on the engine), the senders, HTTP and SMTP
 * are. Every alert must arrive exactly once, with a valid signature, and no attempt may fail.
 *
 * Run: npm run bench:alerts   (BENCH_ALERTS, BENCH_CONCURRENCY change the load; DATABASE_URL the server)
 */
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import pg from 'pg';
import {
  createEmailSender,
  createLogger,
  createWebhookSender,
  startAlertDelivery,
  type AlertDeliveryMessage,
  type AlertOutbox,
  type AlertSenders,
  type DeliveryResult,
  type UndispatchedAlert,
} from '@carapace/api';
import {
  startSmtpSink,
  startWebhookReceiver,
  type SmtpSink,
  type WebhookReceiver,
} from '@carapace/api/testing';
import { generateWebhookSecret, Redacted } from '@carapace/security';
import { migrateToLatest, openDatabase, openJobQueue, type DatabaseHandle } from '@carapace/store';

const POSTGRES_ADMIN_URL = process.env['DATABASE_URL'] ?? 'postgres://postgres@127.0.0.1:5432/test';
const ALERTS = Number(process.env['BENCH_ALERTS'] ?? 1000);
/** Deliveries in flight at once: the worker's default, and the same for the peer. */
const CONCURRENCY = Number(process.env['BENCH_CONCURRENCY'] ?? 10);
const STEADY_ALERTS = 200;
const STEADY_PER_SECOND = 40;
/** The platform's relay interval (`monitoring-background.ts`). */
const PLATFORM_RELAY_INTERVAL_MS = 5_000;
const RECEIPT_TIMEOUT_MS = 600_000;
const SECRET = generateWebhookSecret();
const FROM = 'Carapace <alerts@carapace.example>';

function write(text: string): void {
  process.stdout.write(`${text}\n`);
}

/** Nearest-rank percentile. */
function percentile(values: readonly number[], p: number): number {
  const sorted = [...values].sort((left, right) => left - right);
  return (
    sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))] ?? Number.NaN
  );
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

/** `count` alerts, even indices by webhook and odd by e-mail, dedupe ids prefixed by `run`. */
function alerts(webhookUrl: string, run: string, count: number): AlertDeliveryMessage[] {
  return Array.from({ length: count }, (_, index): AlertDeliveryMessage => {
    const finding = { vulnerability: 'CVE-2024-3094', component: 'xz-utils', version: '5.6.0', epss: 0.94 };
    return index % 2 === 0
      ? {
          dedupeId: `${run}-${String(index)}-webhook`,
          channel: 'webhook',
          target: `${webhookUrl}/alerts`,
          subject: `预警 ${String(index)}`,
          text: `alert ${String(index)}`,
          json: { type: 'alert.raised', alertId: `alert-${String(index)}`, priority: 92, finding },
          webhookSecret: SECRET,
        }
      : {
          dedupeId: `${run}-${String(index)}-email`,
          channel: 'email',
          target: `security-${String(index)}@insured.example`,
          subject: `【Carapace 预警 Alert】高危漏洞 CVE-2024-3094（${String(index)}）`,
          text: `您的资产 xz-utils 5.6.0 受 CVE-2024-3094 影响。\n\nYour asset xz-utils 5.6.0 is affected by CVE-2024-3094.`,
          html: `<p>您的资产 xz-utils 5.6.0 受 CVE-2024-3094 影响。</p><hr><p>Your asset xz-utils 5.6.0 is affected.</p>`,
          json: null,
        };
  });
}

/** The outbox in memory: rows are "written" by putting them in the map; failures are counted, not hidden. */
class MemoryOutbox implements AlertOutbox {
  readonly rows = new Map<string, { readonly message: AlertDeliveryMessage; dispatched: boolean }>();
  failedAttempts = 0;
  permanentFailures = 0;

  write(outboxId: string, message: AlertDeliveryMessage): void {
    this.rows.set(outboxId, { message, dispatched: false });
  }
  claimUndispatched(limit: number): Promise<readonly UndispatchedAlert[]> {
    const due: UndispatchedAlert[] = [];
    for (const [outboxId, row] of this.rows) {
      if (due.length >= limit) break;
      if (!row.dispatched) due.push({ outboxId, dedupeId: row.message.dedupeId });
    }
    return Promise.resolve(due);
  }
  markDispatched(outboxId: string): Promise<void> {
    const row = this.rows.get(outboxId);
    if (row !== undefined) row.dispatched = true;
    return Promise.resolve();
  }
  loadMessage(outboxId: string): Promise<AlertDeliveryMessage | undefined> {
    return Promise.resolve(this.rows.get(outboxId)?.message);
  }
  recordAttempt(_outboxId: string, result: DeliveryResult): Promise<void> {
    if (result.kind !== 'delivered') this.failedAttempts += 1;
    return Promise.resolve();
  }
  recordPermanentFailure(): Promise<void> {
    this.permanentFailures += 1;
    return Promise.resolve();
  }
}

interface Receivers {
  readonly webhook: WebhookReceiver;
  readonly smtp: SmtpSink;
  readonly senders: AlertSenders;
  close(): Promise<void>;
}

async function startReceivers(): Promise<Receivers> {
  const webhook = await startWebhookReceiver({ secret: SECRET });
  const smtp = await startSmtpSink();
  const email = createEmailSender({ smtpUrl: smtp.url, from: FROM });
  return {
    webhook,
    smtp,
    senders: { webhook: createWebhookSender(), email },
    close: async () => {
      email.close();
      await webhook.close();
      await smtp.close();
    },
  };
}

/** Receipt time of every accepted message by dedupe id (the e-mail's Message-ID is `<dedupeId@domain>`). */
function receipts(receivers: Receivers): Map<string, number[]> {
  const byId = new Map<string, number[]>();
  const add = (id: string, at: number) => {
    byId.set(id, [...(byId.get(id) ?? []), at]);
  };
  for (const webhook of receivers.webhook.received) add(webhook.id, webhook.receivedAtMs);
  for (const email of receivers.smtp.received)
    add(/^<(.*)@/.exec(email.messageId ?? '')?.[1] ?? '', email.receivedAtMs);
  return byId;
}

async function waitForAll(receivers: Receivers, webhooks: number, emails: number): Promise<void> {
  await Promise.all([
    receivers.webhook.waitForReceived(webhooks, RECEIPT_TIMEOUT_MS),
    receivers.smtp.waitForReceived(emails, RECEIPT_TIMEOUT_MS),
  ]);
}

/** Write-to-receipt latencies of `written`; throws if any is missing or arrived twice. */
function latencies(receivers: Receivers, written: ReadonlyMap<string, number>): number[] {
  const received = receipts(receivers);
  return [...written].map(([id, at]) => {
    const times = received.get(id) ?? [];
    if (times.length !== 1) throw new Error(`${id}: received ${String(times.length)} times, expected once`);
    return (times[0] ?? Number.NaN) - at;
  });
}

interface Figures {
  readonly run: string;
  readonly burstMs: number;
  readonly burstP50: number;
  readonly burstP95: number;
  readonly wokenP50: number;
  readonly wokenP95: number;
  readonly timerP50?: number;
  readonly timerP95?: number;
}

/** `ALERTS` alerts written at once; returns the wall time and the write-to-receipt latencies. */
async function burst(
  receivers: Receivers,
  run: string,
  writeAll: (messages: readonly AlertDeliveryMessage[]) => Promise<void>,
  counts: { webhooks: number; emails: number },
): Promise<{ ms: number; latencies: number[] }> {
  const messages = alerts(receivers.webhook.url, run, ALERTS);
  const started = Date.now();
  const written = new Map(messages.map((message) => [message.dedupeId, started]));
  const wrote = writeAll(messages);
  await waitForAll(receivers, counts.webhooks + ALERTS / 2, counts.emails + ALERTS / 2);
  await wrote;
  return { ms: Date.now() - started, latencies: latencies(receivers, written) };
}

/** `STEADY_ALERTS` alerts, one every 1/`STEADY_PER_SECOND` s; returns the write-to-receipt latencies. */
async function steady(
  receivers: Receivers,
  run: string,
  writeOne: (message: AlertDeliveryMessage) => void,
  counts: { webhooks: number; emails: number },
): Promise<number[]> {
  const written = new Map<string, number>();
  const started = performance.now();
  for (const [index, message] of alerts(receivers.webhook.url, run, STEADY_ALERTS).entries()) {
    // Paced against the start, so a late tick does not slow the stream down.
    const due = started + (index * 1000) / STEADY_PER_SECOND;
    if (due > performance.now()) await sleep(due - performance.now());
    written.set(message.dedupeId, Date.now());
    writeOne(message);
  }
  await waitForAll(receivers, counts.webhooks + STEADY_ALERTS / 2, counts.emails + STEADY_ALERTS / 2);
  return latencies(receivers, written);
}

function counted(receivers: Receivers): { webhooks: number; emails: number } {
  return { webhooks: receivers.webhook.received.length, emails: receivers.smtp.received.length };
}

function checkClean(label: string, receivers: Receivers, outbox?: MemoryOutbox): void {
  const problems = [
    receivers.webhook.refused.length > 0
      ? `${String(receivers.webhook.refused.length)} webhooks refused`
      : '',
    receivers.smtp.refused.length > 0 ? `${String(receivers.smtp.refused.length)} e-mails refused` : '',
    (outbox?.failedAttempts ?? 0) > 0 ? `${String(outbox?.failedAttempts)} failed attempts` : '',
    (outbox?.permanentFailures ?? 0) > 0 ? `${String(outbox?.permanentFailures)} permanent failures` : '',
  ].filter((problem) => problem !== '');
  if (problems.length > 0) throw new Error(`${label}: ${problems.join(', ')}`);
}

// ---------------------------------------------------------------------------------------------------------
// Ours: outbox → relay → pg-boss → worker → senders

async function throughQueue(engine: string, handle: DatabaseHandle): Promise<Figures> {
  await migrateToLatest(handle.db);
  const receivers = await startReceivers();
  const queue = openJobQueue(handle, {
    onError: (error) => {
      write(`  queue error: ${error.message}`);
    },
  });
  await queue.start();
  const outbox = new MemoryOutbox();
  const logger = createLogger({ level: 'silent', pretty: false });
  const start = (relayIntervalMs: number) =>
    startAlertDelivery({
      outbox,
      queue,
      senders: receivers.senders,
      logger,
      relayIntervalMs,
      concurrency: CONCURRENCY,
    });
  let sequence = 0;
  const writeRow = (message: AlertDeliveryMessage) => {
    sequence += 1;
    outbox.write(`outbox-${String(sequence)}`, message);
  };
  try {
    // A long relay interval: the burst and the first steady stream wake the relay themselves.
    let delivery = await start(600_000);
    // Warm-up: the queue's statements, the worker, JIT and connections.
    alerts(receivers.webhook.url, `w${randomBytes(3).toString('hex')}`, 20).forEach(writeRow);
    delivery.relayNow();
    await waitForAll(receivers, 10, 10);
    const before = counted(receivers);
    const burstResult = await burst(
      receivers,
      `b${randomBytes(3).toString('hex')}`,
      (messages) => {
        messages.forEach(writeRow);
        delivery.relayNow();
        return Promise.resolve();
      },
      before,
    );
    const woken = await steady(
      receivers,
      `s${randomBytes(3).toString('hex')}`,
      (message) => {
        writeRow(message);
        delivery.relayNow();
      },
      counted(receivers),
    );
    await delivery.stop();
    // As the platform runs: the relay on its 5 s timer, nobody wakes it.
    delivery = await start(PLATFORM_RELAY_INTERVAL_MS);
    const timer = await steady(receivers, `t${randomBytes(3).toString('hex')}`, writeRow, counted(receivers));
    await delivery.stop();
    checkClean(engine, receivers, outbox);
    return {
      run: `${engine}: outbox → pg-boss → senders`,
      burstMs: burstResult.ms,
      burstP50: percentile(burstResult.latencies, 50),
      burstP95: percentile(burstResult.latencies, 95),
      wokenP50: percentile(woken, 50),
      wokenP95: percentile(woken, 95),
      timerP50: percentile(timer, 50),
      timerP95: percentile(timer, 95),
    };
  } finally {
    await queue.stop();
    await receivers.close();
  }
}

// ---------------------------------------------------------------------------------------------------------
// The peer: the same sends straight through the senders, `CONCURRENCY` in flight

async function send(senders: AlertSenders, message: AlertDeliveryMessage): Promise<void> {
  const result =
    message.channel === 'webhook'
      ? await senders.webhook.send({
          url: message.target,
          id: message.dedupeId,
          payload: message.json,
          secret: SECRET,
        })
      : await senders.email.send({
          dedupeId: message.dedupeId,
          to: message.target,
          subject: message.subject,
          text: message.text,
          ...(message.html === undefined ? {} : { html: message.html }),
        });
  if (result.kind !== 'delivered') throw new Error(`direct send failed: ${result.reason}`);
}

async function sendAll(senders: AlertSenders, messages: readonly AlertDeliveryMessage[]): Promise<void> {
  let next = 0;
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      for (let message = messages[next++]; message !== undefined; message = messages[next++]) {
        await send(senders, message);
      }
    }),
  );
}

async function direct(): Promise<Figures> {
  const receivers = await startReceivers();
  try {
    // Warm-up: JIT, connections.
    await sendAll(
      receivers.senders,
      alerts(receivers.webhook.url, `w${randomBytes(3).toString('hex')}`, 100),
    );
    const burstResult = await burst(
      receivers,
      `b${randomBytes(3).toString('hex')}`,
      (messages) => sendAll(receivers.senders, messages),
      counted(receivers),
    );
    const inFlight: Promise<void>[] = [];
    const woken = await steady(
      receivers,
      `s${randomBytes(3).toString('hex')}`,
      (message) => inFlight.push(send(receivers.senders, message)),
      counted(receivers),
    );
    await Promise.all(inFlight);
    checkClean('direct', receivers);
    return {
      run: 'peer: straight through the senders',
      burstMs: burstResult.ms,
      burstP50: percentile(burstResult.latencies, 50),
      burstP95: percentile(burstResult.latencies, 95),
      wokenP50: percentile(woken, 50),
      wokenP95: percentile(woken, 95),
    };
  } finally {
    await receivers.close();
  }
}

// ---------------------------------------------------------------------------------------------------------

async function main(): Promise<void> {
  write(
    `alert delivery: Node ${process.version}, ${String(ALERTS)} alerts (half webhook, half e-mail), ` +
      `${String(CONCURRENCY)} in flight; steady ${String(STEADY_ALERTS)} alerts at ${String(STEADY_PER_SECOND)}/s`,
  );
  // The peer runs first and again last; the faster of the two is the one compared against.
  const peerFirst = await direct();
  write(`peer (first) done: ${String(ALERTS)} in ${(peerFirst.burstMs / 1000).toFixed(2)} s`);
  const results: Figures[] = [];

  const directory = await mkdtemp(join(tmpdir(), 'carapace-bench-alerts-'));
  try {
    const handle = await openDatabase({ kind: 'pglite', dataDir: join(directory, 'pglite') });
    try {
      results.push(await throughQueue('PGlite', handle));
      write(`PGlite done: ${String(ALERTS)} in ${((results.at(-1)?.burstMs ?? 0) / 1000).toFixed(2)} s`);
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
    const name = `carapace_bench_alerts_${randomBytes(4).toString('hex')}`;
    await admin.query(`create database "${name}"`);
    try {
      const url = new URL(POSTGRES_ADMIN_URL);
      url.pathname = `/${name}`;
      const handle = await openDatabase({ kind: 'postgres', url: Redacted.of(url.toString()) });
      try {
        results.push(await throughQueue('PostgreSQL', handle));
        write(
          `PostgreSQL done: ${String(ALERTS)} in ${((results.at(-1)?.burstMs ?? 0) / 1000).toFixed(2)} s`,
        );
      } finally {
        await handle.close();
      }
    } finally {
      await admin.query(`drop database if exists "${name}" with (force)`);
      await admin.end();
    }
  } else {
    write('PostgreSQL: not reachable, skipped');
  }

  const peerLast = await direct();
  write(`peer (last) done: ${String(ALERTS)} in ${(peerLast.burstMs / 1000).toFixed(2)} s`);
  const peer = peerLast.burstMs < peerFirst.burstMs ? peerLast : peerFirst;
  results.push({ ...peer, run: `${peer.run} (faster of 2)` });
  const perSecond = (figures: Figures) => (ALERTS * 1000) / figures.burstMs;
  const ms = (value: number | undefined) => (value === undefined ? '–' : value.toFixed(0));
  write('');
  write(
    table(
      [
        'run',
        'burst s',
        'alerts/s',
        'vs peer',
        'p50 ms',
        'p95 ms',
        'steady p50',
        'steady p95',
        'on 5 s timer p50',
        'p95',
      ],
      results.map((figures) => [
        figures.run,
        (figures.burstMs / 1000).toFixed(2),
        perSecond(figures).toFixed(0),
        `${(perSecond(figures) / perSecond(peer)).toFixed(2)}×`,
        ms(figures.burstP50),
        ms(figures.burstP95),
        ms(figures.wokenP50),
        ms(figures.wokenP95),
        ms(figures.timerP50),
        ms(figures.timerP95),
      ]),
    ),
  );
  write('');
  write(
    `PASS every alert received exactly once, signatures verified, no failed attempt (${String(results.length + 1)} runs × ` +
      `${String(ALERTS + STEADY_ALERTS)}, + ${String(STEADY_ALERTS)} on the timer per engine)`,
  );
  for (const figures of results.slice(0, -1)) {
    write(
      `INFO ${figures.run}: ${perSecond(figures).toFixed(0)} alerts/s = ${(perSecond(figures) / perSecond(peer)).toFixed(2)}× the peer; ` +
        `steady 40/s p95 ${ms(figures.wokenP95)} ms with the relay woken per write, ${ms(figures.timerP95)} ms on the platform's 5 s relay timer`,
    );
  }
  write('INFO no bar in the issue for alert delivery: figures reported, nothing judged');
}

await main();
