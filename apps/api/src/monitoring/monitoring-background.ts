import { escalateOverdueAlerts, type PersonalDataProtection } from '@carapace/domain';
import { createUnitOfWork, KyselyAlertOutbox, openJobQueue, type DatabaseHandle } from '@carapace/store';
import type { PlatformConfig } from '../config.js';
import type { Logger } from '../logger.js';
import { alertOutboxFor } from './alert-outbox-adapter.js';
import { startAlertDelivery } from './delivery/alert-delivery-worker.js';
import type { DeliveryResult } from './delivery/delivery-result.js';
import { createEmailSender, type EmailSender } from './delivery/email-sender.js';
import { createWebhookSender } from './delivery/webhook-sender.js';

/** How often overdue alerts are looked for: an SLA is counted in hours, a minute late is fine. */
const ESCALATION_INTERVAL_MS = 60_000;
const RELAY_INTERVAL_MS = 5_000;

export interface MonitoringBackground {
  stop(): Promise<void>;
}

/** Without CARAPACE_SMTP_URL an e-mail cannot go anywhere: each one fails once, with the reason on record. */
const NO_SMTP: Pick<EmailSender, 'send'> = {
  send: (): Promise<DeliveryResult> =>
    Promise.resolve({
      kind: 'failed',
      retryable: false,
      reason: 'no SMTP server is configured (CARAPACE_SMTP_URL)',
    }),
};

/**
 * The platform's monitoring jobs beside the HTTP server: the alert delivery worker (outbox → pg-boss →
 * webhook or e-mail, at least once) and the escalation of alerts nobody acknowledged in time.
 */
export async function startMonitoringBackground(
  database: DatabaseHandle,
  config: Pick<PlatformConfig, 'smtpUrl' | 'alertFrom'>,
  protection: PersonalDataProtection,
  logger: Logger,
): Promise<MonitoringBackground> {
  const queue = openJobQueue(database, {
    onError: (error) => {
      logger.error({ err: error }, 'job queue error');
    },
  });
  await queue.start();
  const email =
    config.smtpUrl === undefined
      ? undefined
      : createEmailSender({ smtpUrl: config.smtpUrl, from: config.alertFrom });
  const delivery = await startAlertDelivery({
    outbox: alertOutboxFor(new KyselyAlertOutbox(database.db), protection),
    queue,
    senders: { webhook: createWebhookSender(), email: email ?? NO_SMTP },
    logger,
    relayIntervalMs: RELAY_INTERVAL_MS,
  });
  let escalating = Promise.resolve();
  const escalation = setInterval(() => {
    escalating = escalating
      .then(() => escalateOverdueAlerts(createUnitOfWork(database.db, 'monitoring'), new Date()))
      .then((count) => {
        if (count > 0) {
          logger.info({ escalated: count }, 'overdue alerts escalated');
          delivery.relayNow();
        }
      })
      .catch((error: unknown) => {
        logger.error({ err: error }, 'escalating overdue alerts failed');
      });
  }, ESCALATION_INTERVAL_MS);
  escalation.unref();
  return {
    stop: async () => {
      clearInterval(escalation);
      await escalating;
      await delivery.stop();
      await queue.stop();
      email?.close();
    },
  };
}
