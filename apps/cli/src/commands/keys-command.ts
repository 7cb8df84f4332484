import type { Command } from 'commander';
import { openConfiguredDatabase, rotateRootKeyAndRewrap, rotateTenantKeyAndRewrap } from '@carapace/api';
import { createUnitOfWork } from '@carapace/store';
import { commandLogger, configFrom, type CliIo } from '../cli-context.js';

export function registerKeysCommand(program: Command, io: CliIo): void {
  const keys = program
    .command('keys')
    .description('key rotation in the key vault (CARAPACE_KEY_DIR) / 密钥轮换');

  keys
    .command('rotate-root')
    .description('add a root key version and rewrap every tenant key under it / 轮换根密钥并重新封装租户密钥')
    .option('--retire-old', 'after the rewrap, refuse to decrypt with the older root versions')
    .action(async (options: { retireOld?: boolean }) => {
      const config = configFrom(io);
      const database = await openConfiguredDatabase(config, commandLogger(config, io));
      try {
        const rotation = await rotateRootKeyAndRewrap(config, createUnitOfWork(database.db, 'cli'), {
          retireOld: options.retireOld === true,
        });
        io.stdout(
          `root key version ${rotation.newVersion} is current; tenant keys rewrapped: ${rotation.tenantKeys.rewrapped}, already current: ${rotation.tenantKeys.alreadyCurrent}`,
        );
        if (rotation.retiredBelow !== null) io.stdout(`root versions below ${rotation.retiredBelow} retired`);
      } finally {
        await database.close();
      }
    });

  keys
    .command('rotate-tenant <tenant-id>')
    .description("add a version of a tenant's key and rewrap its subjects' data keys / 轮换租户密钥")
    .action(async (tenantId: string) => {
      const config = configFrom(io);
      const database = await openConfiguredDatabase(config, commandLogger(config, io));
      try {
        const rotation = await rotateTenantKeyAndRewrap(
          config,
          createUnitOfWork(database.db, 'cli'),
          tenantId,
        );
        io.stdout(
          `tenant key version ${rotation.newVersion} is current; subject keys rewrapped: ${rotation.subjectKeys.rewrapped}`,
        );
      } finally {
        await database.close();
      }
    });
}
