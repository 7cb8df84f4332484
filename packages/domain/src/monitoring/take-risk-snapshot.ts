import { moneyFromMajorUnits } from '../shared/money.js';
import type { Repositories } from '../platform/unit-of-work.js';
import { assessRisk } from '../underwriting/assess-risk.js';
import { EXPOSED_FINDING_STATES } from './finding.js';
import type { MonitoringServices } from './monitoring-services.js';
import type { MonitoredInsured, RiskScoreSnapshot } from './monitored-insured.js';

/**
 * Re-scores the insured mid-term: its bound submission's profile with today's open findings (critical ones,
 * known-exploited ones) through the same underwriting model that priced it, so a finding's effect on the
 * score and expected loss is the rate plan's, not a second model's. Without a policy to re-score from, the
 * snapshot keeps the counts only.
 */
export async function takeRiskSnapshot(
  { monitoring, underwriting }: Pick<Repositories, 'monitoring' | 'underwriting'>,
  services: Pick<MonitoringServices, 'underwriting'>,
  insured: MonitoredInsured,
  reason: string,
  now: Date,
): Promise<RiskScoreSnapshot> {
  const findings = await monitoring.listAllFindings(insured.id);
  const exposed = findings.filter((finding) => EXPOSED_FINDING_STATES.includes(finding.state));
  const openCritical = exposed.filter((finding) => finding.severityBand === 'critical').length;
  const openKnownExploited = exposed.filter((finding) => finding.kev).length;
  let score: number | null = null;
  let expectedLossMinor: number | null = null;
  let currency: string | null = null;
  const policy = insured.policyId === null ? undefined : await underwriting.findPolicy(insured.policyId);
  const quote = policy === undefined ? undefined : await underwriting.findQuote(policy.quoteId);
  const submission = quote === undefined ? undefined : await underwriting.findSubmission(quote.submissionId);
  if (submission !== undefined) {
    const assessment = await assessRisk(services.underwriting, {
      productId: submission.productId,
      productVersion: submission.productVersion,
      profile: {
        ...submission.profile,
        openFindings: { critical: openCritical, knownExploited: openKnownExploited },
      },
    });
    score = assessment.score.score;
    const loss = moneyFromMajorUnits(
      Math.round(assessment.losses.gross.mean),
      assessment.premium.premium.currency,
    );
    expectedLossMinor = loss.minor;
    currency = loss.currency;
  }
  return monitoring.insertRiskSnapshot({
    id: globalThis.crypto.randomUUID(),
    monitoredInsuredId: insured.id,
    takenAt: now,
    reason,
    score,
    expectedLossMinor,
    currency,
    openFindings: exposed.length,
    openCritical,
    openKnownExploited,
  });
}
