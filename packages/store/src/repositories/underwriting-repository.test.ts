import { sql, type Kysely } from 'kysely';
import { expect, it } from 'vitest';
import {
  NotFoundError,
  money,
  type Assessment,
  type CoverageSelection,
  type NewOrganisation,
  type Policy,
  type PremiumBreakdown,
  type Quote,
  type QuoteContingency,
  type RiskProfile,
  type Submission,
  type TriggeredRule,
  type UnitOfWork,
} from '@carapace/domain';
import { migrateDown, migrateToLatest } from '../migrator.js';
import type { Database } from '../schema.js';
import { describeEachDatabase } from '../testing/describe-each-database.js';
import { createUnitOfWork } from '../unit-of-work.js';
import { PLATFORM_SCOPE } from '../data-scope.js';
import { KyselyUnderwritingRepository } from './underwriting-repository.js';

const PRODUCT = { productId: 'cyber-sme', productVersion: '2026.1' };

const ningbo: NewOrganisation = {
  kind: 'insured',
  nameZh: '宁波甬江精密制造有限公司',
  nameEn: 'Ningbo Yongjiang Precision Manufacturing Co., Ltd.',
  creditCode: null,
};

const hangzhou: NewOrganisation = {
  kind: 'insured',
  nameZh: '杭州西溪电子商务有限公司',
  nameEn: 'Hangzhou Xixi E-commerce Co., Ltd.',
  creditCode: null,
};

const profile: RiskProfile = {
  industry: 'C',
  annualRevenue: money(38_000_000_000),
  employees: 420,
  recordsHeld: { personal: 85_000, sensitive: 1_200, payment: 0 },
  country: 'CN',
  controls: {
    mfa_remote_access: { adopted: true, evidenced: true },
    offline_backups: { adopted: true, evidenced: false },
    endpoint_detection_response: { adopted: false, evidenced: false },
  },
  priorClaims: 1,
  openFindings: { critical: 2, knownExploited: 1 },
};

const coverage: CoverageSelection = {
  sections: [
    {
      section: 'incident_response',
      limit: money(200_000_000),
      retention: money(5_000_000),
      waitingPeriodHours: 0,
    },
    {
      section: 'business_interruption',
      limit: money(500_000_000),
      retention: money(10_000_000),
      waitingPeriodHours: 12,
    },
    { section: 'extortion', limit: money(100_000_000), retention: money(5_000_000), waitingPeriodHours: 0 },
  ],
  policyAggregate: money(500_000_000),
};

const premium: PremiumBreakdown = {
  expectedInsuredLoss: money(2_864_517),
  riskLoad: money(1_432_258),
  expenses: money(1_432_259),
  profit: money(477_420),
  rounding: money(93_546),
  minimumPremiumTopUp: money(0),
  premium: money(6_300_000),
};

const triggeredRules: readonly TriggeredRule[] = [
  {
    code: 'open_known_exploited_findings',
    outcome: 'refer',
    reason: {
      'zh-CN': '存在已被利用的漏洞尚未修复',
      en: 'An actively exploited vulnerability is still open',
    },
  },
];

const lossDistribution = {
  // Floats as the engine produces them: jsonb must give back the same doubles, digit for digit.
  mean: 57_290.34567891234,
  standardDeviation: 0.1 + 0.2,
  valueAtRisk: [{ level: 0.99, value: 1_234_567.890123 }],
  tailValueAtRisk: [{ level: 0.99, value: 2.5e-7 }],
  returnPeriodLosses: [{ years: 200, loss: 4_567_890.5 }],
  exceedance: [{ threshold: 1_000_000, probability: 0.0123 }],
};

const assessment: Assessment = {
  product: { id: PRODUCT.productId, version: PRODUCT.productVersion },
  ratePlan: { id: 'cyber-sme-rates', version: '2026.1' },
  profile,
  coverage,
  seed: '18446744073709551557',
  iterations: 20_000,
  score: {
    score: 58,
    band: 'elevated',
    contributions: [
      {
        factor: 'base',
        source: 'rate_plan',
        label: { 'zh-CN': '基准分', en: 'Base' },
        value: 'cyber-sme-rates 2026.1',
        points: 50,
        exactPoints: 50,
      },
      {
        factor: 'control:mfa_remote_access',
        source: 'answer',
        label: { 'zh-CN': '远程访问多因素认证', en: 'MFA on remote access' },
        value: 'adopted, evidenced',
        points: 8,
        exactPoints: 7.815_228_443_130_12,
      },
    ],
  },
  perils: [
    {
      peril: 'ransomware',
      name: { 'zh-CN': '勒索软件', en: 'Ransomware' },
      section: 'extortion',
      frequency: 0.043_210_987_654_321,
      expectedGrossLoss: 98_765.432_1,
    },
  ],
  losses: {
    gross: lossDistribution,
    insured: lossDistribution,
    retained: lossDistribution,
    sections: [{ section: 'extortion', grossMean: 12_345.678_9, insuredMean: 9_876.543_21 }],
  },
  premium,
  decision: { kind: 'refer', rules: triggeredRules },
  warnings: [],
};

const contingencies: readonly QuoteContingency[] = [
  {
    code: 'signed_application',
    text: { 'zh-CN': '已签署的投保单', en: 'Signed application form' },
    satisfiedAt: null,
  },
  {
    code: 'backup_evidence',
    text: { 'zh-CN': '离线备份证明材料', en: 'Evidence of offline backups' },
    satisfiedAt: new Date('2026-03-02T07:15:30.123Z'),
  },
];

/** SQLSTATE of the error a promise rejects with. */
async function sqlStateOf(promise: Promise<unknown>): Promise<string | undefined> {
  try {
    await promise;
  } catch (error) {
    return (error as { code?: string }).code;
  }
  throw new Error('expected the database to refuse');
}

async function registerOrganisation(unitOfWork: UnitOfWork, organisation: NewOrganisation): Promise<string> {
  const result = await unitOfWork.run((repositories) => repositories.organisations.insert(organisation));
  if (result.kind !== 'inserted') throw new Error(`fixture organisation not inserted: ${result.kind}`);
  return result.organisation.id;
}

/** The insurer every test submission is made to (registered on first use in each database). */
async function testInsurer(unitOfWork: UnitOfWork): Promise<string> {
  return unitOfWork.run(async (repositories) => {
    const nameZh = '测试财产保险股份有限公司';
    const inserted = await repositories.organisations.insert({
      kind: 'insurer',
      nameZh,
      nameEn: null,
      creditCode: null,
    });
    if (inserted.kind === 'inserted') return inserted.organisation.id;
    const page = await repositories.organisations.list({ kind: 'insurer', limit: 100, offset: 0 });
    const found = page.items.find((organisation) => organisation.nameZh === nameZh);
    if (found === undefined) throw new Error('test insurer neither inserted nor found');
    return found.id;
  });
}

async function submit(unitOfWork: UnitOfWork, organisationId: string): Promise<Submission> {
  const insurerId = await testInsurer(unitOfWork);
  return unitOfWork.run((repositories) =>
    repositories.underwriting.insertSubmission({
      organisationId,
      insurerId,
      brokerId: null,
      ...PRODUCT,
      status: 'submitted',
      profile,
      submittedAt: new Date('2026-03-01T02:00:00.000Z'),
    }),
  );
}

function newQuote(submission: Submission): Omit<Quote, 'id' | 'createdAt' | 'reference'> {
  return {
    submissionId: submission.id,
    organisationId: submission.organisationId,
    insurerId: submission.insurerId,
    brokerId: submission.brokerId,
    status: 'referred',
    coverage,
    premium,
    assessment,
    triggeredRules,
    preBindContingencies: contingencies,
    validUntil: new Date('2026-03-31T15:59:59.999Z'),
  };
}

async function quoteFor(unitOfWork: UnitOfWork, submission: Submission): Promise<Quote> {
  return unitOfWork.run((repositories) => repositories.underwriting.insertQuote(newQuote(submission)));
}

function newPolicy(
  quote: Quote,
  inceptionDate: string,
  expiryDate: string,
): Omit<Policy, 'id' | 'policyNumber'> {
  return {
    quoteId: quote.id,
    organisationId: quote.organisationId,
    insurerId: quote.insurerId,
    brokerId: quote.brokerId,
    ...PRODUCT,
    inceptionDate,
    expiryDate,
    coverage: quote.coverage,
    premium: quote.premium.premium,
    postBindContingencies: [
      {
        code: 'edr_rollout',
        text: { 'zh-CN': '全部终端部署EDR', en: 'EDR on every endpoint' },
        dueDate: '2026-04-30',
      },
    ],
    issuedAt: new Date('2026-03-31T16:00:00.000Z'),
  };
}

interface IssuedFixture {
  readonly organisationId: string;
  readonly quote: Quote;
  readonly policy: Policy;
}

/** An organisation with a submission, a quote and a policy on it. */
async function issue(
  unitOfWork: UnitOfWork,
  organisation: NewOrganisation | string,
  inceptionDate = '2026-04-01',
  expiryDate = '2027-04-01',
): Promise<IssuedFixture> {
  const organisationId =
    typeof organisation === 'string' ? organisation : await registerOrganisation(unitOfWork, organisation);
  const quote = await quoteFor(unitOfWork, await submit(unitOfWork, organisationId));
  const policy = await unitOfWork.run((repositories) =>
    repositories.underwriting.insertPolicy(newPolicy(quote, inceptionDate, expiryDate)),
  );
  return { organisationId, quote, policy };
}

function shanghaiYear(instant: Date): string {
  return new Intl.DateTimeFormat('en', { timeZone: 'Asia/Shanghai', year: 'numeric' }).format(instant);
}

async function underwritingTables(db: Kysely<Database>): Promise<string[]> {
  const result = await sql<{ name: string }>`
    select table_name as name from information_schema.tables
    where table_schema = 'public'
      and table_name in ('submissions', 'quotes', 'quote_events', 'policies', 'policy_transactions')
    order by table_name`.execute(db);
  return result.rows.map((row) => row.name);
}

/** Waits until some session of this database is blocked on a lock (PostgreSQL only). */
async function untilSomeoneWaitsForALock(db: Kysely<Database>): Promise<void> {
  for (let attempt = 0; attempt < 200; attempt += 1) {
    const waiting = await sql<{ waiting: string }>`
      select count(*) as waiting from pg_stat_activity
      where datname = current_database() and wait_event_type = 'Lock'`.execute(db);
    if (Number(waiting.rows[0]?.waiting) > 0) return;
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
  throw new Error('the second locking read never waited for the lock');
}

describeEachDatabase('underwriting repository', ({ kind, handle }) => {
  it('keeps a submission: inserts, finds (also for update), and updates its profile and status', async () => {
    const unitOfWork = createUnitOfWork(handle().db);
    const organisationId = await registerOrganisation(unitOfWork, ningbo);
    const insurerId = await testInsurer(unitOfWork);
    const draft = await unitOfWork.run((repositories) =>
      repositories.underwriting.insertSubmission({
        organisationId,
        insurerId,
        brokerId: null,
        ...PRODUCT,
        status: 'draft',
        profile,
        submittedAt: null,
      }),
    );
    expect(draft).toEqual({
      id: expect.stringMatching(/^[0-9a-f-]{36}$/) as string,
      organisationId,
      insurerId,
      brokerId: null,
      ...PRODUCT,
      status: 'draft',
      profile,
      createdAt: expect.any(Date) as Date,
      submittedAt: null,
    });

    const changedProfile: RiskProfile = {
      ...profile,
      employees: 455,
      openFindings: { critical: 0, knownExploited: 0 },
    };
    const submittedAt = new Date('2026-03-01T02:03:04.567Z');
    const submitted = await unitOfWork.run(async (repositories) => {
      const locked = await repositories.underwriting.findSubmission(draft.id, { forUpdate: true });
      expect(locked).toEqual(draft);
      return repositories.underwriting.updateSubmission(draft.id, {
        profile: changedProfile,
        status: 'submitted',
        submittedAt,
      });
    });
    expect(submitted).toEqual({ ...draft, profile: changedProfile, status: 'submitted', submittedAt });
    expect(
      await unitOfWork.run((repositories) => repositories.underwriting.findSubmission(draft.id)),
    ).toEqual(submitted);
  });

  it('does not find unknown or malformed ids, and refuses to update what does not exist', async () => {
    const unitOfWork = createUnitOfWork(handle().db);
    const unknown = '00000000-0000-4000-8000-000000000000';
    await unitOfWork.run(async (repositories) => {
      const underwriting = repositories.underwriting;
      for (const id of [unknown, 'not-a-uuid']) {
        expect(await underwriting.findSubmission(id)).toBeUndefined();
        expect(await underwriting.findQuote(id, { forUpdate: true })).toBeUndefined();
        expect(await underwriting.listQuotes(id)).toEqual([]);
        expect(await underwriting.listQuoteEvents(id)).toEqual([]);
        expect(await underwriting.findPolicy(id)).toBeUndefined();
        expect(await underwriting.findPolicyByQuote(id)).toBeUndefined();
        expect(await underwriting.listPolicyTransactions(id)).toEqual([]);
        expect(await underwriting.listPolicies({ organisationId: id, limit: 10, offset: 0 })).toEqual({
          items: [],
          total: 0,
        });
      }
    });
    for (const id of [unknown, 'not-a-uuid']) {
      await expect(
        unitOfWork.run((repositories) =>
          repositories.underwriting.updateSubmission(id, {
            profile,
            status: 'submitted',
            submittedAt: new Date(),
          }),
        ),
      ).rejects.toMatchObject({ constructor: NotFoundError, code: 'submission_not_found' });
      await expect(
        unitOfWork.run((repositories) =>
          repositories.underwriting.updateQuoteState(id, { status: 'quoted', preBindContingencies: [] }),
        ),
      ).rejects.toMatchObject({ constructor: NotFoundError, code: 'quote_not_found' });
    }
  });

  it('gives back a quote exactly as it was priced: jsonb breakdown, assessment floats, Money and dates', async () => {
    const unitOfWork = createUnitOfWork(handle().db);
    const submission = await submit(unitOfWork, await registerOrganisation(unitOfWork, ningbo));
    const quote = await quoteFor(unitOfWork, submission);
    expect(quote).toEqual({
      ...newQuote(submission),
      id: expect.stringMatching(/^[0-9a-f-]{36}$/) as string,
      reference: expect.stringMatching(/^Q-\d{4}-\d{6}$/) as string,
      createdAt: expect.any(Date) as Date,
    });
    expect(quote.preBindContingencies[1]?.satisfiedAt).toBeInstanceOf(Date);
    const found = await unitOfWork.run((repositories) => repositories.underwriting.findQuote(quote.id));
    expect(found).toEqual(quote);
    expect(found?.assessment.losses.gross.standardDeviation).toBe(0.1 + 0.2);
    expect(found?.assessment.losses.gross.tailValueAtRisk[0]?.value).toBe(2.5e-7);

    const row = await handle()
      .db.selectFrom('quotes')
      .select(['premiumMinor', 'currency'])
      .where('id', '=', quote.id)
      .executeTakeFirstOrThrow();
    expect(row).toEqual({ premiumMinor: '6300000', currency: 'CNY' });
  });

  it('numbers quotes Q-<year>-<six digits> from one sequence, in the year of their creation in China', async () => {
    const unitOfWork = createUnitOfWork(handle().db);
    const submission = await submit(unitOfWork, await registerOrganisation(unitOfWork, ningbo));
    const quotes = await unitOfWork.run(async (repositories) => [
      await repositories.underwriting.insertQuote(newQuote(submission)),
      await repositories.underwriting.insertQuote(newQuote(submission)),
    ]);
    quotes.push(await quoteFor(unitOfWork, submission));
    const parsed = quotes.map((quote) => {
      const match = /^Q-(\d{4})-(\d{6})$/.exec(quote.reference);
      if (match === null) throw new Error(`unexpected reference ${quote.reference}`);
      return { year: match[1], number: Number(match[2]), createdYear: shanghaiYear(quote.createdAt) };
    });
    const first = parsed[0]?.number ?? Number.NaN;
    expect(parsed.map((entry) => entry.number)).toEqual([first, first + 1, first + 2]);
    for (const entry of parsed) expect(entry.year).toBe(entry.createdYear);
    expect(new Set(quotes.map((quote) => quote.reference)).size).toBe(3);

    const listed = await unitOfWork.run((repositories) =>
      repositories.underwriting.listQuotes(submission.id),
    );
    expect(listed.map((quote) => quote.id)).toEqual(quotes.map((quote) => quote.id));
  });

  it('moves a quote’s status and contingencies, but the database keeps its priced terms fixed', async () => {
    const unitOfWork = createUnitOfWork(handle().db);
    const submission = await submit(unitOfWork, await registerOrganisation(unitOfWork, ningbo));
    const quote = await quoteFor(unitOfWork, submission);
    const satisfiedAt = new Date('2026-03-05T09:30:00.250Z');
    const satisfied = contingencies.map((contingency) => ({ ...contingency, satisfiedAt }));
    const updated = await unitOfWork.run((repositories) =>
      repositories.underwriting.updateQuoteState(quote.id, {
        status: 'bind_requested',
        preBindContingencies: satisfied,
      }),
    );
    expect(updated).toEqual({ ...quote, status: 'bind_requested', preBindContingencies: satisfied });
    expect(await unitOfWork.run((repositories) => repositories.underwriting.findQuote(quote.id))).toEqual(
      updated,
    );

    const { db } = handle();
    await expect(
      sql`update quotes set valid_until = valid_until + interval '30 days' where id = ${quote.id}`.execute(
        db,
      ),
    ).rejects.toThrow(`quote ${quote.reference} terms are fixed`);
    expect(
      await sqlStateOf(
        sql`update quotes set premium_minor = 1, premium = jsonb_set(premium, '{premium,minor}', '1') where id = ${quote.id}`.execute(
          db,
        ),
      ),
    ).toBe('23001');
  });

  it('locks the quote row when read for update, and a second locking read waits for the first', async () => {
    const { db } = handle();
    const unitOfWork = createUnitOfWork(db);
    const quote = await quoteFor(
      unitOfWork,
      await submit(unitOfWork, await registerOrganisation(unitOfWork, ningbo)),
    );
    const lockedByMe = sql<{ locked: boolean }>`
      select xmax = pg_current_xact_id()::xid as locked from quotes where id = ${quote.id}`;

    await db.transaction().execute(async (transaction) => {
      const repository = new KyselyUnderwritingRepository(transaction, PLATFORM_SCOPE);
      await repository.findQuote(quote.id);
      expect((await lockedByMe.execute(transaction)).rows).toEqual([{ locked: false }]);
      await repository.findQuote(quote.id, { forUpdate: true });
      expect((await lockedByMe.execute(transaction)).rows).toEqual([{ locked: true }]);
    });

    let second: Promise<string | undefined> | undefined;
    await unitOfWork.run(async (repositories) => {
      const locked = await repositories.underwriting.findQuote(quote.id, { forUpdate: true });
      if (locked === undefined) throw new Error('quote vanished');
      // Without the lock, the second reader would see the committed 'referred' and act on stale state.
      second = unitOfWork.run(
        async (other) => (await other.underwriting.findQuote(quote.id, { forUpdate: true }))?.status,
      );
      if (kind === 'postgres') await untilSomeoneWaitsForALock(db);
      await repositories.underwriting.updateQuoteState(quote.id, {
        status: 'quoted',
        preBindContingencies: locked.preBindContingencies,
      });
    });
    expect(await second).toBe('quoted');
  });

  it('numbers quote events 1, 2, 3 per quote and lists them in order', async () => {
    const unitOfWork = createUnitOfWork(handle().db);
    const submission = await submit(unitOfWork, await registerOrganisation(unitOfWork, ningbo));
    const [quote, other] = [await quoteFor(unitOfWork, submission), await quoteFor(unitOfWork, submission)];
    const created = new Date('2026-03-01T02:05:00.000Z');
    const approved = new Date('2026-03-02T06:00:00.000Z');
    const events = await unitOfWork.run(async (repositories) => [
      await repositories.underwriting.appendQuoteEvent({
        quoteId: quote.id,
        action: 'create',
        fromStatus: null,
        toStatus: 'referred',
        note: 'open_known_exploited_findings',
        at: created,
      }),
      await repositories.underwriting.appendQuoteEvent({
        quoteId: other.id,
        action: 'create',
        fromStatus: null,
        toStatus: 'quoted',
        note: null,
        at: created,
      }),
      await repositories.underwriting.appendQuoteEvent({
        quoteId: quote.id,
        action: 'approve_referral',
        fromStatus: 'referred',
        toStatus: 'quoted',
        note: '漏洞已于3月2日修复 / patched on 2 March',
        at: approved,
      }),
    ]);
    const third = await unitOfWork.run((repositories) =>
      repositories.underwriting.appendQuoteEvent({
        quoteId: quote.id,
        action: 'request_bind',
        fromStatus: 'quoted',
        toStatus: 'bind_requested',
        note: null,
        at: approved,
      }),
    );
    expect(events.map((event) => [event.quoteId, event.sequence])).toEqual([
      [quote.id, 1],
      [other.id, 1],
      [quote.id, 2],
    ]);
    expect(third.sequence).toBe(3);
    const history = await unitOfWork.run((repositories) =>
      repositories.underwriting.listQuoteEvents(quote.id),
    );
    expect(history).toEqual([events[0], events[2], third]);
    expect(history[0]).toEqual({
      quoteId: quote.id,
      sequence: 1,
      action: 'create',
      fromStatus: null,
      toStatus: 'referred',
      note: 'open_known_exploited_findings',
      at: created,
    });
  });

  it('issues a policy with calendar dates, Money and contingencies intact, numbered by inception year', async () => {
    const unitOfWork = createUnitOfWork(handle().db);
    const first = await issue(unitOfWork, ningbo, '2026-12-31', '2027-12-31');
    const second = await issue(unitOfWork, hangzhou, '2027-01-01', '2028-01-01');
    expect(first.policy).toEqual({
      ...newPolicy(first.quote, '2026-12-31', '2027-12-31'),
      id: expect.stringMatching(/^[0-9a-f-]{36}$/) as string,
      policyNumber: expect.stringMatching(/^CRP-CYB-2026-\d{6}$/) as string,
    });
    expect(first.policy.premium).toEqual({ minor: 6_300_000, currency: 'CNY' });
    const sequenceOf = (policy: Policy): number => Number(policy.policyNumber.slice(-6));
    expect(second.policy.policyNumber).toMatch(/^CRP-CYB-2027-\d{6}$/);
    expect(sequenceOf(second.policy)).toBe(sequenceOf(first.policy) + 1);

    await unitOfWork.run(async (repositories) => {
      expect(await repositories.underwriting.findPolicy(first.policy.id)).toEqual(first.policy);
      expect(await repositories.underwriting.findPolicyByQuote(second.quote.id)).toEqual(second.policy);
    });
  });

  it('reads calendar dates and instants the same whatever the session time zone', async () => {
    const { db } = handle();
    const issued = await issue(createUnitOfWork(db), ningbo, '2026-01-01', '2027-01-01');
    for (const zone of ['Pacific/Kiritimati', 'America/Los_Angeles']) {
      await db.transaction().execute(async (transaction) => {
        await sql`select set_config('TimeZone', ${zone}, true)`.execute(transaction);
        const repository = new KyselyUnderwritingRepository(transaction, PLATFORM_SCOPE);
        expect(await repository.findPolicy(issued.policy.id)).toEqual(issued.policy);
        expect(await repository.findQuote(issued.quote.id)).toEqual(issued.quote);
      });
    }
  });

  it('lets one quote become only one policy', async () => {
    const unitOfWork = createUnitOfWork(handle().db);
    const { quote } = await issue(unitOfWork, ningbo);
    expect(
      await sqlStateOf(
        unitOfWork.run((repositories) =>
          repositories.underwriting.insertPolicy(newPolicy(quote, '2026-05-01', '2027-05-01')),
        ),
      ),
    ).toBe('23505');
  });

  it('lists submissions newest first with the insured company’s names, by status and organisation, paged', async () => {
    const { db } = handle();
    const unitOfWork = createUnitOfWork(db);
    const ningboId = await registerOrganisation(unitOfWork, ningbo);
    const hangzhouId = await registerOrganisation(unitOfWork, hangzhou);
    const older = await submit(unitOfWork, ningboId);
    const draft = await unitOfWork.run((repositories) =>
      repositories.underwriting.insertSubmission({
        organisationId: hangzhouId,
        insurerId: older.insurerId,
        brokerId: null,
        ...PRODUCT,
        status: 'draft',
        profile,
        submittedAt: null,
      }),
    );
    const newer = await submit(unitOfWork, ningboId);
    const named = (submission: Submission, from: NewOrganisation) => ({
      submission,
      organisationNameZh: from.nameZh,
      organisationNameEn: from.nameEn,
    });

    await unitOfWork.run(async (repositories) => {
      const underwriting = repositories.underwriting;
      expect(await underwriting.listSubmissions({ limit: 10, offset: 0 })).toEqual({
        items: [named(newer, ningbo), named(draft, hangzhou), named(older, ningbo)],
        total: 3,
      });
      expect(await underwriting.listSubmissions({ status: 'draft', limit: 10, offset: 0 })).toEqual({
        items: [named(draft, hangzhou)],
        total: 1,
      });
      expect(
        await underwriting.listSubmissions({
          status: 'submitted',
          organisationId: ningboId,
          limit: 1,
          offset: 1,
        }),
      ).toEqual({ items: [named(older, ningbo)], total: 2 });
      expect(await underwriting.listSubmissions({ limit: 10, offset: 7 })).toEqual({ items: [], total: 3 });
      expect(
        (await underwriting.listSubmissions({ order: 'oldest_first', limit: 2, offset: 0 })).items,
      ).toEqual([named(older, ningbo), named(draft, hangzhou)]);
      expect(
        await underwriting.listSubmissions({ organisationId: 'not-a-uuid', limit: 10, offset: 0 }),
      ).toEqual({ items: [], total: 0 });
    });

    // The repository's own filter, without the database's Row-Level Security: a company sees only its own.
    const asHangzhou = new KyselyUnderwritingRepository(db, { kind: 'tenant', tenantId: hangzhouId });
    expect(await asHangzhou.listSubmissions({ limit: 10, offset: 0 })).toEqual({
      items: [named(draft, hangzhou)],
      total: 1,
    });
  });

  it('lists policies by organisation, oldest first, with paging and a total', async () => {
    const unitOfWork = createUnitOfWork(handle().db);
    const ningboId = await registerOrganisation(unitOfWork, ningbo);
    const ningboPolicies: Policy[] = [];
    for (let index = 0; index < 3; index += 1) {
      ningboPolicies.push((await issue(unitOfWork, ningboId)).policy);
    }
    const { policy: hangzhouPolicy, organisationId: hangzhouId } = await issue(unitOfWork, hangzhou);

    await unitOfWork.run(async (repositories) => {
      const underwriting = repositories.underwriting;
      expect(await underwriting.listPolicies({ organisationId: ningboId, limit: 2, offset: 1 })).toEqual({
        items: ningboPolicies.slice(1, 3),
        total: 3,
      });
      expect(await underwriting.listPolicies({ organisationId: ningboId, limit: 2, offset: 5 })).toEqual({
        items: [],
        total: 3,
      });
      expect(await underwriting.listPolicies({ organisationId: hangzhouId, limit: 10, offset: 0 })).toEqual({
        items: [hangzhouPolicy],
        total: 1,
      });
      expect(await underwriting.listPolicies({ limit: 10, offset: 0 })).toEqual({
        items: [...ningboPolicies, hangzhouPolicy],
        total: 4,
      });
    });
  });

  it('numbers policy transactions per policy and keeps their dates and Money', async () => {
    const unitOfWork = createUnitOfWork(handle().db);
    const { policy } = await issue(unitOfWork, ningbo);
    const createdAt = new Date('2026-03-31T16:00:00.000Z');
    const transactions = await unitOfWork.run(async (repositories) => [
      await repositories.underwriting.insertPolicyTransaction({
        policyId: policy.id,
        kind: 'issue',
        effectiveDate: '2026-04-01',
        premiumChange: policy.premium,
        createdAt,
      }),
      await repositories.underwriting.insertPolicyTransaction({
        policyId: policy.id,
        kind: 'issue',
        effectiveDate: '2026-06-15',
        premiumChange: money(-1_250_050),
        createdAt,
      }),
    ]);
    expect(transactions).toEqual([
      {
        policyId: policy.id,
        sequence: 1,
        kind: 'issue',
        effectiveDate: '2026-04-01',
        premiumChange: policy.premium,
        createdAt,
      },
      {
        policyId: policy.id,
        sequence: 2,
        kind: 'issue',
        effectiveDate: '2026-06-15',
        premiumChange: { minor: -1_250_050, currency: 'CNY' },
        createdAt,
      },
    ]);
    expect(
      await unitOfWork.run((repositories) => repositories.underwriting.listPolicyTransactions(policy.id)),
    ).toEqual(transactions);
  });

  it('refuses to update, delete or truncate policies, policy transactions and quote events', async () => {
    const { db } = handle();
    const unitOfWork = createUnitOfWork(db);
    const { policy, quote } = await issue(unitOfWork, ningbo);
    await unitOfWork.run(async (repositories) => {
      await repositories.underwriting.insertPolicyTransaction({
        policyId: policy.id,
        kind: 'issue',
        effectiveDate: policy.inceptionDate,
        premiumChange: policy.premium,
        createdAt: policy.issuedAt,
      });
      await repositories.underwriting.appendQuoteEvent({
        quoteId: quote.id,
        action: 'create',
        fromStatus: null,
        toStatus: 'referred',
        note: null,
        at: quote.createdAt,
      });
    });
    const attempts = [
      ['policies', 'UPDATE', sql`update policies set premium_minor = 1 where id = ${policy.id}`],
      ['policies', 'DELETE', sql`delete from policies where id = ${policy.id}`],
      ['policies', 'TRUNCATE', sql`truncate policies cascade`],
      ['policy_transactions', 'UPDATE', sql`update policy_transactions set premium_change_minor = 0`],
      ['policy_transactions', 'DELETE', sql`delete from policy_transactions`],
      ['policy_transactions', 'TRUNCATE', sql`truncate policy_transactions`],
      ['quote_events', 'UPDATE', sql`update quote_events set note = 'rewritten'`],
      ['quote_events', 'DELETE', sql`delete from quote_events where quote_id = ${quote.id}`],
      ['quote_events', 'TRUNCATE', sql`truncate quote_events`],
    ] as const;
    for (const [table, operation, statement] of attempts) {
      await expect(statement.execute(db), `${operation} ${table}`).rejects.toMatchObject({
        code: '23001',
        message: `${table} is append-only: ${operation} refused`,
      });
    }
    await unitOfWork.run(async (repositories) => {
      expect(await repositories.underwriting.findPolicy(policy.id)).toEqual(policy);
      expect(await repositories.underwriting.listPolicyTransactions(policy.id)).toHaveLength(1);
      expect(await repositories.underwriting.listQuoteEvents(quote.id)).toHaveLength(1);
    });
  });

  it('surfaces foreign-key violations, including a quote or policy naming another organisation', async () => {
    const unitOfWork = createUnitOfWork(handle().db);
    const unknown = '00000000-0000-4000-8000-000000000000';
    const submission = await submit(unitOfWork, await registerOrganisation(unitOfWork, ningbo));
    const otherOrganisation = await registerOrganisation(unitOfWork, hangzhou);
    const quote = await quoteFor(unitOfWork, submission);
    const run = (work: Parameters<UnitOfWork['run']>[0]) => sqlStateOf(unitOfWork.run(work));

    expect(
      await run((r) => r.underwriting.insertSubmission({ ...submission, organisationId: unknown })),
    ).toBe('23503');
    expect(
      await run((r) => r.underwriting.insertQuote({ ...newQuote(submission), submissionId: unknown })),
    ).toBe('23503');
    expect(
      await run((r) =>
        r.underwriting.insertQuote({ ...newQuote(submission), organisationId: otherOrganisation }),
      ),
    ).toBe('23503');
    // An event for a quote the scope cannot see is refused by the repository before the database's
    // foreign key would be: an unknown quote and another tenant's quote look the same.
    expect(
      await run((r) =>
        r.underwriting.appendQuoteEvent({
          quoteId: unknown,
          action: 'create',
          fromStatus: null,
          toStatus: 'quoted',
          note: null,
          at: new Date(),
        }),
      ),
    ).toBe('quote_not_found');
    expect(
      await run((r) =>
        r.underwriting.insertPolicy({ ...newPolicy(quote, '2026-04-01', '2027-04-01'), quoteId: unknown }),
      ),
    ).toBe('23503');
    expect(
      await run((r) =>
        r.underwriting.insertPolicy({
          ...newPolicy(quote, '2026-04-01', '2027-04-01'),
          organisationId: otherOrganisation,
        }),
      ),
    ).toBe('23503');
    expect(
      await run((r) =>
        r.underwriting.insertPolicyTransaction({
          policyId: unknown,
          kind: 'issue',
          effectiveDate: '2026-04-01',
          premiumChange: money(100),
          createdAt: new Date(),
        }),
      ),
    ).toBe('policy_not_found');
  });

  it('enforces its checks even when the domain is bypassed', async () => {
    const unitOfWork = createUnitOfWork(handle().db);
    const submission = await submit(unitOfWork, await registerOrganisation(unitOfWork, ningbo));
    const quote = await quoteFor(unitOfWork, submission);
    const run = (work: Parameters<UnitOfWork['run']>[0]) => sqlStateOf(unitOfWork.run(work));
    expect(await run((r) => r.underwriting.insertPolicy(newPolicy(quote, '2026-04-01', '2026-04-01')))).toBe(
      '23514',
    );
    expect(
      await run((r) =>
        r.underwriting.insertSubmission({ ...submission, status: 'submitted', submittedAt: null }),
      ),
    ).toBe('23514');
    expect(
      await run((r) =>
        r.underwriting.insertQuote({ ...newQuote(submission), status: 'pending' as 'quoted' }),
      ),
    ).toBe('23514');
    expect(
      await run((r) =>
        r.underwriting.appendQuoteEvent({
          quoteId: quote.id,
          action: 'cancel' as 'bind',
          fromStatus: null,
          toStatus: 'quoted',
          note: null,
          at: new Date(),
        }),
      ),
    ).toBe('23514');
  });

  it('migrates down, dropping every underwriting table, and up again', async () => {
    const { db } = handle();
    await issue(createUnitOfWork(db), ningbo);
    expect(await underwritingTables(db)).toEqual([
      'policies',
      'policy_transactions',
      'quote_events',
      'quotes',
      'submissions',
    ]);

    const down = await migrateDown(db, 4);
    expect(down.executed).toEqual([
      '0005-monitoring',
      '0004-privacy',
      '0003-identity-tenancy-audit',
      '0002-underwriting',
    ]);
    expect(await underwritingTables(db)).toEqual([]);
    const leftovers = await sql<{ name: string }>`
      select proname as name from pg_proc where proname like 'refuse_change_to_%'
      union all select relname from pg_class where relname in ('quote_reference_seq', 'policy_number_seq')`.execute(
      db,
    );
    expect(leftovers.rows).toEqual([]);

    const up = await migrateToLatest(db);
    expect(up.executed).toEqual([
      '0002-underwriting',
      '0003-identity-tenancy-audit',
      '0004-privacy',
      '0005-monitoring',
    ]);
    const { policy } = await issue(createUnitOfWork(db), hangzhou);
    expect(policy.policyNumber).toBe('CRP-CYB-2026-000001');
  });
});
