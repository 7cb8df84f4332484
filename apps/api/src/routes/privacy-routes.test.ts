import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, expect, it } from 'vitest';
import {
  AuditRecordList,
  DataAccessRequest,
  DataSubject,
  DataSubjectList,
  DataSubjectPage,
  Destruction,
  DestructionOrder,
  FulfilledAccessRequest,
  LegalHold,
  Organisation,
  Problem,
  SubjectRequest,
  SubjectRequestList,
} from '@carapace/contracts';
import { generateKeyring } from '@carapace/security';
import { describeEachDatabase } from '@carapace/store/testing';
import { personalDataProtectionFor } from '../privacy/vault-personal-data-protection.js';
import { startApiTestServer, type ApiTestServer } from '../testing/api-test-server.js';

const ZHANG = {
  name: '张三丰',
  mobile: '+86 138-1234-1234',
  idNumber: '110101199003074258',
  email: 'zhang.san@example.com',
};

describeEachDatabase('personal data API', ({ handle }) => {
  let server: ApiTestServer;
  beforeEach(async () => {
    server = await startApiTestServer(handle(), {
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
    approvalId?: string,
  ): Promise<Response> {
    return fetch(`${server.url}${path}`, {
      method,
      headers: {
        authorization: `Bearer ${token}`,
        'content-type': 'application/json',
        ...(approvalId === undefined ? {} : { 'carapace-approval': approvalId }),
      },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
  }

  async function problemOf(response: Response): Promise<Problem> {
    expect(response.headers.get('content-type')).toBe('application/problem+json');
    return Problem.parse(await response.json());
  }

  async function userIdOf(token: string): Promise<string> {
    const me = (await (await call(token, 'GET', '/api/v1/me')).json()) as { user: { id: string } };
    return me.user.id;
  }

  /** A second person with the role in the main insurer. */
  async function secondAccount(role: 'compliance_officer'): Promise<string> {
    return server.tokenFor(role, 'main', 'second');
  }

  async function approval(
    requester: string,
    approver: string,
    action: 'unmask' | 'export' | 'bulk_query' | 'break_glass',
    subjectId: string | null,
  ): Promise<string> {
    const asked = await call(requester, 'POST', '/api/v1/data-access-requests', {
      action,
      objectType: 'data_subject',
      objectId: subjectId,
      reason: 'the contact person asked us by phone, ticket 42',
    });
    expect(asked.status).toBe(201);
    const request = DataAccessRequest.parse(await asked.json());
    const decided = await call(approver, 'POST', `/api/v1/data-access-requests/${request.id}/decision`, {
      approve: true,
    });
    expect(decided.status).toBe(200);
    return request.id;
  }

  async function registeredSubject(): Promise<{
    readonly subject: DataSubject;
    readonly underwriter: string;
  }> {
    const underwriter = await server.tokenFor('underwriter');
    const company = await call(underwriter, 'POST', '/api/v1/organisations', {
      kind: 'insured',
      nameZh: `宁波甬江精密制造有限公司${Math.random().toString(36).slice(2, 6)}`,
    });
    expect(company.status).toBe(201);
    const organisationId = Organisation.parse(await company.json()).id;
    const created = await call(underwriter, 'POST', '/api/v1/data-subjects', {
      organisationId,
      details: ZHANG,
    });
    expect(created.status).toBe(201);
    expect(created.headers.get('cache-control')).toBe('no-store');
    return { subject: DataSubject.parse(await created.json()), underwriter };
  }

  async function auditOf(action: string, subjectId: string) {
    const auditor = await server.tokenFor('auditor');
    const response = await call(auditor, 'GET', `/api/v1/audit-log?action=${action}&subjectId=${subjectId}`);
    return AuditRecordList.parse(await response.json()).items;
  }

  it('accepts an approved break-glass request in place of an unmask approval, for four hours', async () => {
    const { subject, underwriter } = await registeredSubject();
    const officer = await server.tokenFor('compliance_officer');
    const emergency = await approval(underwriter, officer, 'break_glass', subject.id);
    const clear = await call(
      underwriter,
      'GET',
      `/api/v1/data-subjects/${subject.id}/unmasked`,
      undefined,
      emergency,
    );
    expect(clear.status).toBe(200);
    expect(DataSubject.parse(await clear.json())).toMatchObject({ masked: false });
    const unmasks = await auditOf('unmask', subject.id);
    expect(unmasks.map((record) => [record.result, record.approvalId])).toEqual([['success', emergency]]);
  });

  it('masks by default, unmasks only under someone else’s approval, and audits the denial', async () => {
    const { subject, underwriter } = await registeredSubject();
    expect(subject).toMatchObject({
      masked: true,
      details: {
        name: '张**',
        mobile: '138****1234',
        idNumber: '110***********4258',
        email: 'z***@example.com',
      },
    });
    const read = DataSubject.parse(
      await (await call(underwriter, 'GET', `/api/v1/data-subjects/${subject.id}`)).json(),
    );
    expect(read.details).toEqual(subject.details);

    const refused = await call(underwriter, 'GET', `/api/v1/data-subjects/${subject.id}/unmasked`);
    expect(refused.status).toBe(403);
    expect((await problemOf(refused)).code).toBe('approval_required');
    expect((await auditOf('unmask', subject.id)).map((record) => record.result)).toEqual(['denied']);

    const asked = await call(underwriter, 'POST', '/api/v1/data-access-requests', {
      action: 'unmask',
      objectType: 'data_subject',
      objectId: subject.id,
      reason: 'calling the contact person back about a claim',
    });
    const request = DataAccessRequest.parse(await asked.json());
    const selfApproval = await call(
      underwriter,
      'POST',
      `/api/v1/data-access-requests/${request.id}/decision`,
      {
        approve: true,
      },
    );
    expect(selfApproval.status).toBe(403);
    const officer = await server.tokenFor('compliance_officer');
    expect(
      (await call(officer, 'POST', `/api/v1/data-access-requests/${request.id}/decision`, { approve: true }))
        .status,
    ).toBe(200);

    const clear = await call(
      underwriter,
      'GET',
      `/api/v1/data-subjects/${subject.id}/unmasked`,
      undefined,
      request.id,
    );
    expect(clear.status).toBe(200);
    expect(clear.headers.get('cache-control')).toBe('no-store');
    expect(DataSubject.parse(await clear.json())).toMatchObject({
      masked: false,
      details: { name: '张三丰', mobile: '13812341234', idNumber: '110101199003074258' },
    });
    const unmasks = await auditOf('unmask', subject.id);
    expect(unmasks.map((record) => [record.result, record.approvalId])).toEqual([
      ['success', request.id],
      ['denied', null],
    ]);

    const found = await call(underwriter, 'POST', '/api/v1/data-subjects/search', { mobile: '13812341234' });
    expect(DataSubjectList.parse(await found.json()).items.map((each) => each.details.mobile)).toEqual([
      '138****1234',
    ]);
    const bulk = await call(underwriter, 'GET', '/api/v1/data-subjects?limit=100');
    expect((await problemOf(bulk)).code).toBe('approval_required');
    const page = await call(underwriter, 'GET', '/api/v1/data-subjects?limit=50');
    expect(DataSubjectPage.parse(await page.json()).total).toBe(1);
    const actuary = await server.tokenFor('actuary');
    expect((await call(actuary, 'GET', `/api/v1/data-subjects/${subject.id}`)).status).toBe(403);
  });

  it('answers an access request with a JSON copy under an export approval', async () => {
    const { subject, underwriter } = await registeredSubject();
    const received = await call(underwriter, 'POST', '/api/v1/subject-requests', {
      subjectId: subject.id,
      kind: 'access',
    });
    expect(received.status).toBe(201);
    const request = SubjectRequest.parse(await received.json());
    expect(new Date(request.dueAt).getTime() - new Date(request.receivedAt).getTime()).toBe(30 * 86_400_000);
    expect(request.overdue).toBe(false);

    const officer = await server.tokenFor('compliance_officer');
    const listed = SubjectRequestList.parse(
      await (await call(officer, 'GET', '/api/v1/subject-requests')).json(),
    );
    expect(listed.items.map((each) => [each.id, each.status, each.overdue])).toEqual([
      [request.id, 'received', false],
    ]);

    const noApproval = await call(
      officer,
      'POST',
      `/api/v1/subject-requests/${request.id}/access-fulfilment`,
    );
    expect((await problemOf(noApproval)).code).toBe('approval_required');
    const approvalId = await approval(
      officer,
      await secondAccount('compliance_officer'),
      'export',
      subject.id,
    );
    const fulfilled = await call(
      officer,
      'POST',
      `/api/v1/subject-requests/${request.id}/access-fulfilment`,
      undefined,
      approvalId,
    );
    expect(fulfilled.status).toBe(200);
    const { request: completed, copy } = FulfilledAccessRequest.parse(await fulfilled.json());
    expect(completed.status).toBe('completed');
    expect(copy.subject.details).toEqual({
      name: '张三丰',
      mobile: '13812341234',
      idNumber: '110101199003074258',
      email: 'zhang.san@example.com',
    });
    expect((await auditOf('export', subject.id)).map((record) => record.result)).toEqual([
      'success',
      'denied',
    ]);
  });

  it('crypto-shreds under supervision: a hold blocks it, the witness must be a third person and must act', async () => {
    const { subject, underwriter } = await registeredSubject();
    const officer = await server.tokenFor('compliance_officer');
    const auditor = await server.tokenFor('auditor');
    const deletion = SubjectRequest.parse(
      await (
        await call(underwriter, 'POST', '/api/v1/subject-requests', {
          subjectId: subject.id,
          kind: 'deletion',
        })
      ).json(),
    );
    const hold = LegalHold.parse(
      await (
        await call(officer, 'POST', `/api/v1/data-subjects/${subject.id}/legal-holds`, {
          reason: '反洗钱法 第34条: identity records kept 10 years',
        })
      ).json(),
    );
    const auditorId = await userIdOf(auditor);
    const held = await call(officer, 'POST', `/api/v1/subject-requests/${deletion.id}/destruction-order`, {
      witnessId: auditorId,
    });
    expect(held.status).toBe(409);
    expect((await problemOf(held)).code).toBe('legal_hold_active');
    expect((await call(officer, 'POST', `/api/v1/legal-holds/${hold.id}/release`)).status).toBe(200);

    const selfWitness = await call(
      officer,
      'POST',
      `/api/v1/subject-requests/${deletion.id}/destruction-order`,
      {
        witnessId: await userIdOf(officer),
      },
    );
    expect(selfWitness.status).toBe(403);
    expect((await problemOf(selfWitness)).code).toBe('separation_of_duties_violated');

    const ordered = await call(officer, 'POST', `/api/v1/subject-requests/${deletion.id}/destruction-order`, {
      witnessId: auditorId,
    });
    expect(ordered.status).toBe(201);
    const order = DestructionOrder.parse(await ordered.json());
    expect(order.status).toBe('pending');
    expect((await call(officer, 'GET', `/api/v1/data-subjects/${subject.id}`)).status).toBe(200);

    const executorConfirms = await call(
      officer,
      'POST',
      `/api/v1/destruction-orders/${order.id}/confirmation`,
    );
    expect(executorConfirms.status).toBe(403);
    expect((await problemOf(executorConfirms)).code).toBe('separation_of_duties_violated');

    const confirmed = await call(auditor, 'POST', `/api/v1/destruction-orders/${order.id}/confirmation`);
    expect(confirmed.status).toBe(200);
    expect(Destruction.parse(await confirmed.json())).toMatchObject({
      subjectId: subject.id,
      requestedBy: await userIdOf(underwriter),
      approvedBy: await userIdOf(officer),
      witnessedBy: auditorId,
      method: 'crypto_shredding',
      verification: { keyFileRemoved: true, decryptionRefused: true },
    });
    const erased = DataSubject.parse(
      await (await call(officer, 'GET', `/api/v1/data-subjects/${subject.id}`)).json(),
    );
    expect(erased).toMatchObject({ status: 'erased', details: { name: null, mobile: null } });
    const destroyed = await auditOf('destroy', subject.id);
    expect(destroyed.map((record) => record.details.method)).toEqual(['crypto_shredding']);
    const again = await call(underwriter, 'POST', '/api/v1/data-subjects/search', { mobile: '13812341234' });
    expect(DataSubjectList.parse(await again.json()).items).toEqual([]);
  });
});
