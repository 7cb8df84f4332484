import { createHash } from 'node:crypto';
import type { Repositories } from '../platform/unit-of-work.js';
import type { Ecosystem } from './advisory.js';
import type { Alert } from './alert.js';
import { alertConditionMatches, type AlertRule } from './alert-rule.js';
import type { Finding } from './finding.js';
import type { NewOutboxMessage } from './monitoring-repository.js';
import type { MonitoredInsured } from './monitored-insured.js';

const HOUR_MS = 3_600_000;

/**
 * A receiver's dedupe key (webhook-id, Message-ID, queue singleton key): derived from what makes the alert
 * one occurrence, so raising it again yields the same id; only letters, digits, `_` and `-`.
 */
export function alertDedupeId(kind: string, ...parts: readonly string[]): string {
  return `${kind}_${createHash('sha256').update(parts.join('\n')).digest('hex').slice(0, 40)}`;
}

/** Digests go out once a day at 08:00 China Standard Time (00:00 UTC), the start of a working day. */
export function nextDigestTime(now: Date): Date {
  const next = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate()));
  if (next.getTime() <= now.getTime()) next.setUTCDate(next.getUTCDate() + 1);
  return next;
}

function ecosystemOf(finding: Finding): Ecosystem | null {
  const type = /^pkg:([a-z]+)\//.exec(finding.purl ?? '')?.[1];
  const byType: Record<string, Ecosystem> = {
    npm: 'npm',
    pypi: 'PyPI',
    maven: 'Maven',
    golang: 'Go',
    cargo: 'crates.io',
  };
  return type === undefined ? null : (byType[type] ?? null);
}

/** What the receiver of a webhook or an email learns: enough to act, no more (no other insured, no people). */
export function alertPayload(
  alert: Alert,
  insured: MonitoredInsured,
  finding: Finding | undefined,
): Record<string, unknown> {
  return {
    type: `carapace.alert.${alert.kind}`,
    alertId: alert.id,
    dedupeId: alert.dedupeId,
    title: alert.title,
    priority: alert.priority,
    createdAt: alert.createdAt.toISOString(),
    acknowledgeBy: alert.acknowledgeBy.toISOString(),
    monitoredInsuredId: insured.id,
    organisationId: insured.organisationId,
    ...(finding === undefined
      ? {}
      : {
          finding: {
            id: finding.id,
            state: finding.state,
            component: finding.componentName,
            version: finding.componentVersion,
            purl: finding.purl,
            vulnerability: finding.aliasGroup,
            advisories: finding.advisoryIds,
            cves: finding.cveIds,
            cvss: finding.cvssScore,
            epss: finding.epss,
            kev: finding.kev,
            knownRansomwareUse: finding.knownRansomwareUse,
            severity: finding.severityBand,
          },
        }),
  };
}

export function outboxMessageFor(
  alert: Alert,
  rule: AlertRule,
  payload: Record<string, unknown>,
  now: Date,
): NewOutboxMessage | undefined {
  if (rule.channel === 'inbox') return undefined;
  return {
    alertId: alert.id,
    ruleId: rule.id,
    channel: rule.channel,
    dedupeId: alert.dedupeId,
    payload,
    createdAt: now,
    deliverAfter: rule.mode === 'digest' ? nextDigestTime(now) : now,
  };
}

/**
 * Raises alerts for findings a rescan made new, reopened or newly known-exploited: one per matching enabled
 * rule, with the outbox message in the same transaction, so an alert is never lost nor sent for a rolled-back
 * finding. The dedupe id names the rule, the finding and the occurrence: a repeat raises nothing.
 */
export async function raiseFindingAlerts(
  { monitoring }: Pick<Repositories, 'monitoring'>,
  insured: MonitoredInsured,
  findings: readonly Finding[],
  now: Date,
): Promise<readonly Alert[]> {
  if (findings.length === 0) return [];
  const rules = (await monitoring.listAlertRules(insured.id)).filter((rule) => rule.enabled);
  const alerts: Alert[] = [];
  const sources = new Map<string, { rule: AlertRule; finding: Finding }>();
  for (const finding of findings) {
    for (const rule of rules) {
      if (!alertConditionMatches(rule.condition, { ...finding, ecosystem: ecosystemOf(finding) })) continue;
      const occurrence = `${finding.stateChangedAt.getTime()}${finding.kev ? '-kev' : ''}`;
      const alert: Alert = {
        id: globalThis.crypto.randomUUID(),
        monitoredInsuredId: insured.id,
        ruleId: rule.id,
        findingId: finding.id,
        kind: 'finding',
        title: `${finding.kev ? '[KEV] ' : ''}${finding.aliasGroup} · ${finding.componentName}${finding.componentVersion === null ? '' : `@${finding.componentVersion}`}`,
        priority: finding.priority,
        status: 'created',
        dedupeId: alertDedupeId('finding', rule.id, finding.id, occurrence),
        createdAt: now,
        acknowledgeBy: new Date(now.getTime() + rule.acknowledgeWithinHours * HOUR_MS),
        deliveredAt: null,
        acknowledgedAt: null,
        acknowledgedBy: null,
        closedAt: null,
        closedBy: null,
        escalatedAt: null,
        escalationOf: null,
      };
      alerts.push(alert);
      sources.set(alert.dedupeId, { rule, finding });
    }
  }
  const inserted = await monitoring.insertAlerts(alerts);
  const messages: NewOutboxMessage[] = [];
  for (const alert of inserted) {
    const source = sources.get(alert.dedupeId);
    if (source === undefined) continue;
    const message = outboxMessageFor(alert, source.rule, alertPayload(alert, insured, source.finding), now);
    if (message !== undefined) messages.push(message);
  }
  await monitoring.insertOutboxMessages(messages);
  return inserted;
}

/**
 * An alert that is not about a finding (a partner's indicator hit or incident): it goes to every enabled rule
 * at once, whatever the rule's condition or mode, because the partner's judgement is the condition. With no
 * rule it still lands in the inbox. Returns the first alert raised.
 */
export async function raisePartnerAlert(
  { monitoring }: Pick<Repositories, 'monitoring'>,
  insured: MonitoredInsured,
  kind: 'indicator_hit' | 'incident',
  event: { readonly externalId: string; readonly summary: string; readonly priority: number },
  now: Date,
): Promise<Alert | undefined> {
  const rules = (await monitoring.listAlertRules(insured.id)).filter((rule) => rule.enabled);
  const alertKind = kind === 'incident' ? 'incident' : 'indicator';
  const alerts: Alert[] = (rules.length === 0 ? [undefined] : rules).map((rule) => ({
    id: globalThis.crypto.randomUUID(),
    monitoredInsuredId: insured.id,
    ruleId: rule?.id ?? null,
    findingId: null,
    kind: alertKind,
    title: `${kind === 'incident' ? '安全事件 Incident' : '威胁指标命中 Indicator hit'}: ${event.summary.trim().slice(0, 180)}`,
    priority: event.priority,
    status: 'created',
    dedupeId: alertDedupeId('partner', insured.id, event.externalId, rule?.id ?? 'inbox'),
    createdAt: now,
    acknowledgeBy: new Date(now.getTime() + (rule?.acknowledgeWithinHours ?? 24) * HOUR_MS),
    deliveredAt: null,
    acknowledgedAt: null,
    acknowledgedBy: null,
    closedAt: null,
    closedBy: null,
    escalatedAt: null,
    escalationOf: null,
  }));
  const inserted = await monitoring.insertAlerts(alerts);
  const messages: NewOutboxMessage[] = [];
  for (const alert of inserted) {
    const rule = rules.find((candidate) => candidate.id === alert.ruleId);
    if (rule === undefined) continue;
    const message = outboxMessageFor(
      alert,
      { ...rule, mode: 'immediate' },
      alertPayload(alert, insured, undefined),
      now,
    );
    if (message !== undefined) messages.push(message);
  }
  await monitoring.insertOutboxMessages(messages);
  return inserted[0];
}
