import { RuleViolationError } from '../shared/domain-error.js';

/** created → delivered → acknowledged → closed; an alert nobody acknowledges in time is escalated. */
export const ALERT_STATUSES = ['created', 'delivered', 'acknowledged', 'closed'] as const;
export type AlertStatus = (typeof ALERT_STATUSES)[number];
export const ALERT_KINDS = ['finding', 'indicator', 'incident', 'escalation'] as const;
export type AlertKind = (typeof ALERT_KINDS)[number];

export interface Alert {
  readonly id: string;
  readonly monitoredInsuredId: string;
  readonly ruleId: string | null;
  readonly findingId: string | null;
  readonly kind: AlertKind;
  readonly title: string;
  readonly priority: number;
  readonly status: AlertStatus;
  /** The receiver's dedupe key: a re-sent alert carries the same one (webhook-id, Message-ID). */
  readonly dedupeId: string;
  readonly createdAt: Date;
  /** When the acknowledgement is due (the rule's SLA); escalated after it. */
  readonly acknowledgeBy: Date;
  readonly deliveredAt: Date | null;
  readonly acknowledgedAt: Date | null;
  readonly acknowledgedBy: string | null;
  readonly closedAt: Date | null;
  readonly closedBy: string | null;
  readonly escalatedAt: Date | null;
  readonly escalationOf: string | null;
}

export type AlertChange = Partial<
  Pick<
    Alert,
    'status' | 'deliveredAt' | 'acknowledgedAt' | 'acknowledgedBy' | 'closedAt' | 'closedBy' | 'escalatedAt'
  >
>;

/** @throws RuleViolationError `transition_not_allowed` for a closed alert or a repeated acknowledgement. */
export function acknowledgement(alert: Alert, actor: string, now: Date): AlertChange {
  if (alert.status === 'acknowledged' || alert.status === 'closed') {
    throw new RuleViolationError('transition_not_allowed', `the alert is already ${alert.status}`, 'status');
  }
  return { status: 'acknowledged', acknowledgedAt: now, acknowledgedBy: actor };
}

/** Closing implies acknowledging: whoever closes it has seen it. */
export function closure(alert: Alert, actor: string, now: Date): AlertChange {
  if (alert.status === 'closed') {
    throw new RuleViolationError('transition_not_allowed', 'the alert is already closed', 'status');
  }
  return {
    status: 'closed',
    closedAt: now,
    closedBy: actor,
    ...(alert.acknowledgedAt === null ? { acknowledgedAt: now, acknowledgedBy: actor } : {}),
  };
}

/** An alert is overdue when nobody acknowledged it by its due time and it was not escalated yet. */
export function isAlertOverdue(alert: Alert, now: Date): boolean {
  return (
    alert.kind !== 'escalation' &&
    (alert.status === 'created' || alert.status === 'delivered') &&
    alert.escalatedAt === null &&
    alert.acknowledgeBy.getTime() <= now.getTime()
  );
}
