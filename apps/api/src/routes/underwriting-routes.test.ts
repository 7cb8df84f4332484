import { afterEach, beforeEach, expect, it } from 'vitest';
import type { z } from '@hono/zod-openapi';
import {
  Assessment,
  ControlWhatIf,
  Organisation,
  Policy,
  PolicyPage,
  Problem,
  ProductList,
  ProductSummary,
  Quote,
  QuoteDetail,
  QuoteList,
  Submission,
  SubmissionPage,
} from '@carapace/contracts';
import { describeEachDatabase } from '@carapace/store/testing';
import { startApiTestServer, type ApiTestServer } from '../testing/api-test-server.js';

async function problemOf(response: Response): Promise<Problem> {
  expect(response.headers.get('content-type')).toBe('application/problem+json');
  return Problem.parse(await response.json());
}

/** Who `send` signs in as: the test underwriter unless a test says otherwise. */
let signedIn: () => Promise<string> = () => Promise.reject(new Error('no server yet'));

async function send(url: string, method: string, body?: unknown): Promise<Response> {
  return fetch(url, {
    method,
    headers: { 'content-type': 'application/json', authorization: `Bearer ${await signedIn()}` },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
}

const CNY = (amount: string) => ({ amount, currency: 'CNY' });

/** A well-run software company: quoted without referral. */
const PROFILE = {
  industry: 'I',
  annualRevenue: CNY('86000000.00'),
  employees: 210,
  recordsHeld: { personal: 420000, sensitive: 0, payment: 0 },
  country: 'CN',
  controls: {
    mfa_remote_access: { adopted: true, evidenced: false },
    offline_backups: { adopted: true, evidenced: true },
    endpoint_detection_response: { adopted: true, evidenced: true },
  },
  priorClaims: 0,
  openFindings: { critical: 0, knownExploited: 0 },
};

describeEachDatabase('underwriting API', ({ handle }) => {
  let server: ApiTestServer;
  let now = new Date('2026-11-20T02:00:00Z');
  beforeEach(async () => {
    now = new Date('2026-11-20T02:00:00Z');
    server = await startApiTestServer(handle(), { clock: () => now });
    signedIn = () => server.tokenFor('underwriter');
  });
  afterEach(async () => {
    await server.close();
  });

  async function registerInsured(nameZh = '杭州测试软件有限公司'): Promise<Organisation> {
    const response = await send(`${server.url}/api/v1/organisations`, 'POST', { kind: 'insured', nameZh });
    expect(response.status).toBe(201);
    return Organisation.parse(await response.json());
  }

  async function submittedSubmission(profile: unknown = PROFILE): Promise<z.infer<typeof Submission>> {
    const organisation = await registerInsured();
    const created = await send(`${server.url}/api/v1/submissions`, 'POST', {
      organisationId: organisation.id,
      profile,
    });
    expect(created.status).toBe(201);
    const draft = Submission.parse(await created.json());
    const submitted = await send(`${server.url}/api/v1/submissions/${draft.id}/submit`, 'POST');
    expect(submitted.status).toBe(200);
    return Submission.parse(await submitted.json());
  }

  async function quoteOf(
    submission: z.infer<typeof Submission>,
    options: unknown[] = [{}],
  ): Promise<z.infer<typeof Quote>[]> {
    const response = await send(`${server.url}/api/v1/submissions/${submission.id}/quotes`, 'POST', {
      options,
      seed: '20261120',
    });
    expect(response.status).toBe(201);
    return QuoteList.parse(await response.json()).items;
  }

  it('lists the product with its options, controls and industries', async () => {
    const list = ProductList.parse(await (await fetch(`${server.url}/api/v1/products`)).json());
    expect(list.items.map((product) => product.id)).toEqual(['cyber-sme']);
    const product = ProductSummary.parse(
      await (await fetch(`${server.url}/api/v1/products/cyber-sme`)).json(),
    );
    expect(product.sections.map((section) => section.id)).toEqual([
      'extortion',
      'business_interruption',
      'data_restoration',
      'incident_response',
      'privacy_liability',
      'regulatory',
    ]);
    expect(product.controls).toHaveLength(20);
    expect(product.industries).toHaveLength(20);
    const missing = await fetch(`${server.url}/api/v1/products/cyber-sme?version=1999.1`);
    expect(missing.status).toBe(404);
    expect((await problemOf(missing)).code).toBe('product_not_found');
  });

  it('assesses a company: score with reasons, losses, premium whose parts add up, same inputs → same answer', async () => {
    const request = { profile: PROFILE };
    const first = await send(`${server.url}/api/v1/assessments`, 'POST', request);
    expect(first.status).toBe(200);
    const assessment = Assessment.parse(await first.json());
    const points = assessment.score.contributions.reduce((sum, entry) => sum + entry.points, 0);
    expect(points).toBe(assessment.score.score);
    expect(assessment.iterations).toBe(100_000);
    expect(assessment.losses.insured.mean).toBeLessThanOrEqual(assessment.losses.gross.mean);
    const parts = [
      assessment.premium.expectedInsuredLoss,
      assessment.premium.riskLoad,
      assessment.premium.expenses,
      assessment.premium.profit,
      assessment.premium.rounding,
      assessment.premium.minimumPremiumTopUp,
    ].reduce((sum, part) => sum + Math.round(Number(part.amount) * 100), 0);
    expect(parts).toBe(Math.round(Number(assessment.premium.premium.amount) * 100));
    expect(assessment.decision.kind).toBe('quote');
    const again = Assessment.parse(
      await (await send(`${server.url}/api/v1/assessments`, 'POST', request)).json(),
    );
    expect(again).toEqual(assessment);
  });

  it('refuses an amount the product does not offer, naming the field (422), and a malformed profile (400)', async () => {
    const offer = await send(`${server.url}/api/v1/assessments`, 'POST', {
      profile: PROFILE,
      coverage: { sections: [{ section: 'extortion', limit: CNY('750000.00') }] },
    });
    expect(offer.status).toBe(422);
    const problem = await problemOf(offer);
    expect(problem.code).toBe('coverage_option_invalid');
    expect(problem.detail).toContain('sections.extortion.limit');
    expect(problem.invalidParams?.map((param) => param.name)).toEqual([
      'body.coverage.sections.extortion.limit',
    ]);

    const malformed = await send(`${server.url}/api/v1/assessments`, 'POST', {
      profile: { ...PROFILE, industry: 'Z', employees: 0 },
    });
    expect(malformed.status).toBe(400);
    const fields = (await problemOf(malformed)).invalidParams?.map((param) => param.name) ?? [];
    expect(fields).toEqual(expect.arrayContaining(['body.profile.industry', 'body.profile.employees']));
  });

  it('ranks missing controls by premium saved, each never dearer than doing nothing', async () => {
    const response = await send(`${server.url}/api/v1/assessments/what-if`, 'POST', {
      profile: PROFILE,
      combination: ['mfa_email', 'security_awareness_training'],
    });
    expect(response.status).toBe(200);
    const whatIf = ControlWhatIf.parse(await response.json());
    expect(whatIf.options).toHaveLength(18); // 20 controls, 2 already evidenced
    const saved = whatIf.options.map((option) => Number(option.premiumSaved.amount));
    expect(saved).toEqual([...saved].sort((left, right) => right - left));
    expect(whatIf.options.find((option) => option.control === 'mfa_remote_access')?.change).toBe('evidence');
    for (const option of whatIf.options) expect(option.expectedGrossLossReduction).toBeGreaterThanOrEqual(0);
    expect(whatIf.combination?.controls).toEqual(['mfa_email', 'security_awareness_training']);
  });

  it('takes a submission through quote, bind and policy issue, recording every step', async () => {
    const submission = await submittedSubmission();
    const edit = await send(`${server.url}/api/v1/submissions/${submission.id}/profile`, 'PUT', {
      profile: PROFILE,
    });
    expect(edit.status).toBe(409);
    expect((await problemOf(edit)).code).toBe('transition_not_allowed');

    const quotes = await quoteOf(submission, [{}, { policyAggregate: CNY('1000000.00') }]);
    expect(quotes.map((quote) => quote.status)).toEqual(['quoted', 'quoted']);
    expect(quotes[0]?.reference).toMatch(/^Q-2026-\d{6}$/);
    const [quote] = quotes;
    if (quote === undefined) throw new Error('no quote');
    expect(quote.allowedActions).toEqual(['request_bind']);
    // MFA on remote access is attested without evidence, so its evidence is a pre-bind contingency.
    expect(quote.preBindContingencies.map((contingency) => contingency.code)).toEqual([
      'signed_application',
      'mfa_remote_access_evidence',
    ]);

    const early = await send(`${server.url}/api/v1/quotes/${quote.id}/bind`, 'POST');
    expect(early.status).toBe(409);
    expect((await problemOf(early)).code).toBe('transition_not_allowed');

    expect((await send(`${server.url}/api/v1/quotes/${quote.id}/bind-request`, 'POST')).status).toBe(200);
    const outstanding = await send(`${server.url}/api/v1/quotes/${quote.id}/bind`, 'POST');
    expect(outstanding.status).toBe(409);
    const outstandingProblem = await problemOf(outstanding);
    expect(outstandingProblem.code).toBe('contingencies_outstanding');
    // A refused step is about the quote's state, not a field of the request.
    expect(outstandingProblem.invalidParams).toBeUndefined();
    const unknown = await send(
      `${server.url}/api/v1/quotes/${quote.id}/contingencies/no_such_thing/satisfy`,
      'POST',
      {},
    );
    expect(unknown.status).toBe(422);
    for (const code of ['signed_application', 'mfa_remote_access_evidence']) {
      const satisfied = await send(
        `${server.url}/api/v1/quotes/${quote.id}/contingencies/${code}/satisfy`,
        'POST',
        {
          note: 'received',
        },
      );
      expect(satisfied.status).toBe(200);
    }
    const bound = Quote.parse(
      await (await send(`${server.url}/api/v1/quotes/${quote.id}/bind`, 'POST')).json(),
    );
    expect(bound.status).toBe('bound');

    const issued = await send(`${server.url}/api/v1/quotes/${quote.id}/policy`, 'POST', {
      inceptionDate: '2026-12-01',
    });
    expect(issued.status).toBe(201);
    const policy = Policy.parse(await issued.json());
    expect(policy).toMatchObject({
      inceptionDate: '2026-12-01',
      expiryDate: '2027-12-01',
      premium: quote.premium.premium,
    });
    expect(policy.policyNumber).toMatch(/^CRP-CYB-2026-\d{6}$/);
    expect(policy.transactions).toEqual([
      expect.objectContaining({ sequence: 1, kind: 'issue', effectiveDate: '2026-12-01' }),
    ]);
    // No open critical findings, so only the incident-hotline contingency applies after binding.
    expect(policy.postBindContingencies.map((contingency) => contingency.dueDate)).toEqual(['2026-12-16']);
    const again = await send(`${server.url}/api/v1/quotes/${quote.id}/policy`, 'POST', {
      inceptionDate: '2026-12-01',
    });
    expect(again.status).toBe(409);

    const detail = QuoteDetail.parse(
      await (await send(`${server.url}/api/v1/quotes/${quote.id}`, 'GET')).json(),
    );
    expect(detail.status).toBe('policy_issued');
    expect(detail.events.map((event) => event.action)).toEqual([
      'create',
      'request_bind',
      'satisfy_contingency',
      'satisfy_contingency',
      'bind',
      'issue_policy',
    ]);
    const page = PolicyPage.parse(
      await (
        await send(`${server.url}/api/v1/policies?organisationId=${policy.organisationId}`, 'GET')
      ).json(),
    );
    expect(page.items.map((item) => item.id)).toEqual([policy.id]);
    const read = Policy.parse(await (await send(`${server.url}/api/v1/policies/${policy.id}`, 'GET')).json());
    expect(read).toEqual(policy);
  });

  it('refers by the product’s rules; an underwriter approves or declines with a note', async () => {
    const submission = await submittedSubmission({
      ...PROFILE,
      industry: 'Q',
      openFindings: { critical: 1, knownExploited: 0 },
    });
    const [quote] = await quoteOf(submission);
    expect(quote?.status).toBe('referred');
    expect(quote?.triggeredRules.map((rule) => rule.code)).toEqual([
      'sensitive_industry',
      'open_critical_finding',
    ]);
    const noNote = await send(`${server.url}/api/v1/quotes/${quote?.id ?? ''}/referral-decision`, 'POST', {
      decision: 'approve',
    });
    expect(noNote.status).toBe(400);
    const approved = await send(`${server.url}/api/v1/quotes/${quote?.id ?? ''}/referral-decision`, 'POST', {
      decision: 'approve',
      note: 'finding fixed, retest seen',
    });
    expect(Quote.parse(await approved.json()).status).toBe('quoted');
  });

  it('asks for evidence only of controls that are attested, never of one the company lacks', async () => {
    const withoutMfa = Object.fromEntries(
      Object.entries(PROFILE.controls).filter(([control]) => control !== 'mfa_remote_access'),
    );
    const submission = await submittedSubmission({ ...PROFILE, controls: withoutMfa });
    const [quote] = await quoteOf(submission);
    expect(quote?.status).toBe('referred');
    expect(quote?.triggeredRules.map((rule) => rule.code)).toEqual(['no_mfa_remote_access']);
    expect(quote?.preBindContingencies.map((contingency) => contingency.code)).toEqual([
      'signed_application',
    ]);
  });

  it('binds at most one of an application’s quote options', async () => {
    const submission = await submittedSubmission({
      ...PROFILE,
      controls: { ...PROFILE.controls, mfa_remote_access: { adopted: true, evidenced: true } },
    });
    const [first, second] = await quoteOf(submission, [{}, { policyAggregate: CNY('1000000.00') }]);
    for (const quote of [first, second]) {
      expect((await send(`${server.url}/api/v1/quotes/${quote?.id ?? ''}/bind-request`, 'POST')).status).toBe(
        200,
      );
      await send(
        `${server.url}/api/v1/quotes/${quote?.id ?? ''}/contingencies/signed_application/satisfy`,
        'POST',
        {},
      );
    }
    expect((await send(`${server.url}/api/v1/quotes/${first?.id ?? ''}/bind`, 'POST')).status).toBe(200);
    const twice = await send(`${server.url}/api/v1/quotes/${second?.id ?? ''}/bind`, 'POST');
    expect(twice.status).toBe(409);
    const problem = await problemOf(twice);
    expect(problem.code).toBe('transition_not_allowed');
    expect(problem.detail).toContain(first?.reference ?? '?');
  });

  it('answers a seed or an amount it cannot use with a problem, never a 500', async () => {
    const seed = await send(`${server.url}/api/v1/assessments`, 'POST', {
      profile: PROFILE,
      seed: '99999999999999999999',
    });
    expect(seed.status).toBe(400);
    expect((await problemOf(seed)).invalidParams?.map((param) => param.name)).toEqual(['body.seed']);
    const yen = await send(`${server.url}/api/v1/assessments`, 'POST', {
      profile: { ...PROFILE, annualRevenue: { amount: '1000.50', currency: 'JPY' } },
    });
    expect(yen.status).toBe(422);
    expect(await problemOf(yen)).toMatchObject({ code: 'amount_invalid' });
    const huge = await send(`${server.url}/api/v1/assessments`, 'POST', {
      profile: { ...PROFILE, annualRevenue: CNY('999999999999999.99') },
    });
    expect(huge.status).toBe(400);
  });

  it('declines what the rules decline, and a declined quote cannot be bound', async () => {
    const submission = await submittedSubmission({ ...PROFILE, controls: {} });
    const [quote] = await quoteOf(submission);
    expect(quote?.status).toBe('declined');
    expect(quote?.allowedActions).toEqual([]);
    const bind = await send(`${server.url}/api/v1/quotes/${quote?.id ?? ''}/bind-request`, 'POST');
    expect(bind.status).toBe(409);
  });

  it('expires a quote past its validity, records it, and refuses to bind it', async () => {
    const submission = await submittedSubmission();
    const [quote] = await quoteOf(submission);
    now = new Date(now.getTime() + 31 * 86_400_000);
    const late = await send(`${server.url}/api/v1/quotes/${quote?.id ?? ''}/bind-request`, 'POST');
    expect(late.status).toBe(409);
    expect((await problemOf(late)).code).toBe('quote_expired');
    const detail = QuoteDetail.parse(
      await (await send(`${server.url}/api/v1/quotes/${quote?.id ?? ''}`, 'GET')).json(),
    );
    expect(detail.status).toBe('expired');
    expect(detail.events.at(-1)).toMatchObject({
      action: 'expire',
      fromStatus: 'quoted',
      toStatus: 'expired',
    });
  });

  it('lists the submissions the caller takes part in, newest first, by status and company, with names', async () => {
    const submitted = await submittedSubmission();
    const other = await registerInsured('苏州测试物流有限公司');
    const draft = Submission.parse(
      await (
        await send(`${server.url}/api/v1/submissions`, 'POST', { organisationId: other.id, profile: PROFILE })
      ).json(),
    );
    const list = async (query: string) => {
      const response = await send(`${server.url}/api/v1/submissions${query}`, 'GET');
      expect(response.status).toBe(200);
      return SubmissionPage.parse(await response.json());
    };

    const all = await list('');
    expect(all.items.map((item) => [item.id, item.status, item.organisation.nameZh])).toEqual([
      [draft.id, 'draft', '苏州测试物流有限公司'],
      [submitted.id, 'submitted', '杭州测试软件有限公司'],
    ]);
    expect(all).toMatchObject({ total: 2, limit: 50, offset: 0 });
    expect(all.items[0]).toMatchObject({
      ...draft,
      organisation: { nameZh: '苏州测试物流有限公司', nameEn: null },
    });
    expect((await list('?status=submitted')).items.map((item) => item.id)).toEqual([submitted.id]);
    expect((await list('?order=oldest_first')).items.map((item) => item.id)).toEqual([
      submitted.id,
      draft.id,
    ]);
    expect((await list(`?organisationId=${other.id}&status=submitted`)).total).toBe(0);
    expect(await list('?limit=1&offset=1')).toMatchObject({ total: 2, limit: 1, offset: 1 });
    expect((await list('?limit=1&offset=1')).items.map((item) => item.id)).toEqual([submitted.id]);

    const badStatus = await send(`${server.url}/api/v1/submissions?status=bound`, 'GET');
    expect(badStatus.status).toBe(400);
    expect((await problemOf(badStatus)).code).toBe('validation_failed');

    // Another insurer's underwriter sees none of this insurer's queue; a security admin may not list at all.
    signedIn = () => server.tokenFor('underwriter', 'other-insurer');
    expect(await list('')).toMatchObject({ items: [], total: 0 });
    signedIn = () => server.tokenFor('security_admin');
    const refused = await send(`${server.url}/api/v1/submissions`, 'GET');
    expect(refused.status).toBe(403);
  });

  it('refuses quoting a draft, a submission for a non-insured, and unknown ids', async () => {
    const organisation = await registerInsured();
    const draft = Submission.parse(
      await (
        await send(`${server.url}/api/v1/submissions`, 'POST', {
          organisationId: organisation.id,
          profile: PROFILE,
        })
      ).json(),
    );
    const quoteDraft = await send(`${server.url}/api/v1/submissions/${draft.id}/quotes`, 'POST', {});
    expect(quoteDraft.status).toBe(409);
    const broker = Organisation.parse(
      await (
        await send(`${server.url}/api/v1/organisations`, 'POST', { kind: 'broker', nameZh: '测试经纪' })
      ).json(),
    );
    const forBroker = await send(`${server.url}/api/v1/submissions`, 'POST', {
      organisationId: broker.id,
      profile: PROFILE,
    });
    expect(forBroker.status).toBe(422);
    const missing = await send(`${server.url}/api/v1/quotes/00000000-0000-4000-8000-000000000000`, 'GET');
    expect(missing.status).toBe(404);
    expect((await problemOf(missing)).code).toBe('quote_not_found');
    const badId = await send(`${server.url}/api/v1/policies/not-a-uuid`, 'GET');
    expect(badId.status).toBe(400);
  });
});
