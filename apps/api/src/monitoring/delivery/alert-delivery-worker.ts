import { setTimeout as sleep } from 'node:timers/promises';
import type { Redacted } from '@carapace/security';
import type { JobQueue, JobWorker, QueuedJob } from '@carapace/store';
import type { Logger } from '../../logger.js';
import type { DeliveryResult } from './delivery-result.js';
import type { EmailSender } from './email-sender.js';
import type { WebhookSender } from './webhook-sender.js';

/** The pg-boss queue between the outbox relay and the senders. */
export const ALERT_DELIVERY_QUEUE = 'alert-delivery';

/** One alert to one destination, as the outbox holds it. */
export interface AlertDeliveryMessage {
  /**
   * The same for every attempt and every re-send of this message: the webhook's `webhook-id`, the e-mail's
   * Message-ID and the queue's singleton key. Letters, digits, '_' and '-' (see `isValidWebhookId`).
   */
  readonly dedupeId: string;
  readonly channel: 'webhook' | 'email';
  /** The webhook URL or the e-mail address. */
  readonly target: string;
  /** The e-mail subject. */
  readonly subject: string;
  /** The e-mail text body. */
  readonly text: string;
  /** The e-mail HTML body, if any. */
  readonly html?: string;
  /** The webhook's JSON body. */
  readonly json: unknown;
  /** The receiver's signing secret; required for a webhook. */
  readonly webhookSecret?: Redacted<string>;
}

/** An outbox row not yet handed to the queue. */
export interface UndispatchedAlert {
  readonly outboxId: string;
  readonly dedupeId: string;
}

export interface AlertDeliveryFailure {
  /** The last attempt's reason. */
  readonly reason: string;
  /** Attempts made, the failing one included. */
  readonly attempts: number;
}

/**
 * What the delivery needs from the domain's alert outbox (rows written in the same transaction as the
 * alert). Implementations must not call the job queue from inside their transactions.
 */
export interface AlertOutbox {
  /**
   * Up to `limit` rows not yet marked dispatched, oldest first. Two relays may see the same row; the
   * queue's singleton key (the dedupe id) turns the second hand-over into a no-op.
   */
  claimUndispatched(limit: number): Promise<readonly UndispatchedAlert[]>;
  markDispatched(outboxId: string): Promise<void>;
  /**
   * The message, read when it is sent: the queue's job holds only the outbox id, so no address, text or
   * secret is copied into pg-boss's tables. Undefined if the row is gone (the alert was withdrawn, or the
   * subject's personal data erased): nothing is sent then.
   */
  loadMessage(outboxId: string): Promise<AlertDeliveryMessage | undefined>;
  /** Called after every attempt, delivered or not; `attempt` is 1 for the first. */
  recordAttempt(outboxId: string, result: DeliveryResult, attempt: number): Promise<void>;
  /** Called once, when the message will not be tried again: the failure was permanent or attempts ran out. */
  recordPermanentFailure(outboxId: string, failure: AlertDeliveryFailure): Promise<void>;
}

export interface AlertSenders {
  readonly webhook: Pick<WebhookSender, 'send'>;
  readonly email: Pick<EmailSender, 'send'>;
}

/** pg-boss's retry schedule: with `backoff`, the n-th wait is delaySeconds × 2^(n−1) × (1 + random). */
export interface AlertDeliveryRetry {
  /** Retries after the first attempt. */
  readonly limit: number;
  readonly delaySeconds: number;
  readonly backoff: boolean;
}

export interface AlertDeliveryOptions {
  readonly outbox: AlertOutbox;
  /** A started queue. It stays the caller's: stop it after `stop()` of the delivery. */
  readonly queue: JobQueue;
  /** They stay the caller's too: close the e-mail sender after `stop()`. */
  readonly senders: AlertSenders;
  readonly logger: Logger;
  /** How often the relay looks at the outbox when `relayNow()` did not wake it. */
  readonly relayIntervalMs: number;
  /** Outbox rows read at a time; 100 unless set. */
  readonly relayBatchSize?: number;
  /** Deliveries in flight at once in this process; 10 unless set. */
  readonly concurrency?: number;
  /** How often an idle worker asks the queue for jobs; 2 s unless set. A hand-over in this process wakes it. */
  readonly pollingIntervalSeconds?: number;
  /** 10 retries from 30 s with backoff unless set: the last waits are 4 to 8.5 hours, about 9 to 17 in all. */
  readonly retry?: AlertDeliveryRetry;
}

export interface AlertDelivery {
  /** Asks the relay to look at the outbox now, e.g. right after a transaction that wrote alerts commits. */
  relayNow(): void;
  /** Stops relaying and delivering; returns when the deliveries in flight are recorded. Idempotent. */
  stop(): Promise<void>;
}

const DEFAULT_RETRY: AlertDeliveryRetry = { limit: 10, delaySeconds: 30, backoff: true };

/** Thrown for a retryable failure, so the queue keeps the job for another attempt. */
class RetryableDeliveryError extends Error {
  constructor(attempt: number, maxAttempts: number) {
    super(`alert delivery attempt ${attempt} of ${maxAttempts} failed and will be retried`);
    this.name = 'RetryableDeliveryError';
  }
}

function outboxIdOf(payload: unknown): string | undefined {
  const outboxId = (payload as { outboxId?: unknown } | null)?.outboxId;
  return typeof outboxId === 'string' && outboxId !== '' ? outboxId : undefined;
}

function requirePositiveWholeNumber(name: string, value: number): void {
  if (!Number.isInteger(value) || value <= 0) throw new RangeError(`${name} must be a positive whole number`);
}

async function sendThrough(senders: AlertSenders, message: AlertDeliveryMessage): Promise<DeliveryResult> {
  try {
    switch (message.channel) {
      case 'webhook':
        if (message.webhookSecret === undefined) {
          return { kind: 'failed', retryable: false, reason: 'the webhook has no signing secret' };
        }
        return await senders.webhook.send({
          url: message.target,
          id: message.dedupeId,
          payload: message.json,
          secret: message.webhookSecret,
        });
      case 'email':
        return await senders.email.send({
          dedupeId: message.dedupeId,
          to: message.target,
          subject: message.subject,
          text: message.text,
          ...(message.html === undefined ? {} : { html: message.html }),
        });
    }
  } catch (error) {
    // Senders answer with values; an exception is a defect, but the message may still go through later.
    return { kind: 'failed', retryable: true, reason: `the sender failed: ${String(error)}` };
  }
}

/**
 * Starts delivering alerts at least once: (a) a relay hands undispatched outbox rows to the
 * `alert-delivery` queue (singleton key = dedupe id, so a row handed over twice is one job) and marks them
 * dispatched; (b) a worker takes each job, sends the message through its channel's sender, records the
 * attempt, and throws on a retryable failure so the queue retries it with backoff. A permanent failure, or
 * the last failed attempt, is recorded once. Logs carry outbox ids and channels, never targets or text.
 *
 * "At least once": a crash between a send and its record means the message is sent again; receivers drop
 * the copy by its `webhook-id` or Message-ID.
 *
 * @throws RangeError for malformed options.
 */
export async function startAlertDelivery(options: AlertDeliveryOptions): Promise<AlertDelivery> {
  const { outbox, queue, senders, logger, relayIntervalMs } = options;
  const relayBatchSize = options.relayBatchSize ?? 100;
  const concurrency = options.concurrency ?? 10;
  const retry = options.retry ?? DEFAULT_RETRY;
  requirePositiveWholeNumber('relayIntervalMs', relayIntervalMs);
  requirePositiveWholeNumber('relayBatchSize', relayBatchSize);
  requirePositiveWholeNumber('concurrency', concurrency);
  if (
    !Number.isInteger(retry.limit) ||
    retry.limit < 0 ||
    !Number.isInteger(retry.delaySeconds) ||
    retry.delaySeconds < 0
  ) {
    throw new RangeError('retry.limit and retry.delaySeconds must be whole numbers, zero or more');
  }

  async function deliver(job: QueuedJob<unknown>): Promise<void> {
    const outboxId = outboxIdOf(job.payload);
    if (outboxId === undefined) {
      logger.error({ jobId: job.id }, 'alert delivery job has no outbox id');
      return;
    }
    const message = await outbox.loadMessage(outboxId);
    if (message === undefined) {
      logger.warn({ outboxId }, 'alert outbox row is gone; nothing sent');
      return;
    }
    const result = await sendThrough(senders, message);
    await outbox.recordAttempt(outboxId, result, job.attempt);
    const fields = { outboxId, channel: message.channel, attempt: job.attempt };
    if (result.kind === 'delivered') {
      logger.info({ ...fields, status: result.status }, 'alert delivered');
      return;
    }
    if (result.retryable && job.attempt < job.maxAttempts) {
      logger.warn({ ...fields, reason: result.reason }, 'alert delivery failed; will retry');
      throw new RetryableDeliveryError(job.attempt, job.maxAttempts);
    }
    await outbox.recordPermanentFailure(outboxId, { reason: result.reason, attempts: job.attempt });
    logger.error(
      { ...fields, reason: result.reason, retryable: result.retryable },
      'alert delivery failed for good',
    );
  }

  const relayState = { stopped: false };
  let relayWake = new AbortController();

  async function relayOutbox(): Promise<void> {
    for (;;) {
      const batch = await outbox.claimUndispatched(relayBatchSize);
      for (const row of batch) {
        if (relayState.stopped) return;
        const sent = await queue.send(
          ALERT_DELIVERY_QUEUE,
          { outboxId: row.outboxId },
          {
            singletonKey: row.dedupeId,
            retryLimit: retry.limit,
            retryDelaySeconds: retry.delaySeconds,
            retryBackoff: retry.backoff,
          },
        );
        if (sent.kind === 'duplicate') logger.info({ outboxId: row.outboxId }, 'alert was already queued');
        await outbox.markDispatched(row.outboxId);
      }
      if (batch.length < relayBatchSize) return;
    }
  }

  await queue.createQueue(ALERT_DELIVERY_QUEUE);
  const worker: JobWorker = await queue.work(ALERT_DELIVERY_QUEUE, deliver, {
    batchSize: concurrency,
    ...(options.pollingIntervalSeconds === undefined
      ? {}
      : { pollingIntervalSeconds: options.pollingIntervalSeconds }),
  });
  const relay = (async () => {
    while (!relayState.stopped) {
      try {
        await relayOutbox();
      } catch (error) {
        logger.error({ err: error }, 'alert relay failed; retrying at the next interval');
      }
      // Ends at once when stop() aborted the wake signal.
      await sleep(relayIntervalMs, undefined, { signal: relayWake.signal }).catch(() => undefined);
      relayWake = new AbortController();
    }
  })();

  let stopping: Promise<void> | undefined;
  return {
    relayNow: () => {
      relayWake.abort();
    },
    stop: () => {
      stopping ??= (async () => {
        relayState.stopped = true;
        relayWake.abort();
        await relay;
        await worker.stop();
      })();
      return stopping;
    },
  };
}
