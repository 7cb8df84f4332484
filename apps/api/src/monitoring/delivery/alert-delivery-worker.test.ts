import { Writable } from 'node:stream';
import { setTimeout as sleep } from 'node:timers/promises';
import pino from 'pino';
import { afterEach, expect, it } from 'vitest';
import { generateWebhookSecret } from '@carapace/security';
import { openJobQueue, type JobQueue } from '@carapace/store';
import { describeEachDatabase } from '@carapace/store/testing';
import { startSmtpSink, type SmtpRefusal, type SmtpSink } from '../../testing/smtp-sink.js';
import {
  startWebhookReceiver,
  type ReceivedWebhook,
  type WebhookReceiver,
  type WebhookReply,
} from '../../testing/webhook-receiver.js';
import {
  startAlertDelivery,
  type AlertDelivery,
  type AlertDeliveryFailure,
  type AlertDeliveryMessage,
  type AlertOutbox,
  type UndispatchedAlert,
} from './alert-delivery-worker.js';
import type { DeliveryResult } from './delivery-result.js';
import { createEmailSender, type EmailSender } from './email-sender.js';
import { createWebhookSender } from './webhook-sender.js';

const SECRET = generateWebhookSecret();

interface OutboxRow {
  readonly outboxId: string;
  readonly message: AlertDeliveryMessage;
  dispatched: boolean;
  readonly attempts: { readonly attempt: number; readonly result: DeliveryResult }[];
  readonly permanentFailures: AlertDeliveryFailure[];
}

/** The one double: an outbox in memory, in insertion order, with the same contract as the domain's. */
class InMemoryAlertOutbox implements AlertOutbox {
  readonly rows = new Map<string, OutboxRow>();
  /** Makes the next markDispatched of these ids fail once, as a crash after the hand-over would. */
  readonly failNextMark = new Set<string>();
  /** Rows whose message is gone by the time it is sent (withdrawn, or the subject's data erased). */
  readonly withdrawn = new Set<string>();

  add(outboxId: string, message: AlertDeliveryMessage): void {
    this.rows.set(outboxId, { outboxId, message, dispatched: false, attempts: [], permanentFailures: [] });
  }

  row(outboxId: string): OutboxRow {
    const row = this.rows.get(outboxId);
    if (row === undefined) throw new Error(`no outbox row ${outboxId}`);
    return row;
  }

  claimUndispatched(limit: number): Promise<readonly UndispatchedAlert[]> {
    const rows = [...this.rows.values()].filter((row) => !row.dispatched).slice(0, limit);
    return Promise.resolve(rows.map((row) => ({ outboxId: row.outboxId, dedupeId: row.message.dedupeId })));
  }

  markDispatched(outboxId: string): Promise<void> {
    if (this.failNextMark.delete(outboxId)) return Promise.reject(new Error('the outbox is unreachable'));
    this.row(outboxId).dispatched = true;
    return Promise.resolve();
  }

  loadMessage(outboxId: string): Promise<AlertDeliveryMessage | undefined> {
    return Promise.resolve(this.withdrawn.has(outboxId) ? undefined : this.rows.get(outboxId)?.message);
  }

  recordAttempt(outboxId: string, result: DeliveryResult, attempt: number): Promise<void> {
    this.row(outboxId).attempts.push({ attempt, result });
    return Promise.resolve();
  }

  recordPermanentFailure(outboxId: string, failure: AlertDeliveryFailure): Promise<void> {
    this.row(outboxId).permanentFailures.push(failure);
    return Promise.resolve();
  }
}

function webhookMessage(receiver: WebhookReceiver, index: number, path = '/alerts'): AlertDeliveryMessage {
  return {
    dedupeId: `alert-${index}-webhook`,
    channel: 'webhook',
    target: `${receiver.url}${path}`,
    subject: `预警 ${index}`,
    text: `alert ${index}`,
    json: { type: 'alert.raised', alertId: `alert-${index}`, cve: 'CVE-2024-3094' },
    webhookSecret: SECRET,
  };
}

function emailMessage(index: number, to = `security-${index}@insured.example`): AlertDeliveryMessage {
  return {
    dedupeId: `alert-${index}-email`,
    channel: 'email',
    target: to,
    subject: `高危漏洞预警 ${index}：CVE-2024-3094`,
    text: `您的资产 xz-utils 受 CVE-2024-3094 影响（预警 ${index}）。`,
    html: `<p>预警 ${index}</p>`,
    json: null,
  };
}

async function waitFor(condition: () => boolean, timeoutMs = 30_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await sleep(20);
  }
}

function countsBy<T>(
  items: readonly T[],
  key: (item: T) => string | undefined,
): Map<string | undefined, number> {
  const counts = new Map<string | undefined, number>();
  for (const item of items) counts.set(key(item), (counts.get(key(item)) ?? 0) + 1);
  return counts;
}

describeEachDatabase('alert delivery', ({ handle }) => {
  const logLines: string[] = [];
  const logger = pino(
    { level: 'debug' },
    new Writable({
      write(chunk: Buffer, _encoding, callback) {
        logLines.push(chunk.toString('utf8'));
        callback();
      },
    }),
  );
  const queueErrors: Error[] = [];
  let queue: JobQueue | undefined;
  let delivery: AlertDelivery | undefined;
  let emailSender: EmailSender | undefined;
  const servers: { close(): Promise<void> }[] = [];

  afterEach(async () => {
    // Everything is stopped even if one step fails, so nothing outlives the test's database.
    const errorsSeen = queueErrors.splice(0);
    try {
      await delivery?.stop();
    } finally {
      await queue?.stop();
      emailSender?.close();
      await Promise.all(servers.splice(0).map((server) => server.close()));
      delivery = undefined;
      queue = undefined;
      emailSender = undefined;
      logLines.length = 0;
    }
    expect([...errorsSeen, ...queueErrors.splice(0)]).toEqual([]);
  });

  async function start(
    outbox: AlertOutbox,
    options: {
      respondWebhook?: (webhook: ReceivedWebhook, attempt: number) => WebhookReply | undefined;
      respondEmail?: (messageId: string | undefined, attempt: number) => SmtpRefusal | undefined;
    } = {},
  ): Promise<{ receiver: WebhookReceiver; sink: SmtpSink }> {
    const receiver = await startWebhookReceiver({
      secret: SECRET,
      ...(options.respondWebhook === undefined ? {} : { respond: options.respondWebhook }),
    });
    const { respondEmail } = options;
    const sink = await startSmtpSink(
      respondEmail === undefined
        ? {}
        : { respond: (email, attempt) => respondEmail(email.messageId, attempt) },
    );
    servers.push(receiver, sink);
    queue = openJobQueue(handle(), { onError: (error) => queueErrors.push(error) });
    await queue.start();
    emailSender = createEmailSender({ smtpUrl: sink.url, from: 'Carapace <alerts@carapace.example>' });
    return { receiver, sink };
  }

  async function deliverFrom(outbox: AlertOutbox, relayIntervalMs = 100): Promise<AlertDelivery> {
    if (queue === undefined || emailSender === undefined) throw new Error('start() first');
    delivery = await startAlertDelivery({
      outbox,
      queue,
      senders: { webhook: createWebhookSender({ timeoutMs: 5000 }), email: emailSender },
      logger,
      relayIntervalMs,
      concurrency: 10,
      pollingIntervalSeconds: 0.2,
      retry: { limit: 3, delaySeconds: 1, backoff: true },
    });
    return delivery;
  }

  it('delivers 200 alerts, half by webhook and half by e-mail, each exactly once', async () => {
    const outbox = new InMemoryAlertOutbox();
    const { receiver, sink } = await start(outbox);
    for (let index = 0; index < 200; index += 1) {
      outbox.add(`outbox-${index}`, index % 2 === 0 ? webhookMessage(receiver, index) : emailMessage(index));
    }
    await deliverFrom(outbox);
    await waitFor(() => receiver.received.length >= 100 && sink.received.length >= 100);
    await sleep(1000); // time for any duplicate to show up

    expect(receiver.refused).toEqual([]);
    const webhookCounts = countsBy(receiver.received, (webhook) => webhook.id);
    const emailCounts = countsBy(sink.received, (email) => email.messageId);
    expect(webhookCounts.size).toBe(100);
    expect(emailCounts.size).toBe(100);
    expect([...webhookCounts.values(), ...emailCounts.values()].every((count) => count === 1)).toBe(true);
    expect(receiver.received.find((webhook) => webhook.id === 'alert-8-webhook')?.body).toEqual(
      webhookMessage(receiver, 8).json,
    );
    const email = sink.received.find((received) => received.messageId === '<alert-9-email@carapace.example>');
    expect(email?.recipients).toEqual(['security-9@insured.example']);
    expect(email?.subject).toBe('高危漏洞预警 9：CVE-2024-3094');
    expect(email?.text).toBe(emailMessage(9).text);

    for (const row of outbox.rows.values()) {
      expect(row.dispatched).toBe(true);
      expect(row.attempts.map(({ attempt, result }) => [attempt, result.kind])).toEqual([[1, 'delivered']]);
      expect(row.permanentFailures).toEqual([]);
    }
    // Logs name outbox rows, never where an alert went.
    const logs = logLines.join('');
    expect(logs).toContain('"outboxId":"outbox-1"');
    expect(logs).not.toContain('insured.example');
    expect(logs).not.toContain(receiver.url);
  });

  it('gets an alert through on the third attempt when the receiver fails the first two', async () => {
    const outbox = new InMemoryAlertOutbox();
    const { receiver, sink } = await start(outbox, {
      respondWebhook: (_webhook, attempt) =>
        attempt <= 2 ? { status: 503, body: 'maintenance' } : undefined,
      respondEmail: (_messageId, attempt) =>
        attempt <= 2 ? { code: 451, message: 'greylisted, try again later' } : undefined,
    });
    outbox.add('outbox-webhook', webhookMessage(receiver, 1));
    outbox.add('outbox-email', emailMessage(2));
    await deliverFrom(outbox);
    // A message arrives before its attempt is recorded: wait for both records, not only the receipts.
    await waitFor(
      () =>
        receiver.received.length === 1 &&
        sink.received.length === 1 &&
        outbox.row('outbox-webhook').attempts.length === 3 &&
        outbox.row('outbox-email').attempts.length === 3,
    );

    expect(receiver.attempts.map((webhook) => webhook.id)).toEqual(Array(3).fill('alert-1-webhook'));
    expect(sink.refused).toHaveLength(2);
    expect(outbox.row('outbox-webhook').attempts).toEqual([
      { attempt: 1, result: { kind: 'failed', retryable: true, reason: 'HTTP 503: maintenance' } },
      { attempt: 2, result: { kind: 'failed', retryable: true, reason: 'HTTP 503: maintenance' } },
      { attempt: 3, result: { kind: 'delivered', status: 204 } },
    ]);
    expect(outbox.row('outbox-email').attempts.map(({ attempt, result }) => [attempt, result.kind])).toEqual([
      [1, 'failed'],
      [2, 'failed'],
      [3, 'delivered'],
    ]);
    expect(outbox.row('outbox-webhook').permanentFailures).toEqual([]);
  });

  it('does not retry a 400 or a 550, and records the permanent failure once', async () => {
    const outbox = new InMemoryAlertOutbox();
    const { receiver, sink } = await start(outbox, {
      respondWebhook: () => ({ status: 400, body: 'unknown event type' }),
      respondEmail: () => ({ code: 550, message: 'mailbox unavailable' }),
    });
    outbox.add('outbox-webhook', webhookMessage(receiver, 1));
    outbox.add('outbox-email', emailMessage(2));
    await deliverFrom(outbox);
    await waitFor(
      () =>
        outbox.row('outbox-webhook').permanentFailures.length === 1 &&
        outbox.row('outbox-email').permanentFailures.length === 1,
    );
    await sleep(2500); // longer than the first retry's longest wait (2 s)

    expect(receiver.attempts).toHaveLength(1);
    expect(sink.refused).toHaveLength(1);
    expect(outbox.row('outbox-webhook').attempts).toEqual([
      { attempt: 1, result: { kind: 'failed', retryable: false, reason: 'HTTP 400: unknown event type' } },
    ]);
    expect(outbox.row('outbox-webhook').permanentFailures).toEqual([
      { reason: 'HTTP 400: unknown event type', attempts: 1 },
    ]);
    expect(outbox.row('outbox-email').permanentFailures).toEqual([
      { reason: 'SMTP 550: 550 mailbox unavailable', attempts: 1 },
    ]);
  });

  it('records a permanent failure once when the retries run out', async () => {
    const outbox = new InMemoryAlertOutbox();
    const { receiver } = await start(outbox, { respondWebhook: () => ({ status: 500 }) });
    outbox.add('outbox-webhook', webhookMessage(receiver, 1));
    if (queue === undefined || emailSender === undefined) throw new Error('not started');
    delivery = await startAlertDelivery({
      outbox,
      queue,
      senders: { webhook: createWebhookSender(), email: emailSender },
      logger,
      relayIntervalMs: 100,
      pollingIntervalSeconds: 0.2,
      retry: { limit: 2, delaySeconds: 0, backoff: false },
    });
    await waitFor(() => outbox.row('outbox-webhook').permanentFailures.length === 1);
    await sleep(1000);
    expect(receiver.attempts).toHaveLength(3);
    expect(outbox.row('outbox-webhook').attempts.map((entry) => entry.attempt)).toEqual([1, 2, 3]);
    expect(outbox.row('outbox-webhook').permanentFailures).toEqual([{ reason: 'HTTP 500', attempts: 3 }]);
  });

  it('delivers once when the relay hands a row over twice (a crash before it was marked dispatched)', async () => {
    const outbox = new InMemoryAlertOutbox();
    const { receiver } = await start(outbox);
    outbox.add('outbox-webhook', webhookMessage(receiver, 1));
    outbox.failNextMark.add('outbox-webhook');
    await deliverFrom(outbox);
    await waitFor(() => outbox.row('outbox-webhook').dispatched && receiver.received.length === 1);
    await sleep(1000);
    expect(receiver.received).toHaveLength(1);
    expect(logLines.join('')).toContain('alert was already queued');
  });

  it('relays rows written later when asked, and sends nothing for a row that is gone', async () => {
    const outbox = new InMemoryAlertOutbox();
    const { receiver } = await start(outbox);
    const running = await deliverFrom(outbox, 600_000); // only relayNow() makes it look again
    await sleep(300);
    outbox.add('outbox-withdrawn', webhookMessage(receiver, 1));
    outbox.withdrawn.add('outbox-withdrawn');
    outbox.add('outbox-later', webhookMessage(receiver, 2));
    running.relayNow();
    await waitFor(() => receiver.received.length === 1 && outbox.row('outbox-withdrawn').dispatched);
    await sleep(500);
    expect(receiver.received.map((webhook) => webhook.id)).toEqual(['alert-2-webhook']);
    expect(outbox.row('outbox-withdrawn').attempts).toEqual([]);
    expect(logLines.join('')).toContain('alert outbox row is gone');
  });
});
