import { expect, it } from 'vitest';
import { describeEachDatabase } from '../testing/describe-each-database.js';
import { createUnitOfWork } from '../unit-of-work.js';

// The CamelCasePlugin used to rewrite the keys inside jsonb values on the way out as if they were column
// names: a stored { "mfa_remote_access": … } came back as { mfaRemoteAccess: … }.
describeEachDatabase('jsonb keys are data, not column names', ({ handle }) => {
  it('gives back snake_case keys inside a jsonb value unchanged', async () => {
    const unitOfWork = createUnitOfWork(handle().db);
    const value = { loaded_by: 'seed_demo', counts: [{ organisations_added: 7 }], 'zh-CN': '演示数据' };
    await unitOfWork.run((repositories) =>
      repositories.platformSettings.setIfAbsent('demo_data_loaded_at', value),
    );
    expect(
      await unitOfWork.run((repositories) => repositories.platformSettings.get('demo_data_loaded_at')),
    ).toEqual(value);
  });
});
