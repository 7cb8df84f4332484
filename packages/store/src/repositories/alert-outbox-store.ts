import { sql, type Kysely } from 'kysely';
import type { AlertChannel } from '@carapace/domain';
import type { Database } from '../schema.js';

/** An outbox message that is due, with what the sender needs to resolve its target (still encrypted). */
export interface DueOutboxMessage {
  readonly outboxId: string;
  readonly alertId: string;
  readonly ruleId: string | null;
  readonly channel: Exclude<AlertChannel, 'inbox'>;
  readonly dedupeId: string;
  readonly payload: Readonly<Record<string, unknown>>;
  readonly deliverAfter: Date;
  readonly mode: 'immediate' | 'digest';
  /** The tenant whose key encrypted the rule's target and secret (the insurer). */
  readonly keyTenantId: string;
  readonly targetCiphertext: string | null;
  readonly secretCiphertext: string | null;
  readonly attempts: number;
}

export type OutboxAttemptResult =
  | { readonly kind: 'delivered'; readonly at: Date }
  | { readonly kind: 'failed'; readonly at: Date; readonly reason: string; readonly final: boolean };

/**
 * The alert outbox as the delivery worker sees it: the platform's own job, outside any tenant scope.
 */
export class KyselyAlertOutbox {
  constructor(private readonly db: Kysely<Database>) {}

  /**
   * Due, undispatched messages, oldest first. Reading does not claim them: the relay marks a message
   * dispatched only after the queue accepted it, so a crash in between re-relays it (the queue's singleton
   * key, the dedupe id, keeps a second copy out).
   */
  async listDue(limit: number, now: Date): Promise<readonly { outboxId: string; dedupeId: string }[]> {
    const rows = await this.db
      .selectFrom('alertOutbox')
      .select(['id', 'dedupeId'])
      .where('dispatchedAt', 'is', null)
      .where('deliverAfter', '<=', now)
      .orderBy('deliverAfter')
      .orderBy('createdAt')
      .limit(limit)
      .execute();
    return rows.map((row) => ({ outboxId: row.id, dedupeId: row.dedupeId }));
  }

  /** One message with what the sender needs to resolve its target (still encrypted); undefined if gone. */
  async findMessage(outboxId: string): Promise<DueOutboxMessage | undefined> {
    // Result columns come back camelCased (the CamelCasePlugin), raw SQL included.
    const result = await sql<{
      outboxId: string;
      alertId: string;
      ruleId: string | null;
      channel: 'webhook' | 'email';
      dedupeId: string;
      payload: Record<string, unknown>;
      deliverAfter: Date;
      mode: 'immediate' | 'digest' | null;
      keyTenantId: string;
      targetCiphertext: string | null;
      secretCiphertext: string | null;
      attempts: number;
    }>`
      select o.id as outbox_id, o.alert_id, o.rule_id, o.channel, o.dedupe_id, o.payload, o.deliver_after,
        o.attempts, r.mode, r.target_ciphertext, r.secret_ciphertext, m.insurer_id as key_tenant_id
      from alert_outbox o
      join alerts a on a.id = o.alert_id
      join monitored_insureds m on m.id = a.monitored_insured_id
      left join alert_rules r on r.id = o.rule_id
      where o.id = ${outboxId}::uuid`.execute(this.db);
    const row = result.rows[0];
    if (row === undefined) return undefined;
    return {
      outboxId: row.outboxId,
      alertId: row.alertId,
      ruleId: row.ruleId,
      channel: row.channel,
      dedupeId: row.dedupeId,
      payload: row.payload,
      deliverAfter: row.deliverAfter,
      mode: row.mode ?? 'immediate',
      keyTenantId: row.keyTenantId,
      targetCiphertext: row.targetCiphertext,
      secretCiphertext: row.secretCiphertext,
      attempts: row.attempts,
    };
  }

  async markDispatched(outboxIds: readonly string[], at: Date): Promise<void> {
    if (outboxIds.length === 0) return;
    await this.db
      .updateTable('alertOutbox')
      .set({ dispatchedAt: at })
      .where('id', 'in', [...outboxIds])
      .where('dispatchedAt', 'is', null)
      .execute();
  }

  /**
   * Records one delivery attempt. A delivery marks the alert delivered (if nobody acknowledged it yet); a
   * final failure is kept with its reason for the operator.
   */
  async recordAttempt(outboxIds: readonly string[], result: OutboxAttemptResult): Promise<void> {
    if (outboxIds.length === 0) return;
    await this.db.transaction().execute(async (transaction) => {
      await transaction
        .updateTable('alertOutbox')
        .set((eb) => ({
          attempts: eb('attempts', '+', 1),
          ...(result.kind === 'delivered'
            ? { deliveredAt: result.at, lastError: null }
            : { lastError: result.reason.slice(0, 1000), ...(result.final ? { failedAt: result.at } : {}) }),
        }))
        .where('id', 'in', [...outboxIds])
        .execute();
      if (result.kind === 'delivered') {
        await transaction
          .updateTable('alerts')
          .set({ status: 'delivered', deliveredAt: result.at })
          .where('status', '=', 'created')
          .where('id', 'in', (eb) =>
            eb
              .selectFrom('alertOutbox')
              .select('alertId')
              .where('id', 'in', [...outboxIds]),
          )
          .execute();
      }
    });
  }

  /** The message will not be tried again: kept with its reason for the operator. */
  async recordFailure(outboxIds: readonly string[], reason: string, at: Date): Promise<void> {
    if (outboxIds.length === 0) return;
    await this.db
      .updateTable('alertOutbox')
      .set({ failedAt: at, lastError: reason.slice(0, 1000) })
      .where('id', 'in', [...outboxIds])
      .execute();
  }

  /** How many messages are waiting, dispatched-but-undelivered and failed: the delivery health the ops page shows. */
  async backlog(): Promise<{ readonly waiting: number; readonly inFlight: number; readonly failed: number }> {
    const row = await this.db
      .selectFrom('alertOutbox')
      .select((eb) => [
        eb.fn.countAll<string>().filterWhere('dispatchedAt', 'is', null).as('waiting'),
        eb.fn
          .countAll<string>()
          .filterWhere((inner) =>
            inner.and([
              inner('dispatchedAt', 'is not', null),
              inner('deliveredAt', 'is', null),
              inner('failedAt', 'is', null),
            ]),
          )
          .as('inFlight'),
        eb.fn.countAll<string>().filterWhere('failedAt', 'is not', null).as('failed'),
      ])
      .executeTakeFirstOrThrow();
    return { waiting: Number(row.waiting), inFlight: Number(row.inFlight), failed: Number(row.failed) };
  }
}
