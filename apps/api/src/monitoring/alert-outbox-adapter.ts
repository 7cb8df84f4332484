import type { PersonalDataProtection } from '@carapace/domain';
import { Redacted } from '@carapace/security';
import type { KyselyAlertOutbox } from '@carapace/store';
import type { AlertDeliveryMessage, AlertOutbox } from './delivery/alert-delivery-worker.js';
import type { DeliveryResult } from './delivery/delivery-result.js';

interface AlertPayload {
  readonly title?: unknown;
  readonly priority?: unknown;
  readonly acknowledgeBy?: unknown;
  readonly finding?: {
    readonly vulnerability?: unknown;
    readonly component?: unknown;
    readonly version?: unknown;
  };
}

const escapeHtml = (text: string) => text.replace(/[&<>"']/g, (character) => `&#${character.charCodeAt(0)};`);

/** The e-mail's words: Chinese first, then English, the same facts in both. */
export function alertEmail(payload: AlertPayload): { subject: string; text: string; html: string } {
  const title = typeof payload.title === 'string' ? payload.title : 'Carapace';
  const priority = typeof payload.priority === 'number' ? payload.priority : null;
  const due = typeof payload.acknowledgeBy === 'string' ? payload.acknowledgeBy : null;
  const lines = [
    `【Carapace 风险预警】${title}`,
    priority === null ? null : `优先级 ${priority}/100`,
    due === null ? null : `请于 ${due} 前在 Carapace 中确认此预警。`,
    '',
    `[Carapace alert] ${title}`,
    priority === null ? null : `Priority ${priority}/100`,
    due === null ? null : `Please acknowledge it in Carapace by ${due}.`,
  ].filter((line): line is string => line !== null);
  return {
    subject: `【Carapace 预警 Alert】${title}`.slice(0, 200),
    text: lines.join('\n'),
    html: lines.map((line) => (line === '' ? '<hr>' : `<p>${escapeHtml(line)}</p>`)).join('\n'),
  };
}

/**
 * The delivery worker's view of the outbox: ids for the relay, and at send time the message with its target
 * and webhook secret decrypted under the rule's own data key. Nothing decrypted is stored or logged.
 */
export function alertOutboxFor(
  store: KyselyAlertOutbox,
  protection: PersonalDataProtection,
  clock: () => Date = () => new Date(),
): AlertOutbox {
  return {
    claimUndispatched: (limit) => store.listDue(limit, clock()),
    markDispatched: (outboxId) => store.markDispatched([outboxId], clock()),
    async loadMessage(outboxId): Promise<AlertDeliveryMessage | undefined> {
      const row = await store.findMessage(outboxId);
      if (row === undefined || row.ruleId === null || row.targetCiphertext === null) return undefined;
      const location = (column: string) => ({
        tenantId: row.keyTenantId,
        table: 'alert_rules',
        column,
        rowId: row.ruleId ?? '',
        subjectId: row.ruleId ?? '',
      });
      const target = await protection.decrypt(row.targetCiphertext, location('target_ciphertext'));
      const email = alertEmail(row.payload);
      return {
        dedupeId: row.dedupeId,
        channel: row.channel,
        target,
        ...email,
        json: row.payload,
        ...(row.secretCiphertext === null
          ? {}
          : {
              webhookSecret: Redacted.of(
                await protection.decrypt(row.secretCiphertext, location('secret_ciphertext')),
              ),
            }),
      };
    },
    recordAttempt: async (outboxId, result: DeliveryResult) => {
      await store.recordAttempt(
        [outboxId],
        result.kind === 'delivered'
          ? { kind: 'delivered', at: clock() }
          : { kind: 'failed', at: clock(), reason: result.reason, final: false },
      );
    },
    recordPermanentFailure: (outboxId, failure) => store.recordFailure([outboxId], failure.reason, clock()),
  };
}
