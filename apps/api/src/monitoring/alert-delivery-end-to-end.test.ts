import { randomUUID } from 'node:crypto';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import pino from 'pino';
import { expect, it } from 'vitest';
import {
  AdvisoryIndexCache,
  acknowledgeAlert,
  defineAlertRule,
  enrolInsured,
  escalateOverdueAlerts,
  importFeed,
  readCycloneDxSbom,
  systemContext,
  uploadInventory,
  type AccessContext,
  type MonitoringServices,
  type Role,
  type UnderwritingServices,
} from '@carapace/domain';
import { generateKeyring, type Redacted } from '@carapace/security';
import { createUnitOfWork, createUnitOfWorkFactory, KyselyAlertOutbox, openJobQueue } from '@carapace/store';
import { describeEachDatabase } from '@carapace/store/testing';
import { personalDataProtectionFor } from '../privacy/vault-personal-data-protection.js';
import { startSmtpSink, type SmtpSink } from '../testing/smtp-sink.js';
import { startWebhookReceiver, type WebhookReceiver } from '../testing/webhook-receiver.js';
import { alertOutboxFor } from './alert-outbox-adapter.js';
import { startAlertDelivery } from './delivery/alert-delivery-worker.js';
import { createEmailSender } from './delivery/email-sender.js';
import { createWebhookSender } from './delivery/webhook-sender.js';

const SHARED_DATA = fileURLToPath(new URL('../../../../../shared/data/', import.meta.url));

function userContext(tenantId: string, tenantKind: 'insurer' | 'insured', role: Role): AccessContext {
  return {
    actor: {
      kind: 'user',
      userId: randomUUID(),
      tenantId,
      tenantKind,
      roles: [role],
      sessionId: null,
      apiTokenId: null,
      scopes: null,
    },
    purpose: 'test',
    requestId: null,
    approvalId: null,
  };
}

function chunksOf(text: string): AsyncIterable<string> {
  return (async function* () {
    await Promise.resolve();
    yield text;
  })();
}

// Stopped inside the test, before the database closes (the database's own afterEach runs first).
const cleanups: (() => Promise<void>)[] = [];
async function cleanUp(): Promise<void> {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
}

describeEachDatabase(
  'alerts from a rescan reach a signed webhook and an SMTP inbox, once each',
  ({ handle }) => {
    it('raises alerts in the rescan transaction, delivers them at least once with their dedupe id, then escalates', async () => {
      try {
        const { db } = handle();
        const keyDir = await mkdtemp(join(tmpdir(), 'carapace-alerts-'));
        cleanups.push(() => rm(keyDir, { recursive: true, force: true }));
        const protection = personalDataProtectionFor(keyDir, generateKeyring());
        const unitOfWorkFor = createUnitOfWorkFactory(db);
        let now = new Date();
        const cache = new AdvisoryIndexCache();
        const services: MonitoringServices = {
          advisoryIndex: (feeds) => cache.indexFor(feeds),
          protection,
          underwriting: {} as UnderwritingServices,
          clock: () => now,
        };
        await importFeed(
          unitOfWorkFor,
          systemContext('test', 'feed.import'),
          'nodejs-security-wg',
          {
            location: 'npm_nodejs_security_wg.jsonl',
            chunks: chunksOf(await readFile(`${SHARED_DATA}osv/npm_nodejs_security_wg.jsonl`, 'utf8')),
          },
          () => now,
        );
        const organisation = async (kind: 'insurer' | 'insured', registeredBy: string | null) =>
          (
            await db
              .insertInto('organisations')
              .values({
                kind,
                nameZh: `${kind}-${randomUUID()}`,
                nameEn: null,
                creditCode: null,
                registeredBy,
              })
              .returning('id')
              .executeTakeFirstOrThrow()
          ).id;
        const insurerId = await organisation('insurer', null);
        // The insurer registered the company it underwrote and now monitors.
        const companyId = await organisation('insured', insurerId);
        const underwriter = userContext(insurerId, 'insurer', 'underwriter');
        const policyholder = userContext(companyId, 'insured', 'policyholder');
        const insured = await enrolInsured(
          unitOfWorkFor(underwriter),
          underwriter,
          { organisationId: companyId },
          now,
        );

        const secrets: Redacted<string>[] = [];
        const receiver: WebhookReceiver = await startWebhookReceiver({ secret: secrets });
        cleanups.push(() => receiver.close());
        const sink: SmtpSink = await startSmtpSink({});
        cleanups.push(() => sink.close());
        const webhookRule = await defineAlertRule(
          unitOfWorkFor(policyholder),
          services,
          policyholder,
          insured.id,
          {
            name: 'Everything of priority 40 or more',
            audience: 'policyholder',
            condition: { preset: 'priority_at_least', threshold: 40 },
            mode: 'immediate',
            channel: 'webhook',
            target: `${receiver.url}/hooks/carapace`,
            acknowledgeWithinHours: 4,
          },
        );
        secrets.push(webhookRule.webhookSecret!);
        expect(webhookRule.rule.targetHint).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/…$/);
        const emailRule = await defineAlertRule(
          unitOfWorkFor(underwriter),
          services,
          underwriter,
          insured.id,
          {
            name: 'Underwriting desk',
            audience: 'insurer',
            condition: { preset: 'custom', minPriority: 40, ecosystems: ['npm'] },
            mode: 'immediate',
            channel: 'email',
            target: 'cyber-desk@insurer.example',
            acknowledgeWithinHours: 24,
          },
        );
        expect(emailRule.rule.targetHint).toBe('c***@insurer.example');
        // The stored target is a ciphertext, never the address.
        const stored = await db.selectFrom('alertRules').select(['targetCiphertext']).execute();
        expect(
          stored.every(
            (row) => row.targetCiphertext === null || row.targetCiphertext.startsWith('v1.A256GCM.'),
          ),
        ).toBe(true);

        const sbom = await readCycloneDxSbom(
          await readFile(`${SHARED_DATA}sboms/juice-shop-16.0.0.cdx.json`, 'utf8'),
        );
        const upload = await uploadInventory(
          unitOfWorkFor(policyholder),
          services,
          policyholder,
          insured.id,
          {
            kind: 'cyclonedx',
            serialNumber: null,
            specVersion: sbom.metadata.specVersion,
            describedComponent: null,
            components: sbom.components,
          },
        );
        const alerts = await db
          .selectFrom('alerts')
          .selectAll()
          .where('monitoredInsuredId', '=', insured.id)
          .execute();
        const expectedWebhooks = alerts.filter((alert) => alert.ruleId === webhookRule.rule.id).length;
        const expectedEmails = alerts.filter((alert) => alert.ruleId === emailRule.rule.id).length;
        expect(upload.rescan.alertsRaised).toBe(alerts.length);
        expect(expectedWebhooks).toBeGreaterThan(0);
        expect(expectedEmails).toBe(expectedWebhooks);

        const queue = openJobQueue(handle(), {
          onError: (error) => {
            throw error;
          },
        });
        await queue.start();
        cleanups.push(() => queue.stop());
        const email = createEmailSender({
          smtpUrl: sink.url,
          from: 'Carapace <alerts@carapace.test>',
          allowLoginWithoutTls: true,
        });
        cleanups.push(() => {
          email.close();
          return Promise.resolve();
        });
        const delivery = await startAlertDelivery({
          outbox: alertOutboxFor(new KyselyAlertOutbox(db), protection, () => now),
          queue,
          senders: { webhook: createWebhookSender(), email },
          logger: pino({ level: 'silent' }),
          relayIntervalMs: 200,
          pollingIntervalSeconds: 0.5,
        });
        cleanups.push(() => delivery.stop());
        await receiver.waitForReceived(expectedWebhooks, 30_000);
        for (let waited = 0; sink.received.length < expectedEmails && waited < 30_000; waited += 100) {
          await new Promise((resolve) => setTimeout(resolve, 100));
        }
        expect(sink.received).toHaveLength(expectedEmails);
        expect(new Set(receiver.received.map((webhook) => webhook.id)).size).toBe(expectedWebhooks);
        expect(sink.received.every((mail) => mail.recipients.includes('cyber-desk@insurer.example'))).toBe(
          true,
        );
        expect(sink.received[0]?.subject).toMatch(/^【Carapace 预警 Alert】/);
        expect(sink.received[0]?.text).toContain('[Carapace alert]');

        // Delivered alerts say so; a second upload of the same SBOM raises nothing new and sends nothing more.
        for (let waited = 0; waited < 10_000; waited += 100) {
          const pending = await db
            .selectFrom('alerts')
            .select('id')
            .where('status', '=', 'created')
            .execute();
          if (pending.length === 0) break;
          await new Promise((resolve) => setTimeout(resolve, 100));
        }
        const delivered = await db
          .selectFrom('alerts')
          .select(['status'])
          .where('monitoredInsuredId', '=', insured.id)
          .execute();
        expect(delivered.every((alert) => alert.status === 'delivered')).toBe(true);
        const again = await uploadInventory(unitOfWorkFor(policyholder), services, policyholder, insured.id, {
          kind: 'cyclonedx',
          serialNumber: null,
          specVersion: sbom.metadata.specVersion,
          describedComponent: null,
          components: sbom.components,
        });
        expect(again.rescan.alertsRaised).toBe(0);

        // One is acknowledged; five hours later the other policyholder alerts are overdue and escalate to the
        // insurer's rule, by e-mail.
        const [first] = alerts.filter((alert) => alert.ruleId === webhookRule.rule.id);
        await acknowledgeAlert(unitOfWorkFor(policyholder), policyholder, first!.id, now);
        now = new Date(now.getTime() + 5 * 3_600_000);
        const escalated = await escalateOverdueAlerts(createUnitOfWork(db, 'test'), now);
        expect(escalated).toBe(expectedWebhooks - 1);
        delivery.relayNow();
        const total = expectedEmails + escalated;
        for (let waited = 0; sink.received.length < total && waited < 30_000; waited += 100) {
          await new Promise((resolve) => setTimeout(resolve, 100));
        }
        expect(sink.received).toHaveLength(total);
        expect(sink.received.at(-1)?.subject).toContain('Unacknowledged');
        expect(await escalateOverdueAlerts(createUnitOfWork(db, 'test'), now)).toBe(0);
      } finally {
        await cleanUp();
      }
    }, 180_000);
  },
);
