import type { Kysely } from 'kysely';
import type { PlatformSettingKey, PlatformSettingsRepository } from '@carapace/domain';
import type { Database } from '../schema.js';

export class KyselyPlatformSettingsRepository implements PlatformSettingsRepository {
  constructor(private readonly db: Kysely<Database>) {}

  async get(key: PlatformSettingKey): Promise<unknown> {
    const row = await this.db
      .selectFrom('platformSettings')
      .select('value')
      .where('key', '=', key)
      .executeTakeFirst();
    return row?.value;
  }

  async setIfAbsent(key: PlatformSettingKey, value: unknown): Promise<boolean> {
    const result = await this.db
      .insertInto('platformSettings')
      .values({ key, value: JSON.stringify(value) })
      .onConflict((conflict) => conflict.column('key').doNothing())
      .executeTakeFirst();
    return result.numInsertedOrUpdatedRows === 1n;
  }
}
