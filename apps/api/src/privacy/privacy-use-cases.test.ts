import { beforeEach, expect, it } from 'vitest';
import {
  confirmDestruction,
  correctDataSubject,
  fieldLocation,
  fulfilAccessRequest,
  getDataSubject,
  listDataSubjects,
  listSubjectRequests,
  orderDestruction,
  placeLegalHold,
  receiveSubjectRequest,
  registerDataSubject,
  releaseLegalHold,
  searchDataSubjects,
  unmaskDataSubject,
  type DataSubjectView,
  type PersonalDetails,
} from '@carapace/domain';
import { FieldDecryptionError } from '@carapace/security';
import { describeEachDatabase } from '@carapace/store/testing';
import { createPrivacyFixture, type PrivacyFixture } from './testing/privacy-fixture.js';

const zhang: PersonalDetails = {
  name: '张三丰',
  mobile: '+86 138-1234-1234',
  idNumber: '110101199003074258',
  email: 'zhang.san@example.com',
};

const li: PersonalDetails = {
  name: '欧阳修',
  mobile: '13900001111',
  idNumber: '310104198511223012',
  email: null,
};

describeEachDatabase('privacy use cases', ({ handle }) => {
  let fixture: PrivacyFixture;
  beforeEach(async () => {
    fixture = await createPrivacyFixture(handle());
  });

  const register = async (details: PersonalDetails): Promise<DataSubjectView> => {
    const underwriter = await fixture.actor('underwriter');
    return registerDataSubject(fixture.services(underwriter), underwriter, {
      organisationId: fixture.companyId,
      details,
    });
  };

  const auditOf = (subjectId: string) =>
    handle()
      .db.selectFrom('auditLog')
      .select(['action', 'result', 'record'])
      .where('subjectId', '=', subjectId)
      .orderBy('sequence')
      .execute();

  it('stores only ciphertexts and blind indexes, and reads back masked by default', async () => {
    const created = await register(zhang);
    expect(created.details).toEqual({
      name: '张**',
      mobile: '138****1234',
      idNumber: '110***********4258',
      email: 'z***@example.com',
    });

    const row = await handle()
      .db.selectFrom('dataSubjects')
      .selectAll()
      .where('id', '=', created.id)
      .executeTakeFirstOrThrow();
    for (const ciphertext of [
      row.nameCiphertext,
      row.mobileCiphertext,
      row.idNumberCiphertext,
      row.emailCiphertext,
    ]) {
      expect(ciphertext).toMatch(/^v1\.A256GCM\.1\./);
    }
    expect(JSON.stringify(row)).not.toMatch(/张三丰|13812341234|1234-1234|110101199003074258|zhang\.san/);
    expect(row.mobileIndex).toMatch(/^[0-9a-f]{32}$/);

    const officer = await fixture.actor('claims_handler');
    const read = await getDataSubject(fixture.services(officer), officer, created.id);
    expect(read).toMatchObject({ masked: true, details: created.details, status: 'active' });
    const policyholder = await fixture.actor('policyholder');
    expect(
      (await getDataSubject(fixture.services(policyholder), policyholder, created.id)).details.mobile,
    ).toBe('138****1234');
    const stranger = await fixture.actor('underwriter', 'first', 'other');
    await expect(getDataSubject(fixture.services(stranger), stranger, created.id)).rejects.toMatchObject({
      code: 'data_subject_not_found',
    });
    expect((await auditOf(created.id)).map((entry) => entry.action)).toEqual(['create', 'read', 'read']);
  });

  it('binds each ciphertext to its row and column: a value moved elsewhere does not decrypt', async () => {
    const subject = await register(zhang);
    const row = await handle()
      .db.selectFrom('dataSubjects')
      .select(['mobileCiphertext', 'nameCiphertext'])
      .where('id', '=', subject.id)
      .executeTakeFirstOrThrow();
    const location = fieldLocation({ id: subject.id, tenantId: fixture.insurerId }, 'name');
    await expect(fixture.protection.decrypt(row.nameCiphertext ?? '', location)).resolves.toBe('张三丰');
    await expect(fixture.protection.decrypt(row.mobileCiphertext ?? '', location)).rejects.toMatchObject({
      reason: 'authentication_failed',
    });
  });

  it('unmasks only under an approval someone else gave, and audits the refusal and the unmask', async () => {
    const subject = await register(zhang);
    const underwriter = await fixture.actor('underwriter');
    await expect(
      unmaskDataSubject(fixture.services(underwriter), underwriter, subject.id, null),
    ).rejects.toMatchObject({
      code: 'approval_required',
    });
    const approvalId = await fixture.approve(underwriter, 'unmask', subject.id);
    const otherSubject = await register(li);
    await expect(
      unmaskDataSubject(fixture.services(underwriter, approvalId), underwriter, otherSubject.id, approvalId),
    ).rejects.toMatchObject({ code: 'approval_invalid' });

    const clear = await unmaskDataSubject(
      fixture.services(underwriter, approvalId),
      underwriter,
      subject.id,
      approvalId,
    );
    expect(clear).toMatchObject({
      masked: false,
      details: {
        name: '张三丰',
        mobile: '13812341234',
        idNumber: '110101199003074258',
        email: 'zhang.san@example.com',
      },
    });
    const trail = await auditOf(subject.id);
    expect(trail.filter((entry) => entry.action === 'unmask').map((entry) => entry.result)).toEqual([
      'denied',
      'success',
    ]);
    const unmasked = trail.find((entry) => entry.action === 'unmask' && entry.result === 'success');
    expect(unmasked?.record).toMatchObject({ approvalId });
    expect(JSON.stringify(trail)).not.toMatch(/张三丰|13812341234|110101199003074258/);
  });

  it('finds a subject by mobile or ID number through the blind index, masked, and only in its own tenant', async () => {
    const subject = await register(zhang);
    await register(li);
    const underwriter = await fixture.actor('underwriter');
    const services = fixture.services(underwriter);
    for (const mobile of ['13812341234', '+86 138 1234 1234', '0086-138-1234-1234']) {
      const found = await searchDataSubjects(services, underwriter, { by: 'mobile', value: mobile });
      expect(found.map((each) => [each.id, each.details.mobile])).toEqual([[subject.id, '138****1234']]);
    }
    const byId = await searchDataSubjects(services, underwriter, {
      by: 'idNumber',
      value: '110101199003074258',
    });
    expect(byId.map((each) => each.id)).toEqual([subject.id]);
    await expect(
      searchDataSubjects(services, underwriter, { by: 'idNumber', value: '110101199003074259' }),
    ).rejects.toMatchObject({ code: 'personal_data_invalid', field: 'value' });
    const stranger = await fixture.actor('underwriter', 'first', 'other');
    expect(
      await searchDataSubjects(fixture.services(stranger), stranger, { by: 'mobile', value: '13812341234' }),
    ).toEqual([]);
    const searches = await handle()
      .db.selectFrom('auditLog')
      .select('record')
      .where('action', '=', 'search')
      .where('tenantId', '=', fixture.insurerId)
      .execute();
    expect(searches.map((entry) => (entry.record as { rows: number }).rows)).toEqual([1, 1, 1, 1]);
  });

  it('needs a bulk-query approval for a page larger than the threshold', async () => {
    await register(zhang);
    const underwriter = await fixture.actor('underwriter');
    const small = await listDataSubjects(fixture.services(underwriter), underwriter, {
      limit: 50,
      offset: 0,
      approvalId: null,
    });
    expect(small.items.map((each) => each.details.mobile)).toEqual(['138****1234']);
    await expect(
      listDataSubjects(fixture.services(underwriter), underwriter, {
        limit: 51,
        offset: 0,
        approvalId: null,
      }),
    ).rejects.toMatchObject({ code: 'approval_required' });
    const approvalId = await fixture.approve(underwriter, 'bulk_query', null);
    const bulk = await listDataSubjects(fixture.services(underwriter, approvalId), underwriter, {
      limit: 500,
      offset: 0,
      approvalId,
    });
    expect(bulk.total).toBe(1);
    const denied = await handle()
      .db.selectFrom('auditLog')
      .select('result')
      .where('action', '=', 'bulk_query')
      .execute();
    expect(denied).toEqual([{ result: 'denied' }]);
  });

  it('corrects a field by encrypting afresh: the old ciphertext and index are gone', async () => {
    const subject = await register(zhang);
    const before = await handle()
      .db.selectFrom('dataSubjects')
      .selectAll()
      .where('id', '=', subject.id)
      .executeTakeFirstOrThrow();
    const underwriter = await fixture.actor('underwriter');
    const officer = await fixture.actor('compliance_officer');
    const request = await receiveSubjectRequest(fixture.services(underwriter), underwriter, {
      subjectId: subject.id,
      kind: 'correction',
    });
    const { request: completed, subject: corrected } = await correctDataSubject(
      fixture.services(officer),
      officer,
      request.id,
      { mobile: '13700002222', email: null },
    );
    expect(completed).toMatchObject({ status: 'completed', outcomeNote: 'corrected: mobile, email' });
    expect(corrected.details).toEqual({
      name: '张**',
      mobile: '137****2222',
      idNumber: '110***********4258',
      email: null,
    });
    const after = await handle()
      .db.selectFrom('dataSubjects')
      .selectAll()
      .where('id', '=', subject.id)
      .executeTakeFirstOrThrow();
    expect(after.mobileCiphertext).not.toBe(before.mobileCiphertext);
    expect(after.nameCiphertext).not.toBe(before.nameCiphertext);
    expect(after.emailCiphertext).toBeNull();
    expect(after.mobileIndex).not.toBe(before.mobileIndex);
    const services = fixture.services(underwriter);
    expect(await searchDataSubjects(services, underwriter, { by: 'mobile', value: '13812341234' })).toEqual(
      [],
    );
    expect(
      (await searchDataSubjects(services, underwriter, { by: 'mobile', value: '13700002222' })).map(
        (each) => each.id,
      ),
    ).toEqual([subject.id]);
    await expect(
      correctDataSubject(fixture.services(officer), officer, request.id, { name: '张三' }),
    ).rejects.toMatchObject({
      code: 'subject_request_closed',
    });
  });

  it('answers an access request with a decrypted JSON copy under an export approval, due in 30 days', async () => {
    const subject = await register(zhang);
    const underwriter = await fixture.actor('underwriter');
    const officer = await fixture.actor('compliance_officer');
    const request = await receiveSubjectRequest(fixture.services(underwriter), underwriter, {
      subjectId: subject.id,
      kind: 'access',
    });
    expect(request.dueAt.toISOString()).toBe('2026-04-01T09:00:00.000Z');
    await expect(
      fulfilAccessRequest(fixture.services(officer), officer, request.id, null),
    ).rejects.toMatchObject({
      code: 'approval_required',
    });
    fixture.setNow(new Date('2026-04-02T09:00:00Z'));
    const listed = await listSubjectRequests(fixture.services(officer), officer);
    expect(listed.map((each) => [each.id, each.overdue])).toEqual([[request.id, true]]);

    const approvalId = await fixture.approve(officer, 'export', subject.id);
    const { request: completed, copy } = await fulfilAccessRequest(
      fixture.services(officer, approvalId),
      officer,
      request.id,
      approvalId,
    );
    expect(completed.status).toBe('completed');
    expect(copy).toMatchObject({
      format: 'carapace-subject-export/1',
      holder: fixture.insurerId,
      subject: { id: subject.id, details: { name: '张三丰', mobile: '13812341234' } },
      subjectRequests: [{ id: request.id, kind: 'access' }],
    });
    expect(JSON.parse(JSON.stringify(copy))).toEqual(copy);
    const afterwards = await listSubjectRequests(fixture.services(officer), officer);
    expect(afterwards.map((each) => each.overdue)).toEqual([false]);
    const exports = (await auditOf(subject.id)).filter((entry) => entry.action === 'export');
    expect(exports.map((entry) => entry.result)).toEqual(['denied', 'success']);
  });

  it('shreds a subject under supervision: three people, a hold blocks it, the witness destroys the key (REQ-DEL-3)', async () => {
    const subjectA = await register(zhang);
    const subjectB = await register(li);
    // A copy of the database as a backup would hold it: the ciphertext rows before the shredding.
    const backup = await handle()
      .db.selectFrom('dataSubjects')
      .select(['id', 'nameCiphertext', 'mobileCiphertext', 'idNumberCiphertext'])
      .execute();

    const requester = await fixture.actor('underwriter');
    const executor = await fixture.actor('compliance_officer');
    const witness = await fixture.actor('auditor');
    const request = await receiveSubjectRequest(fixture.services(requester), requester, {
      subjectId: subjectA.id,
      kind: 'deletion',
    });

    const hold = await placeLegalHold(fixture.services(executor), executor, {
      subjectId: subjectA.id,
      reason: '反洗钱法 第34条: customer records kept 10 years',
    });
    await expect(
      orderDestruction(fixture.services(executor), executor, request.id, { witnessId: witness.userId }),
    ).rejects.toMatchObject({ code: 'legal_hold_active' });
    await releaseLegalHold(fixture.services(executor), executor, hold.id);

    const requesterAsOfficer = await fixture.actor('compliance_officer', 'requester');
    const selfRequest = await receiveSubjectRequest(
      fixture.services(requesterAsOfficer),
      requesterAsOfficer,
      {
        subjectId: subjectB.id,
        kind: 'deletion',
      },
    );
    await expect(
      orderDestruction(fixture.services(requesterAsOfficer), requesterAsOfficer, selfRequest.id, {
        witnessId: witness.userId,
      }),
    ).rejects.toMatchObject({ code: 'separation_of_duties_violated' });
    await expect(
      orderDestruction(fixture.services(executor), executor, request.id, { witnessId: executor.userId }),
    ).rejects.toMatchObject({ code: 'separation_of_duties_violated' });
    const underwriter2 = await fixture.actor('underwriter', 'second');
    await expect(
      orderDestruction(fixture.services(executor), executor, request.id, { witnessId: underwriter2.userId }),
    ).rejects.toMatchObject({ code: 'witness_ineligible' });

    const order = await orderDestruction(fixture.services(executor), executor, request.id, {
      witnessId: witness.userId,
    });
    expect(order.status).toBe('pending');
    // Ordering destroys nothing: the subject still decrypts.
    const stillThere = backup.find((row) => row.id === subjectA.id);
    await expect(
      fixture.protection.decrypt(
        stillThere?.nameCiphertext ?? '',
        fieldLocation({ id: subjectA.id, tenantId: fixture.insurerId }, 'name'),
      ),
    ).resolves.toBe('张三丰');
    await expect(confirmDestruction(fixture.services(executor), executor, order.id)).rejects.toMatchObject({
      code: 'separation_of_duties_violated',
    });

    const destruction = await confirmDestruction(fixture.services(witness), witness, order.id);
    expect(destruction).toMatchObject({
      subjectId: subjectA.id,
      requestedBy: requester.userId,
      approvedBy: executor.userId,
      witnessedBy: witness.userId,
      method: 'crypto_shredding',
      verification: { keyFileRemoved: true, decryptionRefused: true },
    });

    const erased = await getDataSubject(fixture.services(executor), executor, subjectA.id);
    expect(erased).toMatchObject({
      status: 'erased',
      details: { name: null, mobile: null, idNumber: null, email: null },
    });
    const row = await handle()
      .db.selectFrom('dataSubjects')
      .selectAll()
      .where('id', '=', subjectA.id)
      .executeTakeFirstOrThrow();
    expect([
      row.nameCiphertext,
      row.mobileCiphertext,
      row.idNumberCiphertext,
      row.emailCiphertext,
      row.mobileIndex,
      row.idNumberIndex,
    ]).toEqual([null, null, null, null, null, null]);

    for (const saved of backup) {
      const subject = { id: saved.id, tenantId: fixture.insurerId };
      const decrypting = fixture.protection.decrypt(
        saved.mobileCiphertext ?? '',
        fieldLocation(subject, 'mobile'),
      );
      if (saved.id === subjectA.id) {
        const failure: unknown = await decrypting.catch((error: unknown) => error);
        expect(failure).toBeInstanceOf(FieldDecryptionError);
        expect((failure as FieldDecryptionError).reason).toBe('key_destroyed');
      } else {
        await expect(decrypting).resolves.toBe('13900001111');
      }
    }

    const trail = await auditOf(subjectA.id);
    const destroyed = trail.find((entry) => entry.action === 'destroy');
    expect(destroyed?.record).toMatchObject({
      result: 'success',
      details: {
        method: 'crypto_shredding',
        keyFileRemoved: true,
        decryptionRefused: true,
        witnessedBy: witness.userId,
      },
    });
    expect(JSON.stringify(trail)).not.toMatch(/张三丰|13812341234|110101199003074258/);
    const refusals = await handle()
      .db.selectFrom('auditLog')
      .select(['action', 'result'])
      .where('result', '=', 'denied')
      .where('action', 'in', ['order', 'witness'])
      .execute();
    expect(refusals).toHaveLength(3);

    await expect(
      unmaskDataSubject(fixture.services(executor), executor, subjectA.id, null),
    ).rejects.toMatchObject({
      code: 'approval_required',
    });
    await expect(
      receiveSubjectRequest(fixture.services(requester), requester, {
        subjectId: subjectA.id,
        kind: 'access',
      }),
    ).rejects.toMatchObject({ code: 'subject_erased' });
  });

  it('restricts a held subject to storage when its deletion is asked for', async () => {
    const subject = await register(zhang);
    const officer = await fixture.actor('compliance_officer');
    await placeLegalHold(fixture.services(officer), officer, {
      subjectId: subject.id,
      reason: 'claim under litigation, court order 2026-17',
    });
    const underwriter = await fixture.actor('underwriter');
    await receiveSubjectRequest(fixture.services(underwriter), underwriter, {
      subjectId: subject.id,
      kind: 'deletion',
    });
    expect((await getDataSubject(fixture.services(officer), officer, subject.id)).status).toBe('restricted');
  });
});
