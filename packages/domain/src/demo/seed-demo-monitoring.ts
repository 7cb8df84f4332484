import type { AccessContext } from '../identity/actor.js';
import { systemContext } from '../identity/actor.js';
import type { UnitOfWorkFactory } from '../platform/unit-of-work.js';
import { defineAlertRule } from '../monitoring/define-alert-rule.js';
import { enrolInsured } from '../monitoring/enrol-insured.js';
import type { FeedKind } from '../monitoring/feed-repository.js';
import { importFeed } from '../monitoring/import-feed.js';
import { readCycloneDxSbom } from '../monitoring/inventory/cyclonedx-sbom.js';
import type { MonitoringServices } from '../monitoring/monitoring-services.js';
import { uploadInventory } from '../monitoring/upload-inventory.js';
import { DEMO_ACCOUNTS } from './seed-demo-accounts.js';
import {
  DEMO_EPSS_CSV,
  DEMO_KEV_CATALOGUE,
  DEMO_NODEJS_SECURITY_WG_RECORDS,
  DEMO_OSV_RECORDS,
} from './demo-monitoring-feeds.js';
import { DEMO_INSURER_CREDIT_CODE } from './demo-organisations.js';

export type SeedDemoMonitoringOutcome =
  | {
      readonly kind: 'loaded';
      readonly feedRuns: number;
      readonly insureds: number;
      readonly findings: number;
      readonly alerts: number;
    }
  | { readonly kind: 'already_loaded' };

/** A package the demo company runs: name, version and the purl that names its ecosystem. */
interface DemoPackage {
  readonly name: string;
  readonly version: string;
  readonly purl: string;
}

const pypi = (name: string, version: string): DemoPackage => ({
  name,
  version,
  purl: `pkg:pypi/${name}@${version}`,
});
const cargo = (name: string, version: string): DemoPackage => ({
  name,
  version,
  purl: `pkg:cargo/${name}@${version}`,
});
const npm = (name: string, version: string): DemoPackage => ({
  name,
  version,
  purl: `pkg:npm/${name}@${version}`,
});

/**
 * Which demo companies are watched and what they run. The SaaS developer holds the issued policy (so its
 * snapshots are re-scored by the underwriting model); its data platform runs an Airflow release with two
 * known-exploited vulnerabilities. The medical-device maker, still at the quote stage, is watched without a
 * policy. Versions are real releases, some deliberately behind their fixes, some already fixed (no finding).
 */
const DEMO_MONITORED: readonly {
  readonly creditCode: string;
  readonly withPolicy: boolean;
  readonly product: DemoPackage;
  readonly packages: readonly DemoPackage[];
}[] = [
  {
    creditCode: '91330106CRP000003K',
    withPolicy: true,
    product: { name: 'data-platform', version: '2026.3', purl: 'pkg:generic/data-platform@2026.3' },
    packages: [
      pypi('apache-airflow', '1.10.10'),
      pypi('jinja2', '2.11.2'),
      pypi('pyyaml', '5.3'),
      pypi('pillow', '8.1.0'),
      pypi('requests', '2.31.0'),
      cargo('hyper', '0.12.30'),
      cargo('prost', '0.6.0'),
      cargo('serde', '1.0.197'),
      npm('lodash', '4.17.4'),
      npm('node-serialize', '0.0.4'),
      npm('qs', '6.5.2'),
    ],
  },
  {
    creditCode: '91440300CRP0000045',
    withPolicy: false,
    product: { name: 'device-portal', version: '4.2.0', purl: 'pkg:generic/device-portal@4.2.0' },
    packages: [
      pypi('pillow', '8.1.0'),
      pypi('pyyaml', '5.3'),
      pypi('requests', '2.31.0'),
      npm('lodash', '4.17.4'),
    ],
  },
];

/** A CycloneDX 1.5 SBOM of the demo product, as a build tool would write it. */
function demoSbom(product: DemoPackage, packages: readonly DemoPackage[], now: Date): string {
  return JSON.stringify({
    bomFormat: 'CycloneDX',
    specVersion: '1.5',
    serialNumber: `urn:uuid:${globalThis.crypto.randomUUID()}`,
    version: 1,
    metadata: {
      timestamp: now.toISOString(),
      component: {
        type: 'application',
        'bom-ref': product.purl,
        name: product.name,
        version: product.version,
      },
    },
    components: packages.map((component) => ({
      type: 'library',
      'bom-ref': component.purl,
      name: component.name,
      version: component.version,
      purl: component.purl,
    })),
  });
}

/** The whole text as one chunk: the feed slice is small and already in memory. */
function chunksOf(text: string): AsyncIterable<string> {
  return {
    [Symbol.asyncIterator]: () => {
      let done = false;
      return {
        next: () => {
          const result: IteratorResult<string> = done ? { done, value: undefined } : { done, value: text };
          done = true;
          return Promise.resolve(result);
        },
      };
    },
  };
}

export interface SeedDemoMonitoringServices {
  readonly unitOfWorkFor: UnitOfWorkFactory;
  readonly monitoring: MonitoringServices;
}

/**
 * Puts the demo companies under monitoring with the real use cases: imports the committed feed slice (four
 * feed runs), has the demo underwriter enrol each company and add an insurer alert rule, and uploads each
 * company's SBOM, which raises findings of every priority band, alerts in the inbox and a risk snapshot.
 * Runs after the demo accounts and the underwriting lifecycle. The marker is claimed first, atomically, so
 * two servers starting together never both load it; a demo company or account removed by a user is skipped.
 */
export async function seedDemoMonitoring(
  services: SeedDemoMonitoringServices,
): Promise<SeedDemoMonitoringOutcome> {
  const platform = services.unitOfWorkFor(systemContext('demo-data', 'demo.monitoring'));
  const claimed = await platform.run((repositories) =>
    repositories.platformSettings.setIfAbsent(
      'demo_monitoring_loaded_at',
      services.monitoring.clock().toISOString(),
    ),
  );
  if (!claimed) return { kind: 'already_loaded' };

  const feeds: readonly [FeedKind, string, string][] = [
    [
      'osv',
      'demo/osv-pypi-crates.jsonl',
      DEMO_OSV_RECORDS.map((record) => JSON.stringify(record)).join('\n'),
    ],
    [
      'nodejs-security-wg',
      'demo/npm_nodejs_security_wg.jsonl',
      DEMO_NODEJS_SECURITY_WG_RECORDS.map((record) => JSON.stringify(record)).join('\n'),
    ],
    ['kev', 'demo/known_exploited_vulnerabilities.json', JSON.stringify(DEMO_KEV_CATALOGUE)],
    ['epss', 'demo/epss_scores.csv', DEMO_EPSS_CSV],
  ];
  for (const [feed, location, text] of feeds) {
    await importFeed(
      services.unitOfWorkFor,
      systemContext('demo-data', 'feed.import'),
      feed,
      { location, chunks: chunksOf(text) },
      services.monitoring.clock,
    );
  }

  const { underwriter, organisations } = await platform.run(async (repositories) => {
    const email = DEMO_ACCOUNTS.find((account) => account.roles.includes('underwriter'))?.email ?? '';
    return {
      underwriter: await repositories.identity.findCredentialsByEmail(email),
      organisations: (await repositories.organisations.list({ limit: 500, offset: 0 })).items,
    };
  });
  const insurer = organisations.find((candidate) => candidate.creditCode === DEMO_INSURER_CREDIT_CODE);
  if (underwriter === undefined || insurer === undefined) {
    return { kind: 'loaded', feedRuns: feeds.length, insureds: 0, findings: 0, alerts: 0 };
  }
  // The demo underwriter acts, as they would through the API: enrolment is the insurer's act and the
  // records in the audit log name a person.
  const context: AccessContext = {
    actor: {
      kind: 'user',
      userId: underwriter.user.id,
      tenantId: insurer.id,
      tenantKind: 'insurer',
      roles: ['underwriter'],
      sessionId: null,
      apiTokenId: null,
      scopes: null,
    },
    purpose: 'demo.monitoring',
    requestId: null,
    approvalId: null,
  };
  const unitOfWork = services.unitOfWorkFor(context);
  let insureds = 0;
  let findings = 0;
  let alerts = 0;
  for (const demo of DEMO_MONITORED) {
    const organisation = organisations.find((candidate) => candidate.creditCode === demo.creditCode);
    if (organisation === undefined) continue;
    const policyId = demo.withPolicy
      ? await platform.run(
          async (repositories) =>
            (
              await repositories.underwriting.listPolicies({
                organisationId: organisation.id,
                limit: 1,
                offset: 0,
              })
            ).items[0]?.id,
        )
      : undefined;
    const insured = await enrolInsured(
      unitOfWork,
      context,
      { organisationId: organisation.id, ...(policyId === undefined ? {} : { policyId }) },
      services.monitoring.clock(),
    );
    insureds += 1;
    await defineAlertRule(unitOfWork, services.monitoring, context, insured.id, {
      name: '高危及以上漏洞 · High and critical findings',
      audience: 'insurer',
      condition: { preset: 'priority_at_least', threshold: 70 },
      mode: 'immediate',
      channel: 'inbox',
      acknowledgeWithinHours: 48,
    });
    const sbom = await readCycloneDxSbom(demoSbom(demo.product, demo.packages, services.monitoring.clock()));
    const { rescan } = await uploadInventory(unitOfWork, services.monitoring, context, insured.id, {
      kind: 'cyclonedx',
      serialNumber: sbom.metadata.serialNumber ?? null,
      specVersion: sbom.metadata.specVersion,
      describedComponent: `${demo.product.name}@${demo.product.version}`,
      components: sbom.components,
    });
    findings += rescan.newFindings;
    alerts += rescan.alertsRaised;
  }
  return { kind: 'loaded', feedRuns: feeds.length, insureds, findings, alerts };
}
