import { createAccount } from '../identity/account-use-cases.js';
import type { IdentityServices } from '../identity/identity-services.js';
import type { Role } from '../identity/roles.js';

/**
 * The password of every demo account. Demo data is for a local trial on the embedded database; it is printed
 * in the README on purpose, and a production installation never loads demo data.
 */
export const DEMO_PASSWORD = 'carapace-demo-2026';

export interface DemoAccount {
  readonly email: string;
  readonly displayName: string;
  /** The demo organisation (by credit code) the account belongs to. */
  readonly organisationCreditCode: string;
  readonly roles: readonly Role[];
}

const INSURER = '91110000CRP000001U';

/** One account per role, so each screen and each access rule can be tried as the person it is for. */
export const DEMO_ACCOUNTS: readonly DemoAccount[] = [
  {
    email: 'underwriter@demo.carapace.test',
    displayName: '王承保',
    organisationCreditCode: INSURER,
    roles: ['underwriter'],
  },
  {
    email: 'actuary@demo.carapace.test',
    displayName: '李精算',
    organisationCreditCode: INSURER,
    roles: ['actuary'],
  },
  {
    email: 'claims@demo.carapace.test',
    displayName: '赵理赔',
    organisationCreditCode: INSURER,
    roles: ['claims_handler'],
  },
  {
    email: 'compliance@demo.carapace.test',
    displayName: '陈合规',
    organisationCreditCode: INSURER,
    roles: ['compliance_officer'],
  },
  {
    email: 'compliance2@demo.carapace.test',
    displayName: '周合规',
    organisationCreditCode: INSURER,
    roles: ['compliance_officer'],
  },
  {
    email: 'secadmin@demo.carapace.test',
    displayName: '孙安全',
    organisationCreditCode: INSURER,
    roles: ['security_admin'],
  },
  {
    email: 'secadmin2@demo.carapace.test',
    displayName: '吴安全',
    organisationCreditCode: INSURER,
    roles: ['security_admin'],
  },
  {
    email: 'auditor@demo.carapace.test',
    displayName: '钱审计',
    organisationCreditCode: INSURER,
    roles: ['auditor'],
  },
  {
    email: 'broker@demo.carapace.test',
    displayName: '刘经纪',
    organisationCreditCode: '91310000CRP000002C',
    roles: ['broker'],
  },
  {
    email: 'policyholder@demo.carapace.test',
    displayName: '郑投保',
    organisationCreditCode: '91330106CRP000003K',
    roles: ['policyholder'],
  },
  {
    email: 'partner@demo.carapace.test',
    displayName: '冯伙伴',
    organisationCreditCode: '91110108CRP0000064',
    roles: ['partner'],
  },
];

export type SeedDemoAccountsOutcome =
  { readonly kind: 'loaded'; readonly accounts: number } | { readonly kind: 'already_loaded' };

/**
 * Creates the demo accounts once per database, through the same use case an operator's CLI uses (argon2id
 * hashes, audited). A demo organisation a user has removed is skipped.
 */
export async function seedDemoAccounts(services: IdentityServices): Promise<SeedDemoAccountsOutcome> {
  const claimed = await services.unitOfWork.run((repositories) =>
    repositories.platformSettings.setIfAbsent('demo_accounts_loaded_at', services.now().toISOString()),
  );
  if (!claimed) return { kind: 'already_loaded' };
  const organisations = await services.unitOfWork.run(
    async (repositories) => (await repositories.organisations.list({ limit: 500, offset: 0 })).items,
  );
  let accounts = 0;
  for (const account of DEMO_ACCOUNTS) {
    const organisation = organisations.find(
      (candidate) => candidate.creditCode === account.organisationCreditCode,
    );
    if (organisation === undefined) continue;
    await createAccount(services, null, {
      tenantId: organisation.id,
      email: account.email,
      displayName: account.displayName,
      password: DEMO_PASSWORD,
      roles: account.roles,
    });
    accounts += 1;
  }
  return { kind: 'loaded', accounts };
}
