import { describe, expect, it } from 'vitest';
import { RuleViolationError } from '../shared/domain-error.js';
import {
  alertConditionMatches,
  assertAlertConditionValid,
  type AlertCandidate,
  type AlertCondition,
} from './alert-rule.js';

const candidate: AlertCandidate = {
  title: 't',
  componentName: 'log4j-core',
  componentVersion: '2.14.1',
  purl: 'pkg:maven/org.apache.logging.log4j/log4j-core@2.14.1',
  advisoryIds: ['GHSA-jfh8-c2jp-5v3q'],
  cveIds: ['CVE-2021-44228'],
  cvssScore: 10,
  cvssVector: null,
  epss: 0.94,
  kev: true,
  knownRansomwareUse: true,
  priority: 100,
  severityBand: 'critical',
  ecosystem: 'Maven',
};

describe('alert rule conditions', () => {
  it('applies each preset', () => {
    expect(alertConditionMatches({ preset: 'kev_only' }, candidate)).toBe(true);
    expect(alertConditionMatches({ preset: 'kev_only' }, { ...candidate, kev: false })).toBe(false);
    expect(
      alertConditionMatches({ preset: 'epss_at_least', threshold: 0.5 }, { ...candidate, epss: 0.49 }),
    ).toBe(false);
    expect(
      alertConditionMatches({ preset: 'epss_at_least', threshold: 0.5 }, { ...candidate, epss: null }),
    ).toBe(false);
    expect(
      alertConditionMatches({ preset: 'priority_at_least', threshold: 70 }, { ...candidate, priority: 70 }),
    ).toBe(true);
  });

  it('combines custom criteria with AND', () => {
    const condition = {
      preset: 'custom',
      minPriority: 50,
      ecosystems: ['npm'],
      ransomwareOnly: true,
    } as const;
    expect(alertConditionMatches(condition, candidate)).toBe(false);
    expect(alertConditionMatches(condition, { ...candidate, ecosystem: 'npm' })).toBe(true);
    expect(
      alertConditionMatches(condition, { ...candidate, ecosystem: 'npm', knownRansomwareUse: false }),
    ).toBe(false);
  });

  function violationOf(condition: AlertCondition): RuleViolationError | undefined {
    try {
      assertAlertConditionValid(condition);
      return undefined;
    } catch (error) {
      if (error instanceof RuleViolationError) return error;
      throw error;
    }
  }

  it('names the bad field of an invalid condition', () => {
    expect(violationOf({ preset: 'epss_at_least', threshold: 1.5 })).toMatchObject({
      code: 'alert_rule_invalid',
      field: 'condition.threshold',
    });
    expect(violationOf({ preset: 'custom', minPriority: 101 })?.field).toBe('condition.minPriority');
    expect(violationOf({ preset: 'custom', ecosystems: ['NuGet' as never] })?.field).toBe(
      'condition.ecosystems',
    );
    expect(violationOf({ preset: 'custom', minEpss: 0.2, kevOnly: true })).toBeUndefined();
  });
});
