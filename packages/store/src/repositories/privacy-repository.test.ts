import { randomUUID } from 'node:crypto';
import { sql, type Kysely } from 'kysely';
import { expect, it } from 'vitest';
import { systemContext, type UserActor } from '@carapace/domain';
import type { Database } from '../schema.js';
import { describeEachDatabase } from '../testing/describe-each-database.js';
import { createUnitOfWorkFactory } from '../unit-of-work.js';

const CIPHERTEXT = 'v1.A256GCM.1.key-1.AAAAAAAAAAAAAAAA.AAAA.AAAAAAAAAAAAAAAAAAAAAA';
const INDEX = '0123456789abcdef0123456789abcdef';

async function organisation(db: Kysely<Database>, kind: 'insurer' | 'insured', nameZh: string) {
  const row = await db
    .insertInto('organisations')
    .values({ kind, nameZh, nameEn: null, creditCode: null })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

async function user(db: Kysely<Database>, tenantId: string, label: string) {
  const row = await db
    .insertInto('users')
    .values({
      tenantId,
      email: `${label}.${randomUUID()}@test.carapace.test`,
      displayName: label,
      passwordHash: '$argon2id$v=19$m=19456,t=2,p=1$placeholder',
      status: 'active',
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

function tenantActor(tenantId: string, tenantKind: 'insurer' | 'insured'): UserActor {
  return {
    kind: 'user',
    userId: randomUUID(),
    tenantId,
    tenantKind,
    roles: [tenantKind === 'insurer' ? 'compliance_officer' : 'policyholder'],
    sessionId: null,
    apiTokenId: null,
    scopes: null,
  };
}

describeEachDatabase('privacy repository', ({ handle }) => {
  async function world() {
    const { db } = handle();
    const insurerId = await organisation(db, 'insurer', '甲保险');
    const otherInsurerId = await organisation(db, 'insurer', '乙保险');
    const companyId = await organisation(db, 'insured', '丙公司');
    const people = {
      requester: await user(db, insurerId, 'requester'),
      executor: await user(db, insurerId, 'executor'),
      witness: await user(db, insurerId, 'witness'),
    };
    const unitOfWorkFor = createUnitOfWorkFactory(db);
    const subjectId = randomUUID();
    await unitOfWorkFor(systemContext('test')).run((repositories) =>
      repositories.privacy.insertSubject({
        id: subjectId,
        tenantId: insurerId,
        organisationId: companyId,
        kind: 'contact_person',
        createdAt: new Date('2026-03-02T09:00:00Z'),
        ciphertexts: { name: CIPHERTEXT, mobile: CIPHERTEXT, idNumber: null, email: null },
        mobileIndex: INDEX,
        idNumberIndex: null,
      }),
    );
    const context = (tenantId: string, kind: 'insurer' | 'insured') => ({
      actor: tenantActor(tenantId, kind),
      purpose: 'test',
      requestId: null,
      approvalId: null,
    });
    return { db, insurerId, otherInsurerId, companyId, people, unitOfWorkFor, subjectId, context };
  }

  it('shows a subject to the insurer holding it and to its company, never to another insurer', async () => {
    const { unitOfWorkFor, subjectId, context, insurerId, otherInsurerId, companyId } = await world();
    const seenBy = (tenantId: string, kind: 'insurer' | 'insured') =>
      unitOfWorkFor(context(tenantId, kind)).run(async (repositories) => ({
        found: (await repositories.privacy.findSubject(subjectId))?.id ?? null,
        listed: (await repositories.privacy.listSubjects({ limit: 10, offset: 0 })).total,
        searched: (await repositories.privacy.findSubjectsByIndex('mobile', INDEX)).length,
      }));
    expect(await seenBy(insurerId, 'insurer')).toEqual({ found: subjectId, listed: 1, searched: 1 });
    expect(await seenBy(companyId, 'insured')).toEqual({ found: subjectId, listed: 1, searched: 0 });
    expect(await seenBy(otherInsurerId, 'insurer')).toEqual({ found: null, listed: 0, searched: 0 });
  });

  it('keeps tenants apart in the database itself, below the repositories', async () => {
    const { db, subjectId, otherInsurerId, companyId } = await world();
    const visibleTo = (tenantId: string) =>
      db.transaction().execute(async (transaction) => {
        await sql`set local role carapace_tenant`.execute(transaction);
        await sql`select set_config('carapace.tenant_id', ${tenantId}, true)`.execute(transaction);
        const rows = await sql<{ id: string }>`select id from data_subjects`.execute(transaction);
        const updated = await sql`update data_subjects set status = 'restricted' where id = ${subjectId}`
          .execute(transaction)
          .then(
            (result) => Number(result.numAffectedRows ?? 0),
            () => 'refused',
          );
        return { rows: rows.rows.length, updated };
      });
    expect(await visibleTo(otherInsurerId)).toEqual({ rows: 0, updated: 0 });
    // The company sees its contact person but cannot change the insurer's record.
    expect(await visibleTo(companyId)).toEqual({ rows: 1, updated: 'refused' });
  });

  it('refuses plaintext in a ciphertext column and a live subject without its name', async () => {
    const { db, insurerId, companyId } = await world();
    const insert = (values: { nameCiphertext: string | null; mobileCiphertext: string }) =>
      db
        .insertInto('dataSubjects')
        .values({
          id: randomUUID(),
          tenantId: insurerId,
          organisationId: companyId,
          kind: 'contact_person',
          status: 'active',
          createdAt: new Date(),
          mobileIndex: INDEX,
          idNumberCiphertext: null,
          emailCiphertext: null,
          idNumberIndex: null,
          ...values,
        })
        .execute();
    await expect(
      insert({ nameCiphertext: CIPHERTEXT, mobileCiphertext: '13812341234' }),
    ).rejects.toMatchObject({
      code: '23514',
    });
    await expect(insert({ nameCiphertext: null, mobileCiphertext: CIPHERTEXT })).rejects.toMatchObject({
      code: '23514',
    });
  });

  it('records a destruction by three different people, and never changes or deletes the record', async () => {
    const { db, insurerId, subjectId, people, unitOfWorkFor } = await world();
    const request = await unitOfWorkFor(systemContext('test')).run((repositories) =>
      repositories.privacy.insertSubjectRequest({
        tenantId: insurerId,
        subjectId,
        kind: 'deletion',
        receivedAt: new Date('2026-03-02T09:00:00Z'),
        dueAt: new Date('2026-04-01T09:00:00Z'),
        requestedBy: people.requester,
      }),
    );
    const destruction = {
      tenantId: insurerId,
      subjectId,
      subjectRequestId: request.id,
      requestedBy: people.requester,
      approvedBy: people.executor,
      witnessedBy: people.executor,
      method: 'crypto_shredding' as const,
      dataKeyId: 'key-1',
      destroyedAt: new Date(),
      verification: { keyFileRemoved: true, decryptionRefused: true },
    };
    await expect(
      unitOfWorkFor(systemContext('test')).run((repositories) =>
        repositories.privacy.insertDestruction(destruction),
      ),
    ).rejects.toMatchObject({ code: '23514' });
    await unitOfWorkFor(systemContext('test')).run((repositories) =>
      repositories.privacy.insertDestruction({ ...destruction, witnessedBy: people.witness }),
    );
    await expect(
      sql`update destructions set data_key_id = 'other' where subject_id = ${subjectId}`.execute(db),
    ).rejects.toMatchObject({ code: '23001' });
    await expect(
      sql`delete from destructions where subject_id = ${subjectId}`.execute(db),
    ).rejects.toMatchObject({
      code: '23001',
    });
    await expect(sql`truncate destructions cascade`.execute(db)).rejects.toMatchObject({ code: '23001' });
  });

  it('refuses a second destruction order for one deletion request as a value, not an aborted transaction', async () => {
    const { insurerId, subjectId, people, unitOfWorkFor } = await world();
    const outcomes = await unitOfWorkFor(systemContext('test')).run(async (repositories) => {
      const request = await repositories.privacy.insertSubjectRequest({
        tenantId: insurerId,
        subjectId,
        kind: 'deletion',
        receivedAt: new Date('2026-03-02T09:00:00Z'),
        dueAt: new Date('2026-04-01T09:00:00Z'),
        requestedBy: people.requester,
      });
      const order = {
        tenantId: insurerId,
        subjectId,
        subjectRequestId: request.id,
        requestedBy: people.requester,
        orderedBy: people.executor,
        witnessId: people.witness,
        orderedAt: new Date(),
      };
      const first = await repositories.privacy.insertDestructionOrder(order);
      const second = await repositories.privacy.insertDestructionOrder(order);
      return [first.kind, second.kind];
    });
    expect(outcomes).toEqual(['inserted', 'duplicate']);
  });
});
