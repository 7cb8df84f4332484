import { createReadStream } from 'node:fs';
import { mkdtemp, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pino from 'pino';
import type { z } from 'zod';
import { afterEach, beforeEach, expect, it } from 'vitest';
import {
  AlertPage,
  AlertRuleList,
  Alert as AlertSchema,
  CreatedApiToken,
  DefinedAlertRule,
  FeedStatus,
  FindingDetail,
  FindingPage,
  Finding as FindingSchema,
  InventoryList,
  MonitoredInsuredDetail,
  MonitoredInsuredList,
  MonitoredInsured as MonitoredInsuredSchema,
  Organisation,
  OrganisationPage,
  PartnerEventOutcome,
  PolicyPage,
  Problem,
  RescanOutcome,
  RiskSnapshotList,
  UploadedInventory,
} from '@carapace/contracts';
import {
  createAccount,
  createLossSimulator,
  DEMO_PASSWORD,
  importFeed,
  systemContext,
  type FeedKind,
  type ProductCatalogue,
} from '@carapace/domain';
import { generateKeyring } from '@carapace/security';
import { createUnitOfWork, createUnitOfWorkFactory, type DatabaseHandle } from '@carapace/store';
import { describeEachDatabase } from '@carapace/store/testing';
import { DEFAULT_CATALOGUE_DIR, loadDemoData } from '../platform.js';
import { personalDataProtectionFor } from '../privacy/vault-personal-data-protection.js';
import { startApiTestServer, TEST_PASSWORD, type ApiTestServer } from '../testing/api-test-server.js';
import { loadProductCatalogue } from '../underwriting/load-product-catalogue.js';

/** Real public data shared by the project's machines (SOURCE.md beside each file names its origin). */
const DATA = new URL('../../../../../shared/data/', import.meta.url);
const NPM_ADVISORIES = new URL('osv/npm_nodejs_security_wg.jsonl', DATA);
const KEV_CATALOGUE = new URL('kev/known_exploited_vulnerabilities.json', DATA);
const EPSS_SCORES = new URL('epss/epss_scores.csv', DATA);
const JUICE_SHOP_SBOM = new URL('sboms/juice-shop-16.0.0.cdx.json', DATA);

/** The demo insured company with an issued policy, and its policyholder's account (README). */
const DEMO_COMPANY_CREDIT_CODE = '91330106CRP000003K';
const DEMO_UNDERWRITER = 'underwriter@demo.carapace.test';
const DEMO_POLICYHOLDER = 'policyholder@demo.carapace.test';

let productCatalogue: Promise<ProductCatalogue> | undefined;
function catalogue(): Promise<ProductCatalogue> {
  productCatalogue ??= loadProductCatalogue(DEFAULT_CATALOGUE_DIR);
  return productCatalogue;
}

/** The EPSS rows for the CVEs the npm advisories name, plus the header lines: a slice of 360,000 rows. */
let epssSlice: Promise<string> | undefined;
function npmEpssSlice(): Promise<string> {
  epssSlice ??= (async () => {
    const cves = new Set((await readFile(NPM_ADVISORIES, 'utf8')).match(/CVE-\d{4}-\d{4,}/g) ?? []);
    const lines = (await readFile(EPSS_SCORES, 'utf8')).split('\n');
    const header = lines.filter((line) => line.startsWith('#') || line.startsWith('cve,'));
    return `${[...header, ...lines.filter((line) => cves.has(line.split(',')[0] ?? ''))].join('\n')}\n`;
  })();
  return epssSlice;
}

async function* textOf(source: URL | string): AsyncGenerator<string> {
  if (typeof source === 'string') {
    yield source;
    return;
  }
  for await (const chunk of createReadStream(source, { encoding: 'utf8' })) yield chunk as string;
}

/** The platform's import, as `carapace feeds import` runs it. */
async function importFeeds(database: DatabaseHandle): Promise<void> {
  const unitOfWorkFor = createUnitOfWorkFactory(database.db);
  const feeds: [FeedKind, URL | string, string][] = [
    ['nodejs-security-wg', NPM_ADVISORIES, '/srv/feeds/npm_nodejs_security_wg.jsonl'],
    ['kev', KEV_CATALOGUE, 'https://user:secret@feeds.example.com/kev.json?token=abc'],
    ['epss', await npmEpssSlice(), '/srv/feeds/epss_scores.csv'],
  ];
  for (const [feed, source, location] of feeds) {
    const outcome = await importFeed(
      unitOfWorkFor,
      systemContext('test-fixture', 'feed.import'),
      feed,
      { location, chunks: textOf(source) },
      () => new Date(),
    );
    expect(outcome.run.status).toBe('succeeded');
  }
}

describeEachDatabase('monitoring API', ({ handle }) => {
  let server: ApiTestServer;

  beforeEach(async () => {
    server = await startApiTestServer(handle(), {
      catalogue: await catalogue(),
      privacy: personalDataProtectionFor(await mkdtemp(join(tmpdir(), 'carapace-vault-')), generateKeyring()),
    });
  });
  afterEach(async () => {
    await server.close();
  });

  async function call(
    token: string,
    method: string,
    path: string,
    body?: unknown,
    contentType = 'application/json',
  ): Promise<Response> {
    return fetch(`${server.url}${path}`, {
      method,
      headers: { authorization: `Bearer ${token}`, 'content-type': contentType },
      ...(body === undefined ? {} : { body: typeof body === 'string' ? body : JSON.stringify(body) }),
    });
  }

  async function problemOf(response: Response): Promise<Problem> {
    expect(response.headers.get('content-type')).toBe('application/problem+json');
    return Problem.parse(await response.json());
  }

  async function signIn(email: string, password = DEMO_PASSWORD): Promise<string> {
    const response = await fetch(`${server.url}/api/v1/sessions`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email, password }),
    });
    expect(response.status, await response.clone().text()).toBe(201);
    return ((await response.json()) as { token: string }).token;
  }

  interface World {
    readonly underwriter: string;
    readonly policyholder: string;
    readonly partner: string;
    readonly insuredId: string;
  }

  /**
   * The cast: the demo underwriter enrols the demo company that holds a policy, naming a security firm the
   * insurer registered (whose analyst the operator made an account for); the company's policyholder signs in.
   */
  async function enrolDemoInsured(): Promise<World> {
    await loadDemoData(handle(), pino({ level: 'silent' }), {
      catalogue: await catalogue(),
      simulate: createLossSimulator(),
    });
    const underwriter = await signIn(DEMO_UNDERWRITER);
    const policyholder = await signIn(DEMO_POLICYHOLDER);
    const companies = OrganisationPage.parse(
      await (await call(underwriter, 'GET', '/api/v1/organisations?kind=insured&limit=200')).json(),
    );
    const company = companies.items.find((candidate) => candidate.creditCode === DEMO_COMPANY_CREDIT_CODE);
    expect(company).toBeDefined();
    const policies = PolicyPage.parse(
      await (await call(underwriter, 'GET', `/api/v1/policies?organisationId=${company?.id ?? ''}`)).json(),
    );
    const policyId = policies.items[0]?.id;
    expect(policyId).toBeDefined();
    const firm = await call(underwriter, 'POST', '/api/v1/organisations', {
      kind: 'security_partner',
      nameZh: `杭州白帽安全技术有限公司${Math.random().toString(36).slice(2, 6)}`,
    });
    expect(firm.status).toBe(201);
    const partnerId = Organisation.parse(await firm.json()).id;
    const analyst = `analyst.${Math.random().toString(36).slice(2, 8)}@whitehat.example.com`;
    await createAccount(
      { unitOfWork: createUnitOfWork(handle().db, 'test-fixture'), now: () => new Date() },
      null,
      {
        tenantId: partnerId,
        email: analyst,
        displayName: '安全分析师',
        password: TEST_PASSWORD,
        roles: ['partner'],
      },
    );
    const partner = await signIn(analyst, TEST_PASSWORD);
    const enrolled = await call(underwriter, 'POST', '/api/v1/monitored-insureds', {
      organisationId: company?.id,
      partnerId,
      policyId,
    });
    expect(enrolled.status, await enrolled.clone().text()).toBe(201);
    const insured = MonitoredInsuredSchema.parse(await enrolled.json());
    expect(enrolled.headers.get('location')).toBe(`/api/v1/monitored-insureds/${insured.id}`);
    return { underwriter, policyholder, partner, insuredId: insured.id };
  }

  async function uploadJuiceShop(
    token: string,
    insuredId: string,
  ): Promise<z.infer<typeof UploadedInventory>> {
    const response = await call(
      token,
      'POST',
      `/api/v1/monitored-insureds/${insuredId}/inventories`,
      await readFile(JUICE_SHOP_SBOM, 'utf8'),
      'application/vnd.cyclonedx+json',
    );
    expect(response.status, await response.clone().text()).toBe(201);
    return UploadedInventory.parse(await response.json());
  }

  it('matches the Juice Shop SBOM against real feeds and keeps a triage decision across uploads', async () => {
    await importFeeds(handle());
    const { underwriter, policyholder, insuredId } = await enrolDemoInsured();

    const first = await uploadJuiceShop(policyholder, insuredId);
    expect(first.inventory).toMatchObject({ version: 1, kind: 'cyclonedx', specVersion: '1.4' });
    expect(first.inventory.componentCount).toBeGreaterThan(790);
    expect(first.inventory.describedComponent).toMatch(/^juice-shop@16\.0\.0$/);
    expect(first.rescan.newFindings).toBeGreaterThanOrEqual(5);
    expect(first.rescan.snapshot.openFindings).toBe(first.rescan.newFindings);
    // The demo company holds a policy: the snapshot re-scores it through the underwriting model.
    expect(first.rescan.snapshot.score).not.toBeNull();
    expect(first.rescan.snapshot.expectedLoss?.currency).toBe('CNY');

    const page = FindingPage.parse(
      await (
        await call(policyholder, 'GET', `/api/v1/monitored-insureds/${insuredId}/findings?limit=500`)
      ).json(),
    );
    expect(page.total).toBe(first.rescan.newFindings);
    expect(page.items.map((finding) => finding.priority)).toEqual(
      [...page.items.map((finding) => finding.priority)].sort((a, b) => b - a),
    );
    const jwt = page.items.find((finding) => finding.componentName === 'jsonwebtoken');
    expect(jwt, 'jsonwebtoken 0.1.0/0.4.0 is deliberately vulnerable in Juice Shop').toBeDefined();
    expect(jwt?.advisoryIds).toContain('NSWG-ECO-17');
    // EPSS is joined by CVE from the imported slice (not every CVE has a score: CVE-2016-1000223 has none).
    const epssByCve = new Map(
      (await npmEpssSlice())
        .split('\n')
        .map((line) => line.split(','))
        .map(([cve, probability]) => [cve ?? '', Number(probability)]),
    );
    const scored = page.items.filter((finding) => finding.cveIds.some((cve) => epssByCve.has(cve)));
    expect(scored.length).toBeGreaterThan(0);
    for (const finding of scored) {
      expect(finding.epss).toBe(Math.max(...finding.cveIds.map((cve) => epssByCve.get(cve) ?? 0)));
    }

    const filtered = FindingPage.parse(
      await (
        await call(
          underwriter,
          'GET',
          `/api/v1/monitored-insureds/${insuredId}/findings?state=NEW&band=critical&band=high&sort=epss&limit=5`,
        )
      ).json(),
    );
    expect(filtered.items.length).toBeLessThanOrEqual(5);
    for (const finding of filtered.items) expect(['critical', 'high']).toContain(finding.severityBand);
    const badQuery = await problemOf(
      await call(underwriter, 'GET', `/api/v1/monitored-insureds/${insuredId}/findings?state=OPEN`),
    );
    expect(badQuery).toMatchObject({ status: 400, code: 'validation_failed' });

    // Triage survives a re-upload of the same SBOM: the finding is keyed by component and vulnerability.
    const target = jwt ?? page.items[0];
    const shortNote = await problemOf(
      await call(policyholder, 'POST', `/api/v1/findings/${target?.id ?? ''}/triage`, {
        state: 'NOT_AFFECTED',
        justification: 'code_not_reachable',
        note: 'too short',
      }),
    );
    expect(shortNote).toMatchObject({ status: 422, code: 'triage_invalid' });
    const triaged = await call(policyholder, 'POST', `/api/v1/findings/${target?.id ?? ''}/triage`, {
      state: 'NOT_AFFECTED',
      justification: 'code_not_reachable',
      note: 'The legacy jsonwebtoken copy is only pulled in by an unused test helper.',
    });
    expect(triaged.status, await triaged.clone().text()).toBe(200);
    expect(FindingSchema.parse(await triaged.json())).toMatchObject({
      state: 'NOT_AFFECTED',
      justification: expect.stringMatching(/^code_not_reachable: The legacy/) as unknown,
    });
    const acceptance = await problemOf(
      await call(await server.tokenFor('partner'), 'POST', `/api/v1/findings/${target?.id ?? ''}/triage`, {
        state: 'RISK_ACCEPTED',
        note: 'a partner may not accept a risk for the insured',
        until: new Date(Date.now() + 30 * 86_400_000).toISOString(),
      }),
    );
    expect(acceptance).toMatchObject({ status: 403, code: 'permission_denied' });

    const second = await uploadJuiceShop(policyholder, insuredId);
    expect(second.inventory.version).toBe(2);
    expect(second.rescan).toMatchObject({ newFindings: 0, reopened: 0, resolved: 0 });
    const detail = FindingDetail.parse(
      await (await call(underwriter, 'GET', `/api/v1/findings/${target?.id ?? ''}`)).json(),
    );
    expect(detail.state).toBe('NOT_AFFECTED');
    expect(detail.events.map((event) => event.kind)).toEqual(['detected', 'triaged']);
    expect(detail.events[1]).toMatchObject({ fromState: 'NEW', toState: 'NOT_AFFECTED' });

    const inventories = InventoryList.parse(
      await (await call(underwriter, 'GET', `/api/v1/monitored-insureds/${insuredId}/inventories`)).json(),
    );
    expect(inventories.items.map((inventory) => inventory.version)).toEqual([2, 1]);
    expect(inventories.items[1]?.supersededAt).not.toBeNull();

    const overview = await call(underwriter, 'GET', `/api/v1/monitored-insureds/${insuredId}`);
    expect(overview.headers.get('cache-control')).toBe('no-store');
    const insured = MonitoredInsuredDetail.parse(await overview.json());
    expect(insured.findings.byState.NOT_AFFECTED).toBe(1);
    expect(insured.findings.total).toBe(first.rescan.newFindings);
    expect(insured.latestInventory?.version).toBe(2);
    expect(insured.latestSnapshot?.openFindings).toBe(first.rescan.newFindings - 1);
    const snapshots = RiskSnapshotList.parse(
      await (await call(underwriter, 'GET', `/api/v1/monitored-insureds/${insuredId}/risk-snapshots`)).json(),
    );
    expect(snapshots.items[0]?.id).toBe(insured.latestSnapshot?.id);
    expect(snapshots.items.map((snapshot) => snapshot.reason)).toEqual([
      'inventory v2',
      'triage NOT_AFFECTED',
      'inventory v1',
    ]);

    const rescan = await call(underwriter, 'POST', `/api/v1/monitored-insureds/${insuredId}/rescan`);
    expect(rescan.status).toBe(200);
    expect(RescanOutcome.parse(await rescan.json())).toMatchObject({ inventoryVersion: 2, newFindings: 0 });
    expect(
      (await problemOf(await call(policyholder, 'POST', `/api/v1/monitored-insureds/${insuredId}/rescan`)))
        .code,
    ).toBe('permission_denied');

    const list = MonitoredInsuredList.parse(
      await (await call(policyholder, 'GET', '/api/v1/monitored-insureds')).json(),
    );
    expect(list.items.map((item) => item.id)).toEqual([insuredId]);
  }, 180_000);

  it('shows feed runs to every tenant without file paths or URL credentials', async () => {
    await importFeeds(handle());
    const response = await call(await server.tokenFor('broker'), 'GET', '/api/v1/feeds/runs?limit=2');
    expect(response.status).toBe(200);
    const status = FeedStatus.parse(await response.json());
    expect(status.runs).toHaveLength(2);
    const byFeed = new Map(status.feeds.map((entry) => [entry.feed, entry]));
    expect(byFeed.get('osv')?.lastRun).toBeNull();
    expect(byFeed.get('kev')?.lastSuccess).toMatchObject({
      status: 'succeeded',
      location: 'https://feeds.example.com/kev.json',
    });
    expect(byFeed.get('kev')?.lastSuccess?.added).toBeGreaterThan(1000);
    expect(byFeed.get('kev')?.lastSuccess?.sourceVersion).toMatch(/^\d{4}\.\d{2}\.\d{2}$/);
    expect(byFeed.get('nodejs-security-wg')?.lastRun?.location).toBe('npm_nodejs_security_wg.jsonl');
    expect(JSON.stringify(status)).not.toMatch(/secret|token=|\/srv\//);
  }, 120_000);

  it('keeps one insurer’s insured from another tenant: 404 as if it did not exist', async () => {
    const { underwriter, policyholder, insuredId } = await enrolDemoInsured();
    const sbom = await uploadJuiceShop(policyholder, insuredId);
    expect(sbom.rescan.newFindings).toBe(0); // no feeds imported in this test
    const partner = await call(
      await server.tokenFor('partner'),
      'POST',
      `/api/v1/monitored-insureds/${insuredId}/partner-events`,
      {
        kind: 'incident',
        externalId: 'x-1',
        summary: 'not our client',
        priority: 50,
        observedAt: new Date().toISOString(),
      },
    );
    expect(partner.status).toBe(404);
    for (const outsider of [
      await server.tokenFor('underwriter', 'other'),
      await server.tokenFor('policyholder'),
      await server.tokenFor('broker'),
    ]) {
      for (const path of [
        `/api/v1/monitored-insureds/${insuredId}`,
        `/api/v1/monitored-insureds/${insuredId}/findings`,
        `/api/v1/monitored-insureds/${insuredId}/inventories`,
        `/api/v1/monitored-insureds/${insuredId}/risk-snapshots`,
        `/api/v1/monitored-insureds/${insuredId}/alert-rules`,
        `/api/v1/alerts?monitoredInsuredId=${insuredId}`,
      ]) {
        expect(await problemOf(await call(outsider, 'GET', path)), path).toMatchObject({
          status: 404,
          code: 'monitored_insured_not_found',
        });
      }
      const list = MonitoredInsuredList.parse(
        await (await call(outsider, 'GET', '/api/v1/monitored-insureds')).json(),
      );
      expect(list.items).toEqual([]);
    }
    const otherInsurer = await server.tokenFor('underwriter', 'other');
    const upload = await call(
      otherInsurer,
      'POST',
      `/api/v1/monitored-insureds/${insuredId}/inventories`,
      'vendor,product,version\nFortinet,FortiOS,7.2.4\n',
      'text/csv',
    );
    expect((await problemOf(upload)).code).toBe('monitored_insured_not_found');
    expect(
      (
        await problemOf(
          await call(underwriter, 'GET', '/api/v1/findings/6b1d5c0e-3f2a-4e7b-9c8d-1a2b3c4d5e6f'),
        )
      ).code,
    ).toBe('finding_not_found');
  }, 120_000);

  it('turns a partner’s incident into an alert the policyholder acknowledges and closes', async () => {
    const { underwriter, policyholder, partner, insuredId } = await enrolDemoInsured();
    const issued = await call(partner, 'POST', '/api/v1/api-tokens', {
      name: 'SOC integration',
      scopes: ['partner_event.submit'],
      validDays: 30,
    });
    expect(issued.status).toBe(201);
    const apiToken = CreatedApiToken.parse(await issued.json()).token;
    const incident = {
      kind: 'incident',
      externalId: 'soc-2026-0042',
      summary: '检测到勒索软件横向移动 Ransomware lateral movement on the file server',
      priority: 90,
      observedAt: '2026-03-02T01:15:00Z',
    };
    const posted = await call(
      apiToken,
      'POST',
      `/api/v1/monitored-insureds/${insuredId}/partner-events`,
      incident,
    );
    expect(posted.status, await posted.clone().text()).toBe(201);
    const outcome = PartnerEventOutcome.parse(await posted.json());
    expect(outcome).toMatchObject({
      created: true,
      event: { kind: 'incident', externalId: 'soc-2026-0042' },
    });
    const repeated = await call(
      apiToken,
      'POST',
      `/api/v1/monitored-insureds/${insuredId}/partner-events`,
      incident,
    );
    expect(repeated.status).toBe(200);
    expect(PartnerEventOutcome.parse(await repeated.json()).created).toBe(false);
    // The token is scoped to posting events: it reads nothing.
    expect((await call(apiToken, 'GET', `/api/v1/monitored-insureds/${insuredId}`)).status).toBe(403);
    const invalid = await problemOf(
      await call(apiToken, 'POST', `/api/v1/monitored-insureds/${insuredId}/partner-events`, {
        ...incident,
        externalId: 'has spaces',
      }),
    );
    expect(invalid).toMatchObject({ status: 422, code: 'partner_event_invalid' });

    const inbox = AlertPage.parse(
      await (
        await call(policyholder, 'GET', `/api/v1/alerts?monitoredInsuredId=${insuredId}&status=created`)
      ).json(),
    );
    expect(inbox.total).toBe(1);
    const alert = inbox.items[0];
    expect(alert).toMatchObject({ kind: 'incident', priority: 90, status: 'created' });
    expect(alert?.id).toBe(outcome.event.alertId);
    expect(alert?.title).toContain('Ransomware lateral movement');

    const acknowledged = await call(
      policyholder,
      'POST',
      `/api/v1/alerts/${alert?.id ?? ''}/acknowledgement`,
    );
    expect(acknowledged.status).toBe(200);
    expect(AlertSchema.parse(await acknowledged.json())).toMatchObject({ status: 'acknowledged' });
    expect(
      await problemOf(await call(underwriter, 'POST', `/api/v1/alerts/${alert?.id ?? ''}/acknowledgement`)),
    ).toMatchObject({ status: 409, code: 'transition_not_allowed' });
    expect((await call(partner, 'POST', `/api/v1/alerts/${alert?.id ?? ''}/closure`)).status).toBe(403);
    const closed = await call(policyholder, 'POST', `/api/v1/alerts/${alert?.id ?? ''}/closure`);
    expect(closed.status).toBe(200);
    expect(AlertSchema.parse(await closed.json())).toMatchObject({ status: 'closed' });
    const open = AlertPage.parse(
      await (
        await call(
          underwriter,
          'GET',
          `/api/v1/alerts?monitoredInsuredId=${insuredId}&status=created&status=acknowledged`,
        )
      ).json(),
    );
    expect(open.total).toBe(0);
    expect(
      (
        await problemOf(
          await call(
            await server.tokenFor('underwriter', 'other'),
            'POST',
            `/api/v1/alerts/${alert?.id ?? ''}/closure`,
          ),
        )
      ).code,
    ).toBe('alert_not_found');
  }, 120_000);

  it('defines alert rules and shows a webhook secret only once', async () => {
    const { policyholder, insuredId } = await enrolDemoInsured();
    const defined = await call(policyholder, 'POST', `/api/v1/monitored-insureds/${insuredId}/alert-rules`, {
      name: '高危漏洞 · 运维值班',
      audience: 'policyholder',
      condition: { preset: 'custom', minPriority: 70, severityBands: ['critical'] },
      channel: 'webhook',
      target: 'https://hooks.example.com/carapace/T0KEN',
      acknowledgeWithinHours: 24,
    });
    expect(defined.status, await defined.clone().text()).toBe(201);
    const created = DefinedAlertRule.parse(await defined.json());
    expect(created.webhookSecret).toMatch(/\S{24,}/);
    expect(created.rule).toMatchObject({
      channel: 'webhook',
      mode: 'immediate',
      targetHint: 'https://hooks.example.com/…',
      condition: { preset: 'custom', minPriority: 70, severityBands: ['critical'] },
    });
    const rules = await (
      await call(policyholder, 'GET', `/api/v1/monitored-insureds/${insuredId}/alert-rules`)
    ).text();
    expect(AlertRuleList.parse(JSON.parse(rules)).items.map((rule) => rule.condition.preset)).toEqual([
      'kev_only',
      'custom',
    ]);
    expect(rules).not.toContain(created.webhookSecret ?? 'no secret');
    expect(rules).not.toContain('T0KEN');
    const plainHttp = await problemOf(
      await call(policyholder, 'POST', `/api/v1/monitored-insureds/${insuredId}/alert-rules`, {
        name: 'insecure',
        audience: 'policyholder',
        condition: { preset: 'kev_only' },
        channel: 'webhook',
        target: 'http://hooks.example.com/x',
      }),
    );
    expect(plainHttp).toMatchObject({ status: 422, code: 'alert_rule_invalid' });
    expect(plainHttp.invalidParams?.[0]?.name).toBe('body.target');
  }, 120_000);

  it('answers a broken inventory with a problem naming the component, and reads asset lists', async () => {
    const { policyholder, insuredId } = await enrolDemoInsured();
    const path = `/api/v1/monitored-insureds/${insuredId}/inventories`;
    const sbom = JSON.parse(await readFile(JUICE_SHOP_SBOM, 'utf8')) as {
      components: { 'bom-ref'?: string; name: string; purl?: string }[];
    };
    const broken = sbom.components[3];
    if (broken === undefined) throw new Error('the Juice Shop SBOM has components');
    broken.purl = 'not-a-purl';
    const rejected = await problemOf(
      await call(policyholder, 'POST', path, JSON.stringify(sbom), 'application/vnd.cyclonedx+json'),
    );
    expect(rejected).toMatchObject({ status: 422, code: 'inventory_invalid' });
    expect(rejected.detail).toContain(broken.name);
    expect(rejected.detail).toContain('components[3]');
    expect(rejected.detail).toContain("purl 'not-a-purl' does not parse");
    expect(rejected.invalidParams?.[0]?.name).toBe('body.components[3].purl');

    const notJson = await problemOf(
      await call(policyholder, 'POST', path, '{"bomFormat": "CycloneDX",', 'application/json'),
    );
    expect(notJson).toMatchObject({ status: 422, code: 'inventory_invalid' });
    const wrongType = await problemOf(await call(policyholder, 'POST', path, 'hello', 'text/plain'));
    expect(wrongType).toMatchObject({ status: 415, code: 'unsupported_media_type' });
    const badCsv = await problemOf(
      await call(policyholder, 'POST', path, 'vendor,product\nFortinet,FortiOS\n', 'text/csv'),
    );
    expect(badCsv).toMatchObject({ status: 422, code: 'inventory_invalid' });
    expect(
      InventoryList.parse(await (await call(policyholder, 'GET', path)).json()).items,
      'nothing stored from a rejected upload',
    ).toEqual([]);

    const csv = await call(
      policyholder,
      'POST',
      path,
      'vendor,product,version\n"Fortinet, Inc.",FortiOS,7.2.4\nMicrosoft,Exchange Server,2019 CU12\n',
      'text/csv; charset=utf-8',
    );
    expect(csv.status, await csv.clone().text()).toBe(201);
    expect(UploadedInventory.parse(await csv.json()).inventory).toMatchObject({
      kind: 'asset_list',
      componentCount: 2,
    });
    const json = await call(policyholder, 'POST', path, [
      { vendor: 'Citrix', product: 'NetScaler ADC', version: '13.1' },
    ]);
    expect(json.status).toBe(201);
    expect(UploadedInventory.parse(await json.json()).inventory).toMatchObject({
      version: 2,
      componentCount: 1,
    });

    // Only this route takes a large body; the others keep the 1 MiB limit.
    const large = await problemOf(
      await call(policyholder, 'POST', `/api/v1/monitored-insureds/${insuredId}/alert-rules`, {
        name: 'x'.repeat(1024 * 1024 + 10),
      }),
    );
    expect(large).toMatchObject({ status: 413, code: 'payload_too_large' });
    const tooLarge = await problemOf(
      await call(policyholder, 'POST', path, `[${' '.repeat(21 * 1024 * 1024)}]`, 'application/json'),
    );
    expect(tooLarge).toMatchObject({ status: 413, code: 'payload_too_large' });
  }, 120_000);

  it('publishes the monitoring operations in the OpenAPI document', async () => {
    const document = (await (await fetch(`${server.url}/openapi.json`)).json()) as {
      paths: Record<string, Record<string, { requestBody?: { content: Record<string, unknown> } }>>;
      components: { schemas: Record<string, unknown> };
    };
    expect(
      Object.keys(document.paths)
        .filter((path) => /monitored|findings|alerts|feeds/.test(path))
        .sort(),
    ).toEqual([
      '/api/v1/alerts',
      '/api/v1/alerts/{id}/acknowledgement',
      '/api/v1/alerts/{id}/closure',
      '/api/v1/feeds/runs',
      '/api/v1/findings/{id}',
      '/api/v1/findings/{id}/triage',
      '/api/v1/monitored-insureds',
      '/api/v1/monitored-insureds/{id}',
      '/api/v1/monitored-insureds/{id}/alert-rules',
      '/api/v1/monitored-insureds/{id}/findings',
      '/api/v1/monitored-insureds/{id}/inventories',
      '/api/v1/monitored-insureds/{id}/partner-events',
      '/api/v1/monitored-insureds/{id}/rescan',
      '/api/v1/monitored-insureds/{id}/risk-snapshots',
    ]);
    expect(
      Object.keys(
        document.paths['/api/v1/monitored-insureds/{id}/inventories']?.['post']?.requestBody?.content ?? {},
      ),
    ).toEqual(['application/vnd.cyclonedx+json', 'application/json', 'text/csv']);
    expect(Object.keys(document.components.schemas)).toEqual(
      expect.arrayContaining([
        'CycloneDxSbomUpload',
        'AssetListUpload',
        'Finding',
        'TriageRequest',
        'FeedStatus',
      ]),
    );
  });
});
