import { describe, expect, it } from 'vitest';
import type { Finding, FindingEvidence } from './finding.js';
import type { ObservedVulnerability } from './observed-vulnerability.js';
import { reconcileFindings } from './reconcile-findings.js';

const INSURED = '00000000-0000-4000-8000-000000000001';
const T0 = new Date('2026-01-01T00:00:00Z');
const T1 = new Date('2026-02-01T00:00:00Z');

function evidence(overrides: Partial<FindingEvidence> = {}): FindingEvidence {
  return {
    title: 'Prototype pollution',
    componentName: 'lodash',
    componentVersion: '4.17.4',
    purl: 'pkg:npm/lodash@4.17.4',
    advisoryIds: ['NSWG-ECO-368'],
    cveIds: ['CVE-2018-3721'],
    cvssScore: 6.5,
    cvssVector: null,
    epss: 0.01,
    kev: false,
    knownRansomwareUse: false,
    priority: 45,
    severityBand: 'medium',
    ...overrides,
  };
}

function observed(
  overrides: Partial<FindingEvidence> = {},
  aliasGroup = 'CVE-2018-3721',
): ObservedVulnerability {
  return {
    componentKey: 'pkg:npm/lodash',
    aliasGroup,
    component: {
      componentKey: 'pkg:npm/lodash',
      name: 'lodash',
      version: '4.17.4',
      purl: 'pkg:npm/lodash@4.17.4',
      ecosystem: 'npm',
      packageName: 'lodash',
      vendor: undefined,
      product: undefined,
      bomRef: undefined,
    },
    evidence: evidence(overrides),
  };
}

function finding(overrides: Partial<Finding> = {}): Finding {
  return {
    ...evidence(),
    id: 'f-1',
    monitoredInsuredId: INSURED,
    componentKey: 'pkg:npm/lodash',
    aliasGroup: 'CVE-2018-3721',
    state: 'NEW',
    source: 'feed',
    firstSeenAt: T0,
    lastSeenAt: T0,
    stateChangedAt: T0,
    justification: null,
    decidedBy: null,
    riskAcceptedBy: null,
    riskAcceptedUntil: null,
    resolvedAt: null,
    resolutionConfirmedAt: null,
    ...overrides,
  };
}

describe('reconciling a rescan with the findings', () => {
  it('raises a NEW finding for a vulnerability seen for the first time', () => {
    const outcome = reconcileFindings(INSURED, [], [observed()], T1, 'system:test');
    expect(outcome.inserts).toHaveLength(1);
    expect(outcome.inserts[0]).toMatchObject({ state: 'NEW', firstSeenAt: T1, source: 'feed' });
    expect(outcome.events.map((event) => event.kind)).toEqual(['detected']);
    expect(outcome.raised).toHaveLength(1);
  });

  it('keeps a NOT_AFFECTED decision when the same advisories report it again', () => {
    const decided = finding({ state: 'NOT_AFFECTED', justification: 'code_not_reachable: not called' });
    const outcome = reconcileFindings(INSURED, [decided], [observed()], T1, 'system:test');
    expect(outcome.updates).toEqual([]);
    expect(outcome.seen).toEqual(['f-1']);
    expect(outcome.raised).toEqual([]);
    expect(outcome.events).toEqual([]);
  });

  it('reopens a FALSE_POSITIVE decision when a new source reports the same vulnerability', () => {
    const decided = finding({ state: 'FALSE_POSITIVE', justification: 'the scanner misread the version' });
    const outcome = reconcileFindings(
      INSURED,
      [decided],
      [observed({ advisoryIds: ['GHSA-jf85-cpcp-j695', 'NSWG-ECO-368'] })],
      T1,
      'system:test',
    );
    expect(outcome.updates[0]?.change).toMatchObject({ state: 'NEW', justification: null });
    expect(outcome.events[0]).toMatchObject({
      kind: 'reopened',
      fromState: 'FALSE_POSITIVE',
      toState: 'NEW',
    });
    expect(outcome.events[0]?.details).toMatchObject({
      reason: 'new_source',
      newSources: 'GHSA-jf85-cpcp-j695',
    });
    expect(outcome.raised).toHaveLength(1);
  });

  it('reopens an accepted risk once its acceptance has expired, not before', () => {
    const accepted = finding({
      state: 'RISK_ACCEPTED',
      justification: 'compensating WAF rule',
      riskAcceptedBy: 'u-1',
      riskAcceptedUntil: new Date('2026-01-15T00:00:00Z'),
    });
    expect(reconcileFindings(INSURED, [accepted], [observed()], T1, 'system:test').events[0]).toMatchObject({
      kind: 'acceptance_expired',
      toState: 'NEW',
    });
    const later = { ...accepted, riskAcceptedUntil: new Date('2026-06-01T00:00:00Z') };
    expect(reconcileFindings(INSURED, [later], [observed()], T1, 'system:test').events).toEqual([]);
  });

  it('resolves a feed finding no longer observed, confirms a claimed resolution, and leaves partner findings alone', () => {
    const open = finding();
    const claimed = finding({ id: 'f-2', aliasGroup: 'CVE-2019-10744', state: 'RESOLVED', resolvedAt: T0 });
    const partner = finding({ id: 'f-3', aliasGroup: 'CVE-2024-3094', source: 'partner' });
    const outcome = reconcileFindings(INSURED, [open, claimed, partner], [], T1, 'system:test');
    expect(
      outcome.updates.map((update) => [
        update.id,
        update.change?.state,
        update.change?.resolutionConfirmedAt,
      ]),
    ).toEqual([
      ['f-1', 'RESOLVED', T1],
      ['f-2', 'RESOLVED', T1],
    ]);
    expect(outcome.events.map((event) => event.kind)).toEqual(['resolved', 'resolution_confirmed']);
  });

  it('reopens a RESOLVED finding that is reported again', () => {
    const resolved = finding({ state: 'RESOLVED', resolvedAt: T0, resolutionConfirmedAt: T0 });
    const outcome = reconcileFindings(INSURED, [resolved], [observed()], T1, 'system:test');
    expect(outcome.updates[0]?.change).toMatchObject({
      state: 'NEW',
      resolvedAt: null,
      resolutionConfirmedAt: null,
    });
    expect(outcome.events[0]?.details).toMatchObject({ reason: 'reported_again' });
  });

  it('raises an open finding again when it becomes known-exploited', () => {
    const outcome = reconcileFindings(
      INSURED,
      [finding({ state: 'IN_TRIAGE' })],
      [observed({ kev: true, priority: 84, severityBand: 'high' })],
      T1,
      'system:test',
    );
    expect(outcome.events[0]).toMatchObject({ kind: 'rescored', toState: 'IN_TRIAGE' });
    expect(outcome.raised).toHaveLength(1);
  });
});
