import type { Finding, FindingChange, FindingEvent, FindingEvidence } from './finding.js';
import type { ObservedVulnerability } from './observed-vulnerability.js';

export interface Reconciliation {
  readonly inserts: readonly Finding[];
  readonly updates: readonly {
    readonly id: string;
    readonly evidence: FindingEvidence & { readonly lastSeenAt: Date };
    readonly change?: FindingChange;
  }[];
  readonly events: readonly FindingEvent[];
  /** Every existing finding this rescan observed again: only their last-seen time changes, in one statement. */
  readonly seen: readonly string[];
  /** Findings that are new or reopened by this rescan: the ones alert rules look at. */
  readonly raised: readonly Finding[];
}

/** True when a rescan's evidence says nothing new about the finding (the usual case: most rescans change little). */
function sameEvidence(finding: FindingEvidence, evidence: FindingEvidence): boolean {
  return (
    finding.title === evidence.title &&
    finding.componentName === evidence.componentName &&
    finding.componentVersion === evidence.componentVersion &&
    finding.purl === evidence.purl &&
    finding.advisoryIds.join(' ') === evidence.advisoryIds.join(' ') &&
    finding.cveIds.join(' ') === evidence.cveIds.join(' ') &&
    finding.cvssScore === evidence.cvssScore &&
    finding.cvssVector === evidence.cvssVector &&
    finding.epss === evidence.epss &&
    finding.kev === evidence.kev &&
    finding.knownRansomwareUse === evidence.knownRansomwareUse &&
    finding.priority === evidence.priority &&
    finding.severityBand === evidence.severityBand
  );
}

const unchangedDecision = (finding: Finding) => ({
  justification: finding.justification,
  decidedBy: finding.decidedBy,
  riskAcceptedBy: finding.riskAcceptedBy,
  riskAcceptedUntil: finding.riskAcceptedUntil,
  resolvedAt: finding.resolvedAt,
  resolutionConfirmedAt: finding.resolutionConfirmedAt,
});

const reopened = (now: Date): FindingChange => ({
  state: 'NEW',
  justification: null,
  decidedBy: null,
  riskAcceptedBy: null,
  riskAcceptedUntil: null,
  resolvedAt: null,
  resolutionConfirmedAt: null,
  stateChangedAt: now,
});

/**
 * Compares what a rescan observed with the insured's findings and says what changes. The rules:
 * - a vulnerability seen for the first time on a component is a NEW finding;
 * - a RESOLVED finding seen again is reopened ("reported again");
 * - NOT_AFFECTED and FALSE_POSITIVE decisions survive rescans, unless an advisory the decision did not
 *   know about now reports the same vulnerability (a new source reopens it);
 * - a RISK_ACCEPTED finding reopens when its acceptance has expired;
 * - a feed finding no longer observed (component removed or upgraded, advisory withdrawn) is RESOLVED, and
 *   a resolution the insured had claimed is confirmed;
 * - partner findings are not touched: an inventory does not speak for a partner's scan.
 */
export function reconcileFindings(
  monitoredInsuredId: string,
  existing: readonly Finding[],
  observed: readonly ObservedVulnerability[],
  now: Date,
  actor: string,
): Reconciliation {
  const byIdentity = new Map(
    existing.map((finding) => [`${finding.componentKey}\u0000${finding.aliasGroup}`, finding]),
  );
  const inserts: Finding[] = [];
  const updates: Reconciliation['updates'][number][] = [];
  const events: FindingEvent[] = [];
  const raised: Finding[] = [];
  const seenIds: string[] = [];
  const seen = new Set<string>();
  const event = (
    finding: Finding,
    kind: FindingEvent['kind'],
    toState: Finding['state'],
    details: FindingEvent['details'],
  ): FindingEvent => ({
    findingId: finding.id,
    at: now,
    kind,
    fromState: kind === 'detected' ? null : finding.state,
    toState,
    actor,
    justification: null,
    details,
  });

  for (const observation of observed) {
    const identity = `${observation.componentKey}\u0000${observation.aliasGroup}`;
    seen.add(identity);
    const finding = byIdentity.get(identity);
    if (finding === undefined) {
      const created: Finding = {
        ...observation.evidence,
        id: globalThis.crypto.randomUUID(),
        monitoredInsuredId,
        componentKey: observation.componentKey,
        aliasGroup: observation.aliasGroup,
        state: 'NEW',
        source: 'feed',
        firstSeenAt: now,
        lastSeenAt: now,
        stateChangedAt: now,
        justification: null,
        decidedBy: null,
        riskAcceptedBy: null,
        riskAcceptedUntil: null,
        resolvedAt: null,
        resolutionConfirmedAt: null,
      };
      inserts.push(created);
      events.push(event(created, 'detected', 'NEW', { priority: created.priority, kev: created.kev }));
      raised.push(created);
      continue;
    }
    const evidence = { ...observation.evidence, lastSeenAt: now };
    const newSources = observation.evidence.advisoryIds.filter((id) => !finding.advisoryIds.includes(id));
    let change: FindingChange | undefined;
    let reason: string | undefined;
    if (finding.state === 'RESOLVED') {
      reason = 'reported_again';
    } else if (
      (finding.state === 'NOT_AFFECTED' || finding.state === 'FALSE_POSITIVE') &&
      newSources.length > 0
    ) {
      reason = 'new_source';
    } else if (
      finding.state === 'RISK_ACCEPTED' &&
      finding.riskAcceptedUntil !== null &&
      finding.riskAcceptedUntil.getTime() <= now.getTime()
    ) {
      reason = 'acceptance_expired';
    }
    if (reason !== undefined) {
      change = reopened(now);
      events.push(
        event(finding, reason === 'acceptance_expired' ? 'acceptance_expired' : 'reopened', 'NEW', {
          reason,
          newSources: newSources.join(' ') || null,
        }),
      );
      raised.push({ ...finding, ...evidence, ...change });
    } else if (
      finding.severityBand !== observation.evidence.severityBand ||
      finding.kev !== observation.evidence.kev
    ) {
      events.push(
        event(finding, 'rescored', finding.state, {
          fromPriority: finding.priority,
          toPriority: observation.evidence.priority,
          kev: observation.evidence.kev,
        }),
      );
      // Becoming known-exploited is news even for a finding already open: rules see it again.
      if (observation.evidence.kev && !finding.kev) raised.push({ ...finding, ...evidence });
    }
    seenIds.push(finding.id);
    if (change !== undefined) updates.push({ id: finding.id, evidence, change });
    else if (!sameEvidence(finding, observation.evidence)) updates.push({ id: finding.id, evidence });
  }

  for (const finding of existing) {
    if (finding.source !== 'feed' || seen.has(`${finding.componentKey}\u0000${finding.aliasGroup}`)) continue;
    if (finding.state === 'RESOLVED' && finding.resolutionConfirmedAt !== null) continue;
    const confirmation = finding.state === 'RESOLVED';
    const change: FindingChange = {
      ...unchangedDecision(finding),
      state: 'RESOLVED',
      riskAcceptedBy: null,
      riskAcceptedUntil: null,
      resolvedAt: finding.resolvedAt ?? now,
      resolutionConfirmedAt: now,
      stateChangedAt: confirmation ? finding.stateChangedAt : now,
    };
    updates.push({ id: finding.id, evidence: { ...finding, lastSeenAt: finding.lastSeenAt }, change });
    events.push(
      event(finding, confirmation ? 'resolution_confirmed' : 'resolved', 'RESOLVED', {
        reason: 'no_longer_observed',
      }),
    );
  }
  return { inserts, updates, events, seen: seenIds, raised };
}
