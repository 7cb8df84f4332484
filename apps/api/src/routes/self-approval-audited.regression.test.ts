import { afterEach, beforeEach, expect, it } from 'vitest';
import { DataAccessRequest, PermissionGrantRequest } from '@carapace/contracts';
import { describeEachDatabase, runRawSql } from '@carapace/store/testing';
import { startApiTestServer, type ApiTestServer } from '../testing/api-test-server.js';

// Regression: a refused self-approval wrote its `denied` audit record inside the transaction that the
// refusal then rolled back, so the attempt left no trace.
describeEachDatabase('a refused self-approval is audited', ({ handle }) => {
  let server: ApiTestServer;
  beforeEach(async () => {
    server = await startApiTestServer(handle());
  });
  afterEach(async () => {
    await server.close();
  });

  async function post(token: string, path: string, body: unknown) {
    const response = await fetch(`${server.url}${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify(body),
    });
    return { status: response.status, json: await response.json() };
  }

  async function deniedDecisions(objectType: string): Promise<number> {
    const rows = await runRawSql(
      handle(),
      `select 1 from audit_log where action = 'decide' and result = 'denied' and object_type = '${objectType}'`,
    );
    return rows.length;
  }

  it('keeps the denied record of a compliance officer approving their own data-access request', async () => {
    const compliance = await server.tokenFor('compliance_officer');
    const request = DataAccessRequest.parse(
      (
        await post(compliance, '/api/v1/data-access-requests', {
          action: 'export',
          objectType: 'data_subject',
          reason: 'self-approval regression check',
        })
      ).json,
    );
    const refused = await post(compliance, `/api/v1/data-access-requests/${request.id}/decision`, {
      approve: true,
    });
    expect(refused.status).toBe(403);
    expect(await deniedDecisions('data_access')).toBe(1);
  });

  it('keeps the denied record of a security admin approving their own role request', async () => {
    const admin = await server.tokenFor('security_admin');
    const me = (await (
      await fetch(`${server.url}/api/v1/me`, { headers: { authorization: `Bearer ${admin}` } })
    ).json()) as { user: { id: string } };
    const request = PermissionGrantRequest.parse(
      (
        await post(admin, '/api/v1/permission-grants', {
          userId: me.user.id,
          role: 'auditor',
          reason: 'self-approval regression check',
          durationHours: 2,
        })
      ).json,
    );
    const refused = await post(admin, `/api/v1/permission-grants/${request.id}/decision`, { approve: true });
    expect(refused.status).toBe(403);
    expect(await deniedDecisions('permission_grant')).toBe(1);
  });
});
