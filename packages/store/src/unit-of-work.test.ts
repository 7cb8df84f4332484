import { expect, it } from 'vitest';
import { seedDemoData, DEMO_ORGANISATIONS } from '@carapace/domain';
import { describeEachDatabase } from './testing/describe-each-database.js';
import { createUnitOfWork } from './unit-of-work.js';

describeEachDatabase('unit of work', ({ handle }) => {
  it('rolls back every write when the work throws', async () => {
    const unitOfWork = createUnitOfWork(handle().db);
    await expect(
      unitOfWork.run(async (repositories) => {
        await repositories.organisations.insert({
          kind: 'broker',
          nameZh: '回滚经纪',
          nameEn: null,
          creditCode: null,
        });
        await repositories.platformSettings.setIfAbsent('demo_data_loaded_at', 'never');
        throw new Error('use case failed half-way');
      }),
    ).rejects.toThrow('half-way');
    const after = await unitOfWork.run(async (repositories) => ({
      organisations: (await repositories.organisations.list({ limit: 10, offset: 0 })).total,
      marker: await repositories.platformSettings.get('demo_data_loaded_at'),
    }));
    expect(after).toEqual({ organisations: 0, marker: undefined });
  });
});

describeEachDatabase('demo data', ({ handle }) => {
  it('loads once and never again, even after demo rows are removed', async () => {
    const unitOfWork = createUnitOfWork(handle().db);
    const first = await seedDemoData(unitOfWork, new Date('2026-11-22T03:00:00Z'));
    expect(first).toEqual({ kind: 'loaded', organisationsAdded: DEMO_ORGANISATIONS.length });

    await handle().db.deleteFrom('organisations').where('kind', '=', 'broker').execute();
    const second = await seedDemoData(unitOfWork, new Date('2026-11-23T03:00:00Z'));
    expect(second).toEqual({ kind: 'already_loaded', loadedAt: '2026-11-22T03:00:00.000Z' });

    const remaining = await unitOfWork.run((repositories) =>
      repositories.organisations.list({ limit: 100, offset: 0 }),
    );
    expect(remaining.total).toBe(DEMO_ORGANISATIONS.length - 1);
  });

  it('keeps an organisation registered by hand before the demo load', async () => {
    const unitOfWork = createUnitOfWork(handle().db);
    const [existing] = DEMO_ORGANISATIONS;
    if (existing === undefined) throw new Error('demo data is empty');
    await unitOfWork.run((repositories) =>
      repositories.organisations.insert({ ...existing, nameEn: 'Registered by hand' }),
    );
    const outcome = await seedDemoData(unitOfWork, new Date());
    expect(outcome).toEqual({ kind: 'loaded', organisationsAdded: DEMO_ORGANISATIONS.length - 1 });
    const page = await unitOfWork.run((repositories) =>
      repositories.organisations.list({ limit: 100, offset: 0 }),
    );
    expect(page.items.find((organisation) => organisation.creditCode === existing.creditCode)?.nameEn).toBe(
      'Registered by hand',
    );
  });
});
