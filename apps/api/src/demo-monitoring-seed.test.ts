import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pino } from 'pino';
import { expect, it } from 'vitest';
import { createLossSimulator, seedDemoMonitoring } from '@carapace/domain';
import { generateKeyring } from '@carapace/security';
import { createUnitOfWorkFactory } from '@carapace/store';
import { describeEachDatabase } from '@carapace/store/testing';
import { createMonitoringServices } from './monitoring/monitoring-services.js';
import { DEFAULT_CATALOGUE_DIR, loadDemoData } from './platform.js';
import { personalDataProtectionFor } from './privacy/vault-personal-data-protection.js';
import { loadProductCatalogue } from './underwriting/load-product-catalogue.js';

describeEachDatabase('demo monitoring data', ({ handle }) => {
  it('watches the demo companies with findings of every band, KEV alerts and feed runs, once', async () => {
    const underwriting = {
      catalogue: await loadProductCatalogue(DEFAULT_CATALOGUE_DIR),
      simulate: createLossSimulator(),
    };
    const monitoring = createMonitoringServices({
      protection: personalDataProtectionFor(
        await mkdtemp(join(tmpdir(), 'carapace-vault-')),
        generateKeyring(),
      ),
      underwriting,
      clock: () => new Date(),
    });
    await loadDemoData(handle(), pino({ level: 'silent' }), underwriting, monitoring);
    const { db } = handle();

    const runs = await db.selectFrom('feedRuns').select(['feed', 'status', 'rejected']).execute();
    expect(runs.map((run) => run.feed).sort()).toEqual(['epss', 'kev', 'nodejs-security-wg', 'osv']);
    expect(runs.every((run) => run.status === 'succeeded' && run.rejected === 0)).toBe(true);

    const insureds = await db.selectFrom('monitoredInsureds').select(['id', 'policyId']).execute();
    expect(insureds).toHaveLength(2);
    expect(insureds.filter((insured) => insured.policyId !== null)).toHaveLength(1);

    const findings = await db
      .selectFrom('findings')
      .select(['monitoredInsuredId', 'severityBand', 'kev', 'epss', 'state'])
      .execute();
    const withPolicy = insureds.find((insured) => insured.policyId !== null);
    const watched = findings.filter((finding) => finding.monitoredInsuredId === withPolicy?.id);
    expect(new Set(watched.map((finding) => finding.severityBand))).toEqual(
      new Set(['critical', 'high', 'medium', 'low']),
    );
    expect(watched.filter((finding) => finding.kev)).toHaveLength(2);
    expect(watched.some((finding) => finding.epss !== null)).toBe(true);
    expect(findings.every((finding) => finding.state === 'NEW')).toBe(true);

    const alerts = await db.selectFrom('alerts').select(['monitoredInsuredId']).execute();
    // Two KEV findings for the default rule, and every critical or high finding for the insurer's rule.
    const criticalOrHigh = watched.filter((finding) => ['critical', 'high'].includes(finding.severityBand));
    expect(alerts.filter((alert) => alert.monitoredInsuredId === withPolicy?.id)).toHaveLength(
      2 + criticalOrHigh.length,
    );
    const snapshots = await db
      .selectFrom('riskScoreSnapshots')
      .select(['monitoredInsuredId', 'score'])
      .execute();
    expect(
      snapshots.find((snapshot) => snapshot.monitoredInsuredId === withPolicy?.id)?.score,
    ).not.toBeNull();

    const again = await seedDemoMonitoring({ unitOfWorkFor: createUnitOfWorkFactory(db), monitoring });
    expect(again).toEqual({ kind: 'already_loaded' });
    expect(await db.selectFrom('findings').select('id').execute()).toHaveLength(findings.length);
    expect(await db.selectFrom('feedRuns').select('id').execute()).toHaveLength(4);
  });
});
