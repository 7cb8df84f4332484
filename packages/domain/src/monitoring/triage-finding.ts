import type { AccessContext } from '../identity/actor.js';
import { actorId } from '../identity/actor.js';
import { requirePermission } from '../identity/access-rules.js';
import type { UnitOfWork } from '../platform/unit-of-work.js';
import { NotFoundError } from '../shared/domain-error.js';
import { decideTriage, type Finding, type TriageDecision } from './finding.js';
import { MONITORING_ACCESS_RULES } from './monitoring-access-rules.js';
import type { MonitoringServices } from './monitoring-services.js';
import { takeRiskSnapshot } from './take-risk-snapshot.js';
import { requireMonitoredInsured } from './require-monitored-insured.js';

/**
 * Records a person's triage decision with its justification, keeps the history, and re-scores the insured
 * when the decision changes its exposure. Accepting a risk needs its own permission.
 */
export async function triageFinding(
  unitOfWork: UnitOfWork,
  services: MonitoringServices,
  context: AccessContext,
  findingId: string,
  decision: TriageDecision,
): Promise<Finding> {
  requirePermission(
    context.actor,
    MONITORING_ACCESS_RULES,
    decision.state === 'RISK_ACCEPTED' ? 'finding.accept_risk' : 'finding.triage',
  );
  return unitOfWork.run(async (repositories) => {
    const finding = await repositories.monitoring.findFinding(findingId);
    if (finding === undefined) throw new NotFoundError('finding_not_found', `no finding ${findingId}`);
    const now = services.clock();
    const actor = actorId(context.actor);
    const change = decideTriage(finding, decision, actor, now);
    await repositories.monitoring.updateFindingState(finding.id, change);
    await repositories.monitoring.appendFindingEvents([
      {
        findingId: finding.id,
        at: now,
        kind: 'triaged',
        fromState: finding.state,
        toState: change.state,
        actor,
        justification: change.justification,
        details: change.riskAcceptedUntil === null ? {} : { until: change.riskAcceptedUntil.toISOString() },
      },
    ]);
    const insured = await requireMonitoredInsured(repositories.monitoring, finding.monitoredInsuredId);
    await takeRiskSnapshot(repositories, services, insured, `triage ${change.state}`, now);
    return { ...finding, ...change };
  });
}
