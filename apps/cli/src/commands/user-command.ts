import { InvalidArgumentError, type Command } from 'commander';
import { openConfiguredDatabase } from '@carapace/api';
import { createAccount, isRole, type Role } from '@carapace/domain';
import { createUnitOfWork } from '@carapace/store';
import { commandLogger, configFrom, type CliIo } from '../cli-context.js';
import { CliInputError } from '../json-input-file.js';

function parseRoles(value: string): Role[] {
  const roles = value.split(',').map((role) => role.trim());
  for (const role of roles) {
    if (!isRole(role)) throw new InvalidArgumentError(`'${role}' is not a role`);
  }
  return roles as Role[];
}

export function registerUserCommand(program: Command, io: CliIo): void {
  const user = program.command('user').description('accounts / 用户账户');
  user
    .command('create')
    .description(
      "create an account with standing roles in an organisation (the operator's way to make the first security admin) / 创建账户",
    )
    .requiredOption('--organisation <id>', 'the organisation (tenant) the account belongs to')
    .requiredOption('--email <email>', 'sign-in email')
    .requiredOption('--name <display name>', 'name shown to colleagues')
    .requiredOption('--roles <role,role>', 'standing roles, comma-separated', parseRoles)
    .requiredOption(
      '--password-env <variable>',
      'the environment variable holding the initial password (kept off the command line and shell history)',
    )
    .action(
      async (options: {
        organisation: string;
        email: string;
        name: string;
        roles: Role[];
        passwordEnv: string;
      }) => {
        const password = io.env[options.passwordEnv];
        if (password === undefined || password === '') {
          throw new CliInputError(`the environment variable ${options.passwordEnv} is not set`);
        }
        const config = configFrom(io);
        const database = await openConfiguredDatabase(config, commandLogger(config, io));
        try {
          const created = await createAccount(
            { unitOfWork: createUnitOfWork(database.db, 'cli'), now: () => new Date() },
            null,
            {
              tenantId: options.organisation,
              email: options.email,
              displayName: options.name,
              password,
              roles: options.roles,
            },
          );
          io.stdout(`created ${created.user.email} (${created.user.id}) with ${created.roles.join(', ')}`);
        } finally {
          await database.close();
        }
      },
    );
}
