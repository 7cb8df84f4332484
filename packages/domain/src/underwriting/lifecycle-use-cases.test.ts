import { beforeEach, describe, expect, it } from 'vitest';

import type { Organisation } from '../organisations/organisation.js';
import { money } from '../shared/money.js';
import { createLossSimulator } from './loss-simulator.js';
import { addMonths, getPolicy, issuePolicy, listPolicies } from './policy-use-cases.js';
import {
  bindQuote,
  decideReferral,
  expireQuoteIfDue,
  getQuote,
  listSubmissionQuotes,
  quoteSubmission,
  requestBind,
  satisfyContingency,
  withdrawBindRequest,
} from './quote-use-cases.js';
import type { RiskProfile } from './risk-profile.js';
import {
  createSubmission,
  getSubmission,
  listSubmissions,
  submitSubmission,
  updateSubmissionProfile,
} from './submission-use-cases.js';
import {
  cleanProfile,
  fixtureCatalogue,
  fixtureProduct,
  fixtureProductJson,
} from './testing/fixture-catalogue.js';
import {
  createInMemoryStore,
  seedOrganisation,
  type InMemoryStore,
} from './testing/in-memory-repositories.js';
import { parseProduct } from './product.js';
import type { Quote } from './underwriting-records.js';
import type { LifecycleServices } from './underwriting-services.js';

const DAY_MS = 86_400_000;
const monthlyProduct = parseProduct(
  { ...fixtureProductJson({ id: 'cyber-monthly', termMonths: 1 }) },
  'monthly',
);
const catalogue = fixtureCatalogue([fixtureProduct(), monthlyProduct]);
const simulate = createLossSimulator();

let clock: Date;
let store: InMemoryStore;
let services: LifecycleServices;
let insured: Organisation;
let broker: Organisation;
let insurer: Organisation;

function setClock(iso: string): void {
  clock = new Date(iso);
}

beforeEach(async () => {
  // 10:00 in Beijing on 10 March 2026.
  setClock('2026-03-10T02:00:00Z');
  store = createInMemoryStore(() => clock);
  services = { catalogue, simulate, unitOfWork: store.unitOfWork, now: () => clock };
  insured = await seedOrganisation(store, {
    kind: 'insured',
    nameZh: '示例制造有限公司',
    nameEn: null,
    creditCode: null,
  });
  insurer = await seedOrganisation(store, {
    kind: 'insurer',
    nameZh: '示例财产保险股份有限公司',
    nameEn: null,
    creditCode: null,
  });
  broker = await seedOrganisation(store, {
    kind: 'broker',
    nameZh: '示例保险经纪有限公司',
    nameEn: null,
    creditCode: null,
  });
});

async function submitted(profile: RiskProfile = cleanProfile(), productId = 'cyber-sme') {
  const draft = await createSubmission(services, {
    organisationId: insured.id,
    insurerId: insurer.id,
    productId,
    profile,
  });
  return submitSubmission(services, draft.id);
}

async function quoted(profile: RiskProfile = cleanProfile(), productId = 'cyber-sme'): Promise<Quote> {
  const submission = await submitted(profile, productId);
  const [quote] = await quoteSubmission(services, { submissionId: submission.id, options: [{}], seed: '1' });
  return quote!;
}

/** A bound quote: bind requested, every contingency met, bound. */
async function bound(profile: RiskProfile = cleanProfile(), productId = 'cyber-sme'): Promise<Quote> {
  const quote = await quoted(profile, productId);
  await requestBind(services, quote.id);
  for (const contingency of quote.preBindContingencies) {
    await satisfyContingency(services, quote.id, contingency.code, null);
  }
  return bindQuote(services, quote.id);
}

async function events(quoteId: string) {
  return (await getQuote(services, quoteId)).events;
}

describe('submissions', () => {
  it('creates a draft, lets it be corrected, then submits and freezes it', async () => {
    const draft = await createSubmission(services, {
      organisationId: insured.id,
      insurerId: insurer.id,
      productId: 'cyber-sme',
      profile: cleanProfile(),
    });
    expect(draft).toMatchObject({
      status: 'draft',
      productVersion: '2026.1',
      submittedAt: null,
      createdAt: clock,
    });
    const corrected = await updateSubmissionProfile(services, draft.id, cleanProfile({ employees: 130 }));
    expect(corrected.profile.employees).toBe(130);
    setClock('2026-03-10T03:00:00Z');
    const sent = await submitSubmission(services, draft.id);
    expect(sent).toMatchObject({ status: 'submitted', submittedAt: new Date('2026-03-10T03:00:00Z') });
    expect((await getSubmission(services, draft.id)).profile.employees).toBe(130);
    await expect(updateSubmissionProfile(services, draft.id, cleanProfile())).rejects.toMatchObject({
      code: 'transition_not_allowed',
    });
    await expect(submitSubmission(services, draft.id)).rejects.toMatchObject({
      code: 'transition_not_allowed',
    });
    expect((await getSubmission(services, draft.id)).profile.employees).toBe(130);
  });

  it('refuses an unknown organisation, one that is not an insured, an invalid profile and an unknown product', async () => {
    await expect(
      createSubmission(services, {
        organisationId: 'nobody',
        insurerId: insurer.id,
        productId: 'cyber-sme',
        profile: cleanProfile(),
      }),
    ).rejects.toMatchObject({ code: 'organisation_not_found' });
    await expect(
      createSubmission(services, {
        organisationId: broker.id,
        insurerId: insurer.id,
        productId: 'cyber-sme',
        profile: cleanProfile(),
      }),
    ).rejects.toMatchObject({ code: 'organisation_not_insured', field: 'organisationId' });
    await expect(
      createSubmission(services, {
        organisationId: insured.id,
        insurerId: insurer.id,
        productId: 'cyber-sme',
        profile: cleanProfile({ employees: 0 }),
      }),
    ).rejects.toMatchObject({ code: 'risk_profile_invalid', field: 'profile.employees' });
    await expect(
      createSubmission(services, {
        organisationId: insured.id,
        insurerId: insurer.id,
        productId: 'cyber-xl',
        profile: cleanProfile(),
      }),
    ).rejects.toMatchObject({ code: 'product_not_found' });
    expect(store.snapshot().submissions).toHaveLength(0);
  });

  it('lists submissions newest first with the company’s names, by status', async () => {
    const first = await submitted();
    const draft = await createSubmission(services, {
      organisationId: insured.id,
      insurerId: insurer.id,
      productId: 'cyber-sme',
      profile: cleanProfile(),
    });
    const named = (submission: typeof first) => ({
      submission,
      organisationNameZh: '示例制造有限公司',
      organisationNameEn: null,
    });
    expect(await listSubmissions(services, { limit: 10, offset: 0 })).toEqual({
      items: [named(draft), named(first)],
      total: 2,
    });
    expect(
      (await listSubmissions(services, { order: 'oldest_first', limit: 10, offset: 0 })).items.map(
        (item) => item.submission.id,
      ),
    ).toEqual([first.id, draft.id]);
    expect(await listSubmissions(services, { status: 'submitted', limit: 10, offset: 0 })).toEqual({
      items: [named(first)],
      total: 1,
    });
    expect(await listSubmissions(services, { organisationId: broker.id, limit: 10, offset: 0 })).toEqual({
      items: [],
      total: 0,
    });
  });

  it('refuses an invalid correction and keeps the draft as it was', async () => {
    const draft = await createSubmission(services, {
      organisationId: insured.id,
      insurerId: insurer.id,
      productId: 'cyber-sme',
      profile: cleanProfile(),
    });
    await expect(
      updateSubmissionProfile(services, draft.id, cleanProfile({ country: 'usa' })),
    ).rejects.toMatchObject({
      code: 'risk_profile_invalid',
    });
    expect((await getSubmission(services, draft.id)).profile.country).toBe('CN');
    await expect(getSubmission(services, 'missing')).rejects.toMatchObject({ code: 'submission_not_found' });
  });
});

describe('quoting', () => {
  it('refuses to quote a draft', async () => {
    const draft = await createSubmission(services, {
      organisationId: insured.id,
      insurerId: insurer.id,
      productId: 'cyber-sme',
      profile: cleanProfile(),
    });
    await expect(quoteSubmission(services, { submissionId: draft.id, options: [{}] })).rejects.toMatchObject({
      code: 'transition_not_allowed',
    });
  });

  it('takes one to three options, each its own quote with its own reference and creation event', async () => {
    const submission = await submitted();
    await expect(
      quoteSubmission(services, { submissionId: submission.id, options: [] }),
    ).rejects.toMatchObject({
      code: 'coverage_option_invalid',
      field: 'options',
    });
    await expect(
      quoteSubmission(services, { submissionId: submission.id, options: [{}, {}, {}, {}] }),
    ).rejects.toMatchObject({ code: 'coverage_option_invalid' });
    const quotes = await quoteSubmission(services, {
      submissionId: submission.id,
      options: [
        {},
        { policyAggregate: money(100_000_000, 'CNY') },
        {
          policyAggregate: money(300_000_000, 'CNY'),
          sections: [{ section: 'business_interruption', waitingPeriodHours: 24 }],
        },
      ],
    });
    expect(quotes.map((quote) => quote.reference)).toEqual([
      'Q-2026-000001',
      'Q-2026-000002',
      'Q-2026-000003',
    ]);
    expect(quotes.map((quote) => quote.coverage.policyAggregate.minor)).toEqual([
      200_000_000, 100_000_000, 300_000_000,
    ]);
    for (const quote of quotes) {
      expect(quote).toMatchObject({
        status: 'quoted',
        submissionId: submission.id,
        organisationId: insured.id,
        triggeredRules: [],
        createdAt: clock,
        validUntil: new Date(clock.getTime() + 30 * DAY_MS),
      });
      expect(quote.premium).toEqual(quote.assessment.premium);
      expect(await events(quote.id)).toEqual([
        {
          quoteId: quote.id,
          sequence: 1,
          action: 'create',
          fromStatus: null,
          toStatus: 'quoted',
          note: null,
          at: clock,
        },
      ]);
    }
    // A lower aggregate never costs more.
    expect(quotes[1]!.premium.premium.minor).toBeLessThanOrEqual(quotes[0]!.premium.premium.minor);
    expect(await listSubmissionQuotes(services, submission.id)).toEqual(quotes);
  });

  it('refuses an option not offered without storing any quote', async () => {
    const submission = await submitted();
    await expect(
      quoteSubmission(services, {
        submissionId: submission.id,
        options: [{}, { policyAggregate: money(1, 'CNY') }],
      }),
    ).rejects.toMatchObject({ code: 'coverage_option_invalid' });
    expect(store.snapshot().quotes).toHaveLength(0);
  });

  it('lets the product rules make a quote referred or declined, recording which rules fired', async () => {
    const referred = await quoted(
      cleanProfile({ priorClaims: 2, openFindings: { critical: 1, knownExploited: 0 } }),
    );
    expect(referred.status).toBe('referred');
    expect(referred.triggeredRules.map((rule) => rule.code)).toEqual([
      'prior_claims',
      'open_critical_finding',
    ]);
    expect((await events(referred.id))[0]).toMatchObject({
      toStatus: 'referred',
      note: 'prior_claims, open_critical_finding',
    });

    const declined = await quoted(cleanProfile({ priorClaims: 5 }));
    expect(declined.status).toBe('declined');
    expect(declined.triggeredRules.map((rule) => rule.code)).toEqual(['frequent_prior_claims']);
    await expect(requestBind(services, declined.id)).rejects.toMatchObject({
      code: 'transition_not_allowed',
    });
  });

  it('attaches only the pre-bind contingencies that apply', async () => {
    const evidenced = await quoted();
    expect(evidenced.preBindContingencies.map((contingency) => contingency.code)).toEqual([
      'signed_application',
    ]);
    const attested = await quoted(
      cleanProfile({
        controls: {
          mfa_remote_access: { adopted: true, evidenced: false },
          offline_backups: { adopted: true, evidenced: true },
        },
      }),
    );
    expect(attested.preBindContingencies).toEqual([
      {
        code: 'signed_application',
        text: expect.objectContaining({ en: expect.any(String) as unknown }) as unknown,
        satisfiedAt: null,
      },
      {
        code: 'mfa_remote_access_evidence',
        text: expect.objectContaining({ 'zh-CN': expect.any(String) as unknown }) as unknown,
        satisfiedAt: null,
      },
    ]);
  });

  it("approves or declines a referral, with the underwriter's note", async () => {
    const approved = await decideReferral(
      services,
      (await quoted(cleanProfile({ priorClaims: 2 }))).id,
      'approve',
      'claims were small',
    );
    expect(approved.status).toBe('quoted');
    expect((await events(approved.id)).at(-1)).toMatchObject({
      sequence: 2,
      action: 'approve_referral',
      fromStatus: 'referred',
      toStatus: 'quoted',
      note: 'claims were small',
    });
    const refused = await decideReferral(
      services,
      (await quoted(cleanProfile({ priorClaims: 2 }))).id,
      'decline',
      null,
    );
    expect(refused.status).toBe('declined');
    await expect(decideReferral(services, approved.id, 'approve', null)).rejects.toMatchObject({
      code: 'transition_not_allowed',
    });
  });
});

describe('expiry', () => {
  it('records the expiry and refuses the step with quote_expired once validity has passed', async () => {
    const quote = await quoted();
    setClock(new Date(quote.validUntil.getTime() + 1).toISOString());
    await expect(requestBind(services, quote.id)).rejects.toMatchObject({ code: 'quote_expired' });
    const { quote: after, events: history } = await getQuote(services, quote.id);
    expect(after.status).toBe('expired');
    expect(history.map((event) => [event.sequence, event.action, event.fromStatus, event.toStatus])).toEqual([
      [1, 'create', null, 'quoted'],
      [2, 'expire', 'quoted', 'expired'],
    ]);
    // Expired is final: asking again gives transition_not_allowed, and nothing more is recorded.
    await expect(requestBind(services, quote.id)).rejects.toMatchObject({ code: 'transition_not_allowed' });
    expect(await events(quote.id)).toHaveLength(2);
  });

  it('still accepts a step at the last instant of validity', async () => {
    const quote = await quoted();
    setClock(quote.validUntil.toISOString());
    expect((await requestBind(services, quote.id)).status).toBe('bind_requested');
  });

  it('expires a referred quote before an underwriter decides it', async () => {
    const quote = await quoted(cleanProfile({ priorClaims: 2 }));
    setClock(new Date(quote.validUntil.getTime() + DAY_MS).toISOString());
    await expect(decideReferral(services, quote.id, 'approve', null)).rejects.toMatchObject({
      code: 'quote_expired',
    });
    expect((await getQuote(services, quote.id)).quote.status).toBe('expired');
  });

  it('expires a due quote in a sweep and leaves a valid one alone', async () => {
    const quote = await quoted();
    expect(await expireQuoteIfDue(services, quote.id)).toEqual(quote);
    expect(await events(quote.id)).toHaveLength(1);
    setClock(new Date(quote.validUntil.getTime() + 1).toISOString());
    expect((await expireQuoteIfDue(services, quote.id)).status).toBe('expired');
    expect((await expireQuoteIfDue(services, quote.id)).status).toBe('expired');
    expect(await events(quote.id)).toHaveLength(2);
  });
});

describe('binding and issuing', () => {
  it('goes from quote to policy, recording every event in order', async () => {
    const quote = await quoted(
      cleanProfile({
        controls: {
          mfa_remote_access: { adopted: true, evidenced: false },
          offline_backups: { adopted: true, evidenced: false },
        },
      }),
    );
    expect(quote.preBindContingencies.map((contingency) => contingency.code)).toEqual([
      'signed_application',
      'mfa_remote_access_evidence',
      'offline_backup_evidence',
    ]);
    await expect(satisfyContingency(services, quote.id, 'signed_application', null)).rejects.toMatchObject({
      code: 'transition_not_allowed',
    });
    expect((await requestBind(services, quote.id)).status).toBe('bind_requested');
    await expect(bindQuote(services, quote.id)).rejects.toMatchObject({
      code: 'contingencies_outstanding',
      message: expect.stringContaining(
        'signed_application, mfa_remote_access_evidence, offline_backup_evidence',
      ) as unknown,
    });
    await expect(satisfyContingency(services, quote.id, 'board_minutes', null)).rejects.toMatchObject({
      code: 'contingency_unknown',
    });
    setClock('2026-03-11T01:00:00Z');
    const afterOne = await satisfyContingency(
      services,
      quote.id,
      'signed_application',
      'stamped original received',
    );
    expect(afterOne.preBindContingencies[0]?.satisfiedAt).toEqual(new Date('2026-03-11T01:00:00Z'));
    await expect(bindQuote(services, quote.id)).rejects.toMatchObject({
      code: 'contingencies_outstanding',
      message: expect.not.stringContaining('signed_application') as unknown,
    });
    await satisfyContingency(services, quote.id, 'mfa_remote_access_evidence', null);
    await satisfyContingency(services, quote.id, 'offline_backup_evidence', null);
    expect((await bindQuote(services, quote.id)).status).toBe('bound');
    await expect(bindQuote(services, quote.id)).rejects.toMatchObject({ code: 'transition_not_allowed' });

    const issued = await issuePolicy(services, quote.id, '2026-03-15');
    expect(issued.policy).toMatchObject({
      policyNumber: 'CRP-CYB-2026-000001',
      quoteId: quote.id,
      organisationId: insured.id,
      insurerId: insurer.id,
      productId: 'cyber-sme',
      productVersion: '2026.1',
      inceptionDate: '2026-03-15',
      expiryDate: '2027-03-15',
      coverage: quote.coverage,
      premium: quote.premium.premium,
      issuedAt: clock,
    });
    // critical_findings_remediated applies only to a company with open critical findings; this one has none.
    expect(issued.policy.postBindContingencies).toEqual([
      { code: 'incident_hotline_contacts', text: expect.any(Object) as unknown, dueDate: '2026-03-30' },
    ]);
    expect(issued.transactions).toEqual([
      {
        policyId: issued.policy.id,
        sequence: 1,
        kind: 'issue',
        effectiveDate: '2026-03-15',
        premiumChange: quote.premium.premium,
        createdAt: clock,
      },
    ]);
    expect(await getPolicy(services, issued.policy.id)).toEqual(issued);
    expect(await listPolicies(services, { organisationId: insured.id, limit: 10, offset: 0 })).toEqual({
      items: [issued.policy],
      total: 1,
    });
    expect((await listPolicies(services, { organisationId: broker.id, limit: 10, offset: 0 })).total).toBe(0);

    const { quote: final, events: history } = await getQuote(services, quote.id);
    expect(final.status).toBe('policy_issued');
    expect(
      history.map((event) => [event.sequence, event.action, event.fromStatus, event.toStatus, event.note]),
    ).toEqual([
      [1, 'create', null, 'quoted', null],
      [2, 'request_bind', 'quoted', 'bind_requested', null],
      [
        3,
        'satisfy_contingency',
        'bind_requested',
        'bind_requested',
        'signed_application: stamped original received',
      ],
      [4, 'satisfy_contingency', 'bind_requested', 'bind_requested', 'mfa_remote_access_evidence'],
      [5, 'satisfy_contingency', 'bind_requested', 'bind_requested', 'offline_backup_evidence'],
      [6, 'bind', 'bind_requested', 'bound', null],
      [7, 'issue_policy', 'bound', 'policy_issued', 'inception 2026-03-15'],
    ]);
    await expect(issuePolicy(services, quote.id, '2026-03-15')).rejects.toMatchObject({
      code: 'transition_not_allowed',
    });
    expect(store.snapshot().policies).toHaveLength(1);
  });

  it('withdraws a bind request back to quoted and keeps met contingencies', async () => {
    const quote = await quoted();
    await requestBind(services, quote.id);
    await satisfyContingency(services, quote.id, 'signed_application', null);
    const withdrawn = await withdrawBindRequest(services, quote.id);
    expect(withdrawn.status).toBe('quoted');
    expect(withdrawn.preBindContingencies[0]?.satisfiedAt).toEqual(clock);
    await expect(withdrawBindRequest(services, quote.id)).rejects.toMatchObject({
      code: 'transition_not_allowed',
    });
  });

  it('refuses to issue a policy on a quote that is not bound, storing nothing', async () => {
    const quote = await quoted();
    await expect(issuePolicy(services, quote.id, '2026-03-15')).rejects.toMatchObject({
      code: 'transition_not_allowed',
    });
    await expect(issuePolicy(services, 'missing', '2026-03-15')).rejects.toMatchObject({
      code: 'quote_not_found',
    });
    expect(store.snapshot().policies).toHaveLength(0);
    expect(await events(quote.id)).toHaveLength(1);
  });

  it.each(['15/03/2026', '2026-3-15', '2026-02-30', '2026-13-01', '', '2026-03-15T00:00:00Z'])(
    'refuses the inception date %j as not a calendar date',
    async (inceptionDate) => {
      const quote = await bound();
      await expect(issuePolicy(services, quote.id, inceptionDate)).rejects.toMatchObject({
        code: 'inception_date_invalid',
        field: 'inceptionDate',
      });
    },
  );

  it('accepts inception from 30 days back to 90 days ahead of today in China, and refuses beyond', async () => {
    // 20:00 UTC on 10 March is already 11 March in Beijing: "today" is 2026-03-11.
    setClock('2026-03-10T20:00:00Z');
    for (const inceptionDate of ['2026-02-08', '2026-06-10']) {
      await expect(issuePolicy(services, (await bound()).id, inceptionDate)).rejects.toMatchObject({
        code: 'inception_date_invalid',
        message: expect.stringContaining('(2026-03-11)') as unknown,
      });
    }
    expect((await issuePolicy(services, (await bound()).id, '2026-02-09')).policy.expiryDate).toBe(
      '2027-02-09',
    );
    expect((await issuePolicy(services, (await bound()).id, '2026-06-09')).policy.expiryDate).toBe(
      '2027-06-09',
    );
  });

  it('covers a one-month policy incepting on 31 January to the end of February (expiry 1 March, exclusive)', async () => {
    setClock('2027-01-20T02:00:00Z');
    const quote = await bound(cleanProfile(), 'cyber-monthly');
    const { policy } = await issuePolicy(services, quote.id, '2027-01-31');
    expect(policy).toMatchObject({
      productId: 'cyber-monthly',
      inceptionDate: '2027-01-31',
      expiryDate: '2027-03-01',
    });
    expect(policy.postBindContingencies.map((contingency) => contingency.dueDate)).toEqual(['2027-02-15']);
  });
});

describe('addMonths', () => {
  const add = (iso: string, months: number) =>
    addMonths(new Date(`${iso}T00:00:00Z`), months)
      .toISOString()
      .slice(0, 10);

  // The expiry is exclusive (cover ends at 24:00 the day before), so a day the target month lacks rolls to
  // the 1st of the next month: the last covered day is then the end of the shorter month, never a day early.
  it('keeps the day of the month, or rolls to the 1st of the next month when that day does not exist', () => {
    expect(add('2026-01-31', 1)).toBe('2026-03-01');
    expect(add('2028-01-31', 1)).toBe('2028-03-01');
    expect(add('2026-03-31', 1)).toBe('2026-05-01');
    expect(add('2026-01-15', 1)).toBe('2026-02-15');
    expect(add('2028-02-29', 12)).toBe('2029-03-01');
    expect(add('2026-11-30', 3)).toBe('2027-03-01');
    expect(add('2026-02-28', 12)).toBe('2027-02-28');
    expect(add('2026-08-31', 12)).toBe('2027-08-31');
    expect(add('2026-12-31', 36)).toBe('2029-12-31');
  });
});
