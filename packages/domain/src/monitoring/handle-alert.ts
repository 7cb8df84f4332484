import type { AccessContext } from '../identity/actor.js';
import { actorId } from '../identity/actor.js';
import { requirePermission } from '../identity/access-rules.js';
import type { UnitOfWork } from '../platform/unit-of-work.js';
import { NotFoundError } from '../shared/domain-error.js';
import { acknowledgement, closure, isAlertOverdue, type Alert } from './alert.js';
import { alertDedupeId, alertPayload, outboxMessageFor } from './raise-alerts.js';
import { MONITORING_ACCESS_RULES } from './monitoring-access-rules.js';
import type { NewOutboxMessage } from './monitoring-repository.js';
import { requireMonitoredInsured } from './require-monitored-insured.js';

/** Someone has seen the alert: it stops counting towards escalation. */
export async function acknowledgeAlert(
  unitOfWork: UnitOfWork,
  context: AccessContext,
  alertId: string,
  now: Date,
): Promise<Alert> {
  requirePermission(context.actor, MONITORING_ACCESS_RULES, 'alert.acknowledge');
  return unitOfWork.run(async ({ monitoring }) => {
    const alert = await monitoring.findAlert(alertId);
    if (alert === undefined) throw new NotFoundError('alert_not_found', `no alert ${alertId}`);
    const change = acknowledgement(alert, actorId(context.actor), now);
    await monitoring.updateAlert(alert.id, change);
    return { ...alert, ...change };
  });
}

export async function closeAlert(
  unitOfWork: UnitOfWork,
  context: AccessContext,
  alertId: string,
  now: Date,
): Promise<Alert> {
  requirePermission(context.actor, MONITORING_ACCESS_RULES, 'alert.close');
  return unitOfWork.run(async ({ monitoring }) => {
    const alert = await monitoring.findAlert(alertId);
    if (alert === undefined) throw new NotFoundError('alert_not_found', `no alert ${alertId}`);
    const change = closure(alert, actorId(context.actor), now);
    await monitoring.updateAlert(alert.id, change);
    return { ...alert, ...change };
  });
}

const HOUR_MS = 3_600_000;

/**
 * Escalates alerts nobody acknowledged within their rule's time: each gets an escalation alert to the
 * insured's broker and insurer rules (their inbox when they have none), sent at once whatever the rule's mode.
 * Run by the platform's scheduler.
 */
export async function escalateOverdueAlerts(unitOfWork: UnitOfWork, now: Date, limit = 500): Promise<number> {
  return unitOfWork.run(async ({ monitoring }) => {
    const overdue = (await monitoring.listOverdueAlerts(now, limit)).filter((alert) =>
      isAlertOverdue(alert, now),
    );
    const escalations: Alert[] = [];
    const messages: NewOutboxMessage[] = [];
    for (const alert of overdue) {
      await monitoring.updateAlert(alert.id, { escalatedAt: now });
      const insured = await requireMonitoredInsured(monitoring, alert.monitoredInsuredId);
      const rules = (await monitoring.listAlertRules(insured.id)).filter(
        (rule) => rule.enabled && rule.audience !== 'policyholder',
      );
      const targets = rules.length === 0 ? [undefined] : rules;
      for (const rule of targets) {
        const escalation: Alert = {
          ...alert,
          id: globalThis.crypto.randomUUID(),
          ruleId: rule?.id ?? null,
          kind: 'escalation',
          title: `未确认预警 Unacknowledged: ${alert.title}`,
          status: 'created',
          dedupeId: alertDedupeId('escalation', alert.id, rule?.id ?? 'inbox'),
          createdAt: now,
          acknowledgeBy: new Date(now.getTime() + (rule?.acknowledgeWithinHours ?? 24) * HOUR_MS),
          deliveredAt: null,
          acknowledgedAt: null,
          acknowledgedBy: null,
          closedAt: null,
          closedBy: null,
          escalatedAt: null,
          escalationOf: alert.id,
        };
        escalations.push(escalation);
        const message =
          rule === undefined
            ? undefined
            : outboxMessageFor(
                escalation,
                { ...rule, mode: 'immediate' },
                alertPayload(escalation, insured, undefined),
                now,
              );
        if (message !== undefined) messages.push(message);
      }
    }
    const inserted = new Set((await monitoring.insertAlerts(escalations)).map((alert) => alert.dedupeId));
    await monitoring.insertOutboxMessages(messages.filter((message) => inserted.has(message.dedupeId)));
    return overdue.length;
  });
}
