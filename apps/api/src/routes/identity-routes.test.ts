import { afterEach, beforeEach, expect, it } from 'vitest';
import {
  ApiTokenList,
  AuditRecordList,
  AuditVerification,
  CreatedApiToken,
  CurrentUser,
  DataAccessRequest,
  PermissionGrantRequest,
  Problem,
  SignedIn,
  User,
  UserList,
} from '@carapace/contracts';
import { describeEachDatabase, runRawSql } from '@carapace/store/testing';
import { startApiTestServer, type ApiTestServer } from '../testing/api-test-server.js';

const PASSWORD = 'correct horse battery staple';

describeEachDatabase('identity and access API', ({ handle }) => {
  let server: ApiTestServer;
  let now: Date;
  beforeEach(async () => {
    now = new Date('2026-11-20T02:00:00Z');
    server = await startApiTestServer(handle(), { clock: () => now });
  });
  afterEach(async () => {
    await server.close();
  });

  async function call(token: string | null, method: string, path: string, body?: unknown) {
    const response = await fetch(`${server.url}${path}`, {
      method,
      headers: {
        'content-type': 'application/json',
        ...(token === null ? {} : { authorization: `Bearer ${token}` }),
      },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    const text = await response.text();
    return { status: response.status, json: text === '' ? null : (JSON.parse(text) as unknown) };
  }

  const problemCode = (json: unknown): string => Problem.parse(json).code;

  /** A colleague in the security admin's own organisation, made through the API. */
  async function colleague(email: string, roles: string[]): Promise<string> {
    const admin = await server.tokenFor('security_admin');
    const created = await call(admin, 'POST', '/api/v1/users', {
      email,
      displayName: email.split('@')[0],
      password: PASSWORD,
      roles,
    });
    expect(created.status, JSON.stringify(created.json)).toBe(201);
    return User.parse(created.json).id;
  }

  async function signIn(email: string, password = PASSWORD) {
    return call(null, 'POST', '/api/v1/sessions', { email, password });
  }

  it('signs in, says who the caller is, and signs out for good', async () => {
    await colleague('li.wei@insurer.test', ['underwriter']);
    const signedIn = await signIn('  Li.Wei@Insurer.TEST ');
    expect(signedIn.status).toBe(201);
    const session = SignedIn.parse(signedIn.json);
    expect(session.roles).toEqual(['underwriter']);
    expect(session.tenant.kind).toBe('insurer');

    const me = CurrentUser.parse((await call(session.token, 'GET', '/api/v1/me')).json);
    expect(me).toMatchObject({
      user: { email: 'li.wei@insurer.test' },
      roles: ['underwriter'],
      authentication: 'session',
    });

    expect((await call(session.token, 'DELETE', '/api/v1/sessions/current')).status).toBe(204);
    const after = await call(session.token, 'GET', '/api/v1/me');
    expect(after.status).toBe(401);
    expect(problemCode(after.json)).toBe('session_invalid');
  });

  it('answers 401 without a token or with a bad one, and never says whether an account exists', async () => {
    const none = await call(null, 'GET', '/api/v1/submissions/00000000-0000-4000-8000-000000000000');
    expect(none.status).toBe(401);
    expect(problemCode(none.json)).toBe('authentication_required');
    expect(problemCode((await call('not-a-real-token-at-all', 'GET', '/api/v1/me')).json)).toBe(
      'session_invalid',
    );

    await colleague('zhao@insurer.test', ['actuary']);
    const wrong = await signIn('zhao@insurer.test', 'a wrong password here');
    const unknown = await signIn('nobody@insurer.test', 'a wrong password here');
    expect([wrong.status, unknown.status]).toEqual([401, 401]);
    expect(Problem.parse(wrong.json).detail).toBe(Problem.parse(unknown.json).detail);
  });

  it('locks an account after five wrong passwords, for fifteen minutes', async () => {
    await colleague('qian@insurer.test', ['underwriter']);
    for (let attempt = 0; attempt < 5; attempt += 1) {
      expect((await signIn('qian@insurer.test', 'guessing the password')).status).toBe(401);
    }
    expect((await signIn('qian@insurer.test')).status).toBe(401);
    now = new Date(now.getTime() + 14 * 60_000);
    expect((await signIn('qian@insurer.test')).status).toBe(401);
    now = new Date(now.getTime() + 2 * 60_000);
    expect((await signIn('qian@insurer.test')).status).toBe(201);
  });

  it('refuses an action the role does not allow with 403, and audits the refusal', async () => {
    const policyholder = await server.tokenFor('policyholder');
    const refused = await call(
      policyholder,
      'POST',
      '/api/v1/quotes/00000000-0000-4000-8000-000000000000/bind',
    );
    expect(refused.status).toBe(403);
    expect(problemCode(refused.json)).toBe('permission_denied');
    const denials = await runRawSql(
      handle(),
      "select 1 from audit_log where action = 'authorise' and result = 'denied' and object_type = 'quote.bind'",
    );
    expect(denials).toHaveLength(1);

    const admin = await server.tokenFor('security_admin');
    expect((await call(admin, 'GET', '/api/v1/audit-log')).status).toBe(403);
    const auditor = await server.tokenFor('auditor');
    const log = AuditRecordList.parse((await call(auditor, 'GET', '/api/v1/audit-log?action=sign_in')).json);
    expect(log.items.length).toBeGreaterThan(0);
    expect(log.items.every((record) => record.action === 'sign_in' && record.leafHash.length === 64)).toBe(
      true,
    );
  });

  it('issues a partner API token narrowed to scopes, usable until revoked', async () => {
    const partner = await server.tokenFor('partner');
    const issued = await call(partner, 'POST', '/api/v1/api-tokens', {
      name: 'scanner',
      scopes: ['organisation.read'],
      validDays: 30,
    });
    expect(issued.status).toBe(201);
    const token = CreatedApiToken.parse(issued.json);
    expect(token.token).toMatch(/^cpt_[0-9a-f]{16}_/);
    const listed = ApiTokenList.parse((await call(partner, 'GET', '/api/v1/api-tokens')).json);
    expect(JSON.stringify(listed)).not.toContain(token.token.slice(-20));

    expect((await call(token.token, 'GET', '/api/v1/organisations')).status).toBe(200);
    const me = CurrentUser.parse((await call(token.token, 'GET', '/api/v1/me')).json);
    expect(me.authentication).toBe('api_token');
    // Outside its scopes, even what the partner role may do.
    expect((await call(token.token, 'GET', '/api/v1/api-tokens')).status).toBe(403);
    expect((await call(partner, 'DELETE', `/api/v1/api-tokens/${token.id}`)).status).toBe(204);
    expect((await call(token.token, 'GET', '/api/v1/organisations')).status).toBe(401);
  });

  it('lets a security admin create accounts with everyday roles only, never privileged ones', async () => {
    const admin = await server.tokenFor('security_admin');
    for (const role of ['security_admin', 'compliance_officer', 'auditor']) {
      const refused = await call(admin, 'POST', '/api/v1/users', {
        email: `${role}@insurer.test`,
        displayName: role,
        password: PASSWORD,
        roles: ['underwriter', role],
      });
      expect(refused.status, role).toBe(403);
      expect(problemCode(refused.json)).toBe('permission_denied');
    }
  });

  it('grants a time-boxed role only on another security admin’s approval', async () => {
    const underwriterId = await colleague('sun@insurer.test', ['underwriter']);
    const underwriter = SignedIn.parse((await signIn('sun@insurer.test')).json).token;
    const admin = await server.tokenFor('security_admin');
    const otherAdmin = await server.tokenFor('security_admin', 'main', 'second');

    const requested = await call(underwriter, 'POST', '/api/v1/permission-grants', {
      userId: underwriterId,
      role: 'actuary',
      reason: 'pricing review of the Q4 book',
      durationHours: 48,
    });
    expect(requested.status).toBe(201);
    const request = PermissionGrantRequest.parse(requested.json);
    // The underwriter may not decide at all; an admin may not approve a grant they asked for.
    expect(
      (await call(underwriter, 'POST', `/api/v1/permission-grants/${request.id}/decision`, { approve: true }))
        .status,
    ).toBe(403);
    const ownRequest = PermissionGrantRequest.parse(
      (
        await call(admin, 'POST', '/api/v1/permission-grants', {
          userId: underwriterId,
          role: 'auditor',
          reason: 'year-end audit support',
          durationHours: 24,
        })
      ).json,
    );
    const self = await call(admin, 'POST', `/api/v1/permission-grants/${ownRequest.id}/decision`, {
      approve: true,
    });
    expect(self.status).toBe(403);
    expect(problemCode(self.json)).toBe('self_approval_refused');

    const approved = await call(otherAdmin, 'POST', `/api/v1/permission-grants/${request.id}/decision`, {
      approve: true,
      note: 'ok for two days',
    });
    expect(approved.status).toBe(200);
    expect(PermissionGrantRequest.parse(approved.json)).toMatchObject({ status: 'approved' });
    const again = await call(admin, 'POST', `/api/v1/permission-grants/${request.id}/decision`, {
      approve: false,
    });
    expect(problemCode(again.json)).toBe('request_already_decided');
    expect(CurrentUser.parse((await call(underwriter, 'GET', '/api/v1/me')).json).roles.sort()).toEqual([
      'actuary',
      'underwriter',
    ]);

    // The account list shows both roles in force: the standing one, and the grant with its end.
    const accounts = UserList.parse((await call(admin, 'GET', '/api/v1/users')).json).items;
    const listed = accounts.find((account) => account.id === underwriterId);
    expect(listed?.roles).toEqual(
      expect.arrayContaining([
        { role: 'underwriter', expiresAt: null },
        { role: 'actuary', expiresAt: new Date(now.getTime() + 48 * 3_600_000).toISOString() },
      ]),
    );
    expect(listed?.roles).toHaveLength(2);

    // 49 hours later the grant has ended (the session too: sign in again).
    now = new Date(now.getTime() + 49 * 3_600_000);
    const later = SignedIn.parse((await signIn('sun@insurer.test')).json);
    expect(later.roles).toEqual(['underwriter']);
  });

  it('approves data access only by a compliance officer who did not ask, for a limited time', async () => {
    const underwriter = await server.tokenFor('underwriter');
    const compliance = await server.tokenFor('compliance_officer');
    const secondCompliance = await server.tokenFor('compliance_officer', 'main', 'second');

    const asked = await call(underwriter, 'POST', '/api/v1/data-access-requests', {
      action: 'unmask',
      objectType: 'data_subject',
      objectId: '00000000-0000-4000-8000-0000000000aa',
      reason: 'verify the contact before binding',
    });
    expect(asked.status).toBe(201);
    const request = DataAccessRequest.parse(asked.json);
    expect(
      (
        await call(underwriter, 'POST', `/api/v1/data-access-requests/${request.id}/decision`, {
          approve: true,
        })
      ).status,
    ).toBe(403);

    const own = DataAccessRequest.parse(
      (
        await call(compliance, 'POST', '/api/v1/data-access-requests', {
          action: 'export',
          objectType: 'data_subject',
          reason: 'regulator asked for a sample',
        })
      ).json,
    );
    expect(
      problemCode(
        (await call(compliance, 'POST', `/api/v1/data-access-requests/${own.id}/decision`, { approve: true }))
          .json,
      ),
    ).toBe('self_approval_refused');

    const approved = DataAccessRequest.parse(
      (
        await call(secondCompliance, 'POST', `/api/v1/data-access-requests/${request.id}/decision`, {
          approve: true,
        })
      ).json,
    );
    expect(approved.status).toBe('approved');
    expect(Date.parse(approved.expiresAt ?? '') - now.getTime()).toBe(24 * 3_600_000);
  });

  it('verifies the audit log and shows the newest signed tree head', async () => {
    await colleague('wu@insurer.test', ['underwriter']);
    const auditor = await server.tokenFor('auditor');
    const verification = AuditVerification.parse(
      (await call(auditor, 'POST', '/api/v1/audit-log/verification')).json,
    );
    expect(verification).toMatchObject({ ok: true, problems: [] });
    expect(verification.checkedRecords).toBeGreaterThan(0);
    expect(verification.publicKey).toMatch(/^[A-Za-z0-9+/]{43}=$/);
  });
});
