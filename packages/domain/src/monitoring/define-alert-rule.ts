import { generateWebhookSecret, type Redacted } from '@carapace/security';
import type { AccessContext } from '../identity/actor.js';
import { actorId } from '../identity/actor.js';
import { requirePermission } from '../identity/access-rules.js';
import type { UnitOfWork } from '../platform/unit-of-work.js';
import { RuleViolationError } from '../shared/domain-error.js';
import {
  assertAlertConditionValid,
  type AlertAudience,
  type AlertChannel,
  type AlertCondition,
  type AlertMode,
  type AlertRule,
} from './alert-rule.js';
import { MONITORING_ACCESS_RULES } from './monitoring-access-rules.js';
import type { MonitoringServices } from './monitoring-services.js';
import { requireMonitoredInsured } from './require-monitored-insured.js';

export interface DefineAlertRuleRequest {
  readonly name: string;
  readonly audience: AlertAudience;
  readonly condition: AlertCondition;
  readonly mode: AlertMode;
  readonly channel: AlertChannel;
  /** A webhook's https URL (http only for localhost) or an email address; none for the inbox. */
  readonly target?: string;
  readonly acknowledgeWithinHours: number;
}

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

function checkedTarget(channel: AlertChannel, target: string | undefined): string | undefined {
  if (channel === 'inbox') {
    if (target !== undefined)
      throw new RuleViolationError('alert_rule_invalid', 'the inbox takes no target', 'target');
    return undefined;
  }
  if (target === undefined || target.length > 2000) {
    throw new RuleViolationError('alert_rule_invalid', `a ${channel} rule needs a target`, 'target');
  }
  if (channel === 'email') {
    if (!EMAIL.test(target))
      throw new RuleViolationError('alert_rule_invalid', 'not an email address', 'target');
    return target;
  }
  let url: URL;
  try {
    url = new URL(target);
  } catch {
    throw new RuleViolationError('alert_rule_invalid', 'not a URL', 'target');
  }
  const local = url.hostname === 'localhost' || url.hostname === '127.0.0.1' || url.hostname === '[::1]';
  if (!(url.protocol === 'https:' || (url.protocol === 'http:' && local)) || url.username || url.password) {
    throw new RuleViolationError(
      'alert_rule_invalid',
      'a webhook must be an https URL without credentials',
      'target',
    );
  }
  return url.toString();
}

/** What screens show of a target: enough to recognise it, not enough to use it. */
export function targetHint(channel: AlertChannel, target: string): string {
  if (channel === 'email') {
    const [local = '', domain = ''] = target.split('@');
    return `${local.slice(0, 1)}***@${domain}`;
  }
  const url = new URL(target);
  return `${url.protocol}//${url.host}/…`;
}

/**
 * Adds an alert rule for an insured. Its target and, for a webhook, a new signing secret are encrypted under
 * the rule's own data key; the secret is returned once, here, for the receiver to verify signatures.
 */
export async function defineAlertRule(
  unitOfWork: UnitOfWork,
  services: MonitoringServices,
  context: AccessContext,
  monitoredInsuredId: string,
  request: DefineAlertRuleRequest,
): Promise<{ readonly rule: AlertRule; readonly webhookSecret: Redacted<string> | null }> {
  requirePermission(context.actor, MONITORING_ACCESS_RULES, 'alert_rule.manage');
  const name = request.name.trim();
  if (name.length < 1 || name.length > 200) {
    throw new RuleViolationError('alert_rule_invalid', 'a rule name has 1 to 200 characters', 'name');
  }
  if (
    !Number.isInteger(request.acknowledgeWithinHours) ||
    request.acknowledgeWithinHours < 1 ||
    request.acknowledgeWithinHours > 720
  ) {
    throw new RuleViolationError(
      'alert_rule_invalid',
      'acknowledge within 1 to 720 hours',
      'acknowledgeWithinHours',
    );
  }
  assertAlertConditionValid(request.condition);
  const target = checkedTarget(request.channel, request.target);
  return unitOfWork.run(async ({ monitoring }) => {
    const insured = await requireMonitoredInsured(monitoring, monitoredInsuredId);
    const id = globalThis.crypto.randomUUID();
    const tenantId = insured.insurerId;
    const location = (column: string) => ({
      tenantId,
      table: 'alert_rules',
      column,
      rowId: id,
      subjectId: id,
    });
    const secret = request.channel === 'webhook' ? generateWebhookSecret() : null;
    if (target !== undefined) await services.protection.ensureSubjectKey(tenantId, id);
    const rule = await monitoring.insertAlertRule({
      id,
      monitoredInsuredId: insured.id,
      name,
      audience: request.audience,
      condition: request.condition,
      mode: request.mode,
      channel: request.channel,
      targetCiphertext:
        target === undefined
          ? null
          : await services.protection.encrypt(target, location('target_ciphertext')),
      targetHint: target === undefined ? null : targetHint(request.channel, target),
      secretCiphertext:
        secret === null
          ? null
          : await services.protection.encrypt(secret.reveal(), location('secret_ciphertext')),
      acknowledgeWithinHours: request.acknowledgeWithinHours,
      enabled: true,
      createdBy: actorId(context.actor),
      createdAt: services.clock(),
    });
    return { rule, webhookSecret: secret };
  });
}
