import { expect, it } from 'vitest';
import {
  NotFoundError,
  type AccessContext,
  type Repositories,
  type UnitOfWorkFactory,
} from '@carapace/domain';
import { createUnitOfWorkFactory, TenantIsolationError } from '@carapace/store';
import { describeEachDatabase, runRawSqlAsTenant } from '@carapace/store/testing';
import { startApiTestServer, type ApiTestServer } from './testing/api-test-server.js';

/**
 * At least 10,000 attempts per database engine by one tenant to read or change another tenant's records:
 * through the HTTP API, through the repositories, and through raw SQL under Row-Level Security alone.
 * Not one may succeed.
 */
const REPOSITORY_ROUNDS = 220; // × 24 attempts (18 reads, 6 writes)
const RLS_ROUNDS = 120; // × 12 statements, plus one insert
const API_ROUNDS = 200; // × 17 requests
const MINIMUM_ATTEMPTS = 10_000;

const CNY = (amount: string) => ({ amount, currency: 'CNY' });
const PROFILE = {
  industry: 'I',
  annualRevenue: CNY('86000000.00'),
  employees: 210,
  recordsHeld: { personal: 420000, sensitive: 0, payment: 0 },
  country: 'CN',
  controls: {
    mfa_remote_access: { adopted: true, evidenced: true },
    offline_backups: { adopted: true, evidenced: true },
    endpoint_detection_response: { adopted: true, evidenced: true },
  },
  priorClaims: 0,
  openFindings: { critical: 0, knownExploited: 0 },
};

interface TenantRecords {
  readonly insurerId: string;
  readonly insuredId: string;
  readonly submissionId: string;
  readonly quoteId: string;
  readonly policyId: string;
  readonly userId: string;
}

async function call(server: ApiTestServer, token: string, method: string, path: string, body?: unknown) {
  const response = await fetch(`${server.url}${path}`, {
    method,
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}

/** Tenant A's book through the real API: an insured, a submission, a quote bound into a policy. */
async function bookOf(server: ApiTestServer, tenant: string): Promise<TenantRecords> {
  const token = await server.tokenFor('underwriter', tenant);
  const insured = await call(server, token, 'POST', '/api/v1/organisations', {
    kind: 'insured',
    nameZh: `隔离测试公司-${tenant}-${Math.random().toString(36).slice(2, 8)}`,
  });
  const insuredId = String(insured.body['id']);
  const submission = await call(server, token, 'POST', '/api/v1/submissions', {
    organisationId: insuredId,
    profile: PROFILE,
  });
  const submissionId = String(submission.body['id']);
  await call(server, token, 'POST', `/api/v1/submissions/${submissionId}/submit`);
  const quotes = await call(server, token, 'POST', `/api/v1/submissions/${submissionId}/quotes`, {
    options: [{}, {}],
    seed: '7',
  });
  const [quote, spare] = quotes.body['items'] as { id: string; preBindContingencies: { code: string }[] }[];
  if (quote === undefined || spare === undefined) throw new Error('no quotes');
  await call(server, token, 'POST', `/api/v1/quotes/${quote.id}/bind-request`);
  for (const contingency of quote.preBindContingencies) {
    await call(
      server,
      token,
      'POST',
      `/api/v1/quotes/${quote.id}/contingencies/${contingency.code}/satisfy`,
      {},
    );
  }
  await call(server, token, 'POST', `/api/v1/quotes/${quote.id}/bind`);
  const issued = await call(server, token, 'POST', `/api/v1/quotes/${quote.id}/policy`, {
    inceptionDate: '2026-12-01',
  });
  const me = await call(server, token, 'GET', '/api/v1/me');
  return {
    insurerId: await server.tenantOf('insurer', tenant),
    insuredId,
    submissionId,
    quoteId: spare.id,
    policyId: String(issued.body['id']),
    userId: (me.body['user'] as { id: string }).id,
  };
}

function contextFor(tenantId: string, userId: string): AccessContext {
  return {
    actor: {
      kind: 'user',
      userId,
      tenantId,
      tenantKind: 'insurer',
      roles: ['underwriter', 'security_admin', 'compliance_officer', 'auditor'],
      sessionId: null,
      apiTokenId: null,
      scopes: null,
    },
    purpose: 'tenant-isolation-test',
    requestId: null,
    approvalId: null,
  };
}

/** Every repository read of A's records, as B. Each must find nothing. */
function repositoryReads(a: TenantRecords): ((r: Repositories) => Promise<unknown>)[] {
  return [
    (r) => r.underwriting.findSubmission(a.submissionId),
    (r) => r.underwriting.findSubmission(a.submissionId, { forUpdate: true }),
    (r) => r.underwriting.findQuote(a.quoteId),
    (r) => r.underwriting.listQuotes(a.submissionId),
    (r) => r.underwriting.listQuoteEvents(a.quoteId),
    (r) => r.underwriting.findPolicy(a.policyId),
    (r) => r.underwriting.findPolicyByQuote(a.quoteId),
    (r) =>
      r.underwriting.listPolicies({ organisationId: a.insuredId, limit: 50, offset: 0 }).then((p) => p.items),
    (r) =>
      r.underwriting
        .listSubmissions({ organisationId: a.insuredId, limit: 50, offset: 0 })
        .then((p) => p.items),
    (r) => r.underwriting.listPolicyTransactions(a.policyId),
    (r) => r.organisations.findById(a.insuredId),
    (r) =>
      r.organisations
        .list({ kind: 'insured', limit: 100, offset: 0 })
        .then((p) => p.items.filter((organisation) => organisation.id === a.insuredId)),
    (r) => r.identity.findUser(a.userId),
    (r) => r.identity.listUsers(a.insurerId),
    (r) => r.identity.listRoleAssignments(a.userId),
    (r) => r.identity.listApiTokens(a.insurerId),
    (r) => r.identity.listGrantRequests({ tenantId: a.insurerId }),
    (r) => r.identity.listDataAccessRequests({ tenantId: a.insurerId }),
    (r) => r.audit.list({ tenantId: a.insurerId, limit: 10 }),
  ];
}

/** Every repository write aimed at A's records, as B. Each must be refused. */
function repositoryWrites(a: TenantRecords, now: Date): ((r: Repositories) => Promise<unknown>)[] {
  return [
    (r) =>
      r.underwriting.updateSubmission(a.submissionId, {
        profile: PROFILE as never,
        status: 'draft',
        submittedAt: null,
      }),
    (r) => r.underwriting.updateQuoteState(a.quoteId, { status: 'bound', preBindContingencies: [] }),
    (r) =>
      r.underwriting.appendQuoteEvent({
        quoteId: a.quoteId,
        action: 'bind',
        fromStatus: 'quoted',
        toStatus: 'bound',
        note: null,
        at: now,
      }),
    (r) =>
      r.underwriting.insertPolicyTransaction({
        policyId: a.policyId,
        kind: 'issue',
        effectiveDate: '2026-12-01',
        premiumChange: { minor: 1, currency: 'CNY' },
        createdAt: now,
      }),
    (r) =>
      r.identity.insertRoleAssignment({
        tenantId: a.insurerId,
        userId: a.userId,
        role: 'security_admin',
        grantedAt: now,
        expiresAt: null,
        grantRequestId: null,
      }),
    (r) =>
      r.identity.insertUser({
        tenantId: a.insurerId,
        email: `intruder-${Math.random().toString(36).slice(2)}@example.com`,
        displayName: 'intruder',
        passwordHash: '$argon2id$v=19$m=19456,t=2,p=1$aaaa$bbbb',
      }),
  ];
}

async function refused(
  unitOfWorkFor: UnitOfWorkFactory,
  context: AccessContext,
  write: (r: Repositories) => Promise<unknown>,
) {
  try {
    await unitOfWorkFor(context).run(write);
    return false;
  } catch (error) {
    return error instanceof NotFoundError || error instanceof TenantIsolationError || isRlsRefusal(error);
  }
}

function isRlsRefusal(error: unknown): boolean {
  return error instanceof Error && /row-level security|permission denied/.test(error.message);
}

const nothing = (value: unknown): boolean =>
  value === undefined || (Array.isArray(value) && value.length === 0);

describeEachDatabase('tenant isolation', ({ handle }) => {
  it(`refuses at least ${MINIMUM_ATTEMPTS} cross-tenant reads and writes through the API, the repositories and RLS`, async () => {
    const server = await startApiTestServer(handle());
    try {
      const a = await bookOf(server, 'A');
      const b = await bookOf(server, 'B');
      const unitOfWorkFor = createUnitOfWorkFactory(handle().db);
      const asB = contextFor(b.insurerId, b.userId);
      const now = new Date();
      let attempts = 0;
      const leaks: string[] = [];

      // 1. Repositories (tenant filter + RLS together).
      const reads = repositoryReads(a);
      const writes = repositoryWrites(a, now);
      for (let round = 0; round < REPOSITORY_ROUNDS; round += 1) {
        await unitOfWorkFor(asB).run(async (repositories) => {
          for (const [index, read] of reads.entries()) {
            attempts += 1;
            if (!nothing(await read(repositories))) leaks.push(`repository read ${index}`);
          }
        });
        for (const [index, write] of writes.entries()) {
          attempts += 1;
          if (!(await refused(unitOfWorkFor, asB, write))) leaks.push(`repository write ${index}`);
        }
      }

      // 2. Row-Level Security alone: plain SQL in B's scope, no repository filter at all.
      const rlsReads = [
        `select id from submissions where id = '${a.submissionId}'`,
        `select id from quotes where id = '${a.quoteId}'`,
        `select quote_id from quote_events where quote_id = '${a.quoteId}'`,
        `select id from policies where id = '${a.policyId}'`,
        `select policy_id from policy_transactions where policy_id = '${a.policyId}'`,
        `select id from users where tenant_id = '${a.insurerId}'`,
        `select id from sessions where tenant_id = '${a.insurerId}'`,
        `select id from organisations where id = '${a.insuredId}'`,
        `select sequence from audit_log where tenant_id = '${a.insurerId}'`,
        `update submissions set status = 'draft' where id = '${a.submissionId}' returning id`,
        `update quotes set status = 'bound' where id = '${a.quoteId}' returning id`,
        `update users set status = 'disabled' where tenant_id = '${a.insurerId}' returning id`,
      ];
      const database = handle();
      for (let round = 0; round < RLS_ROUNDS; round += 1) {
        for (const statement of rlsReads) {
          attempts += 1;
          const rows = await runRawSqlAsTenant(database, b.insurerId, statement).catch(() => []);
          if (rows.length > 0) leaks.push(`rls: ${statement}`);
        }
      }
      // And an insert of a row naming A as its insurer, which RLS's WITH CHECK refuses.
      const insert = runRawSqlAsTenant(
        database,
        b.insurerId,
        `insert into submissions (organisation_id, insurer_id, product_id, product_version, status, profile)
         values ('${a.insuredId}', '${a.insurerId}', 'cyber-sme', '2026.1', 'draft', '{}')`,
      );
      await expect(insert).rejects.toThrow(/row-level security/);
      // Nor can B move one of its own records into A's book or the reverse: party columns are not updatable.
      await expect(
        runRawSqlAsTenant(
          database,
          b.insurerId,
          `update submissions set insurer_id = '${a.insurerId}' where id = '${b.submissionId}'`,
        ),
      ).rejects.toThrow(/permission denied/);
      await expect(
        runRawSqlAsTenant(
          database,
          b.insurerId,
          `update organisations set name_zh = 'x' where id = '${a.insurerId}'`,
        ),
      ).rejects.toThrow(/permission denied/);
      attempts += 3;

      // 3. The HTTP API, as B's underwriter and as B's insured company's policyholder.
      const tokens = [
        await server.tokenFor('underwriter', 'B'),
        await server.tokenFor('security_admin', 'B'),
      ];
      const requests: [string, string, unknown?][] = [
        ['GET', `/api/v1/submissions/${a.submissionId}`],
        ['PUT', `/api/v1/submissions/${a.submissionId}/profile`, { profile: PROFILE }],
        ['POST', `/api/v1/submissions/${a.submissionId}/submit`],
        ['POST', `/api/v1/submissions/${a.submissionId}/quotes`, { options: [{}] }],
        ['GET', `/api/v1/submissions/${a.submissionId}/quotes`],
        ['GET', `/api/v1/quotes/${a.quoteId}`],
        ['POST', `/api/v1/quotes/${a.quoteId}/bind-request`],
        ['POST', `/api/v1/quotes/${a.quoteId}/bind`],
        ['POST', `/api/v1/quotes/${a.quoteId}/referral-decision`, { decision: 'approve', note: null }],
        ['GET', `/api/v1/quotes/${a.quoteId}/document`],
      ];
      const listings: [string, (body: Record<string, unknown>) => boolean][] = [
        [`/api/v1/policies?organisationId=${a.insuredId}`, (body) => (body['items'] as unknown[]).length > 0],
        [
          `/api/v1/organisations?kind=insured&limit=100`,
          (body) => (body['items'] as { id: string }[]).some((item) => item.id === a.insuredId),
        ],
      ];
      for (let round = 0; round < API_ROUNDS; round += 1) {
        const token = tokens[round % tokens.length] ?? '';
        for (const [method, path, body] of requests) {
          attempts += 1;
          const response = await call(server, token, method, path, body);
          if (response.status < 400) leaks.push(`api ${method} ${path} → ${response.status}`);
        }
        for (const path of [
          `/api/v1/policies/${a.policyId}`,
          `/api/v1/organisations/${a.insuredId}`,
          `/api/v1/policies/${a.policyId}/document`,
        ]) {
          attempts += 1;
          const response = await call(server, token, 'GET', path);
          if (response.status < 400) leaks.push(`api GET ${path} → ${response.status}`);
        }
        attempts += 1;
        const foreign = await call(server, token, 'POST', '/api/v1/submissions', {
          organisationId: a.insuredId,
          profile: PROFILE,
        });
        if (foreign.status < 400) leaks.push('api POST /api/v1/submissions for A’s insured');
        for (const [path, leaked] of listings) {
          attempts += 1;
          const response = await call(server, token, 'GET', path);
          if (response.status < 400 && leaked(response.body)) leaks.push(`api listing ${path}`);
        }
        attempts += 1;
        const audit = await call(
          server,
          await server.tokenFor('auditor', 'B'),
          'GET',
          '/api/v1/audit-log?limit=1000',
        );
        if ((audit.body['items'] as { tenantId: string }[]).some((item) => item.tenantId === a.insurerId)) {
          leaks.push('api audit log');
        }
      }

      expect(leaks).toEqual([]);
      expect(attempts).toBeGreaterThanOrEqual(MINIMUM_ATTEMPTS);
      // A's book is untouched: B's attempts changed nothing.
      const token = await server.tokenFor('underwriter', 'A');
      const submission = await call(server, token, 'GET', `/api/v1/submissions/${a.submissionId}`);
      expect(submission.body['status']).toBe('submitted');
      const quote = await call(server, token, 'GET', `/api/v1/quotes/${a.quoteId}`);
      expect(quote.body['status']).toBe('quoted');
    } finally {
      await server.close();
    }
  }, 300_000);
});
