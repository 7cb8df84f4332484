import { expect, it } from 'vitest';
import { DEMO_ORGANISATIONS, type NewOrganisation } from '@carapace/domain';
import { describeEachDatabase } from '../testing/describe-each-database.js';
import { createUnitOfWork } from '../unit-of-work.js';

const insured: NewOrganisation = {
  kind: 'insured',
  nameZh: '宁波测试制造有限公司',
  nameEn: 'Ningbo Test Manufacturing Co., Ltd.',
  creditCode: '91330200CRP000007E',
};

describeEachDatabase('organisation repository', ({ handle }) => {
  it('inserts and reads back an organisation with all its fields', async () => {
    const unitOfWork = createUnitOfWork(handle().db);
    const result = await unitOfWork.run((repositories) => repositories.organisations.insert(insured));
    if (result.kind !== 'inserted') throw new Error(`expected an insert, got ${result.kind}`);
    const { organisation } = result;
    expect(organisation).toMatchObject(insured);
    expect(organisation.id).toMatch(/^[0-9a-f-]{36}$/);
    expect(organisation.createdAt).toBeInstanceOf(Date);

    const found = await unitOfWork.run((repositories) =>
      repositories.organisations.findById(organisation.id),
    );
    expect(found).toEqual(organisation);
  });

  it('reports a duplicate credit code or name without aborting the transaction', async () => {
    const unitOfWork = createUnitOfWork(handle().db);
    const outcomes = await unitOfWork.run(async (repositories) => {
      const first = await repositories.organisations.insert(insured);
      const sameCode = await repositories.organisations.insert({ ...insured, nameZh: '另一个名字有限公司' });
      const sameName = await repositories.organisations.insert({ ...insured, creditCode: null });
      // The transaction is still usable after both refusals.
      const total = (await repositories.organisations.list({ limit: 10, offset: 0 })).total;
      return { first: first.kind, sameCode, sameName, total };
    });
    expect(outcomes).toEqual({
      first: 'inserted',
      sameCode: { kind: 'duplicate', field: 'creditCode' },
      sameName: { kind: 'duplicate', field: 'nameZh' },
      total: 1,
    });
  });

  it('allows the same name for organisations of different kinds', async () => {
    const unitOfWork = createUnitOfWork(handle().db);
    const result = await unitOfWork.run(async (repositories) => {
      await repositories.organisations.insert({ ...insured, creditCode: null });
      return repositories.organisations.insert({ ...insured, kind: 'broker', creditCode: null });
    });
    expect(result.kind).toBe('inserted');
  });

  it('does not find unknown or malformed ids', async () => {
    const unitOfWork = createUnitOfWork(handle().db);
    await unitOfWork.run(async (repositories) => {
      expect(
        await repositories.organisations.findById('00000000-0000-4000-8000-000000000000'),
      ).toBeUndefined();
      expect(await repositories.organisations.findById('not-a-uuid')).toBeUndefined();
    });
  });

  it('lists by kind with paging and a total, oldest first', async () => {
    const unitOfWork = createUnitOfWork(handle().db);
    await unitOfWork.run(async (repositories) => {
      for (const organisation of DEMO_ORGANISATIONS) {
        await repositories.organisations.insert(organisation);
      }
    });
    const insureds = DEMO_ORGANISATIONS.filter((organisation) => organisation.kind === 'insured');
    const page = await unitOfWork.run((repositories) =>
      repositories.organisations.list({ kind: 'insured', limit: 2, offset: 1 }),
    );
    expect(page.total).toBe(insureds.length);
    expect(page.items.map((organisation) => organisation.nameZh)).toEqual(
      insureds.slice(1, 3).map((organisation) => organisation.nameZh),
    );
    const pastTheEnd = await unitOfWork.run((repositories) =>
      repositories.organisations.list({ kind: 'insured', limit: 2, offset: 50 }),
    );
    expect(pastTheEnd).toEqual({ items: [], total: insureds.length });
    const all = await unitOfWork.run((repositories) =>
      repositories.organisations.list({ limit: 100, offset: 0 }),
    );
    expect(all.total).toBe(DEMO_ORGANISATIONS.length);
  });

  it('enforces the schema even when the domain is bypassed', async () => {
    const { db } = handle();
    await expect(
      db
        .insertInto('organisations')
        .values({ kind: 'insured', nameZh: 'x', nameEn: null, creditCode: 'lowercase' })
        .execute(),
    ).rejects.toThrow(/check constraint/);
    await expect(
      db
        .insertInto('organisations')
        .values({ kind: 'alien' as 'insured', nameZh: 'x', nameEn: null, creditCode: null })
        .execute(),
    ).rejects.toThrow(/check constraint/);
  });
});
