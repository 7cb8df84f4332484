import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  createAccount,
  decideDataAccess,
  registerOrganisation,
  requestDataAccess,
  ROLE_TENANT_KIND,
  type DataAccessAction,
  type PrivacyServices,
  type Role,
  type UserActor,
} from '@carapace/domain';
import { generateKeyring } from '@carapace/security';
import { createUnitOfWork, createUnitOfWorkFactory, type DatabaseHandle } from '@carapace/store';
import {
  personalDataProtectionFor,
  type VaultPersonalDataProtection,
} from '../vault-personal-data-protection.js';

const PASSWORD = 'test-password-for-carapace';

export interface PrivacyFixture {
  readonly insurerId: string;
  readonly otherInsurerId: string;
  readonly companyId: string;
  readonly protection: VaultPersonalDataProtection;
  /** An account with one role; `label` makes a second person with the same role. */
  actor(role: Role, label?: string, tenant?: 'main' | 'other'): Promise<UserActor>;
  /** Services for one actor, with the approval id the request carries (as the Carapace-Approval header). */
  services(actor: UserActor, approvalId?: string | null): PrivacyServices;
  /** An approval of `action` on a data subject asked by `requester` and approved by a compliance officer. */
  approve(requester: UserActor, action: DataAccessAction, subjectId: string | null): Promise<string>;
  setNow(now: Date): void;
}

/**
 * Two insurers, one insured company registered by the first, a key vault in a temporary directory, and
 * accounts made on demand: the cast of the privacy use-case tests.
 */
export async function createPrivacyFixture(database: DatabaseHandle): Promise<PrivacyFixture> {
  let now = new Date('2026-03-02T09:00:00Z');
  const clock = () => now;
  const system = { unitOfWork: createUnitOfWork(database.db, 'test-fixture'), now: clock };
  const organisation = async (kind: 'insurer' | 'insured', nameZh: string, registeredBy?: string) =>
    (
      await registerOrganisation(system.unitOfWork, {
        kind,
        nameZh,
        nameEn: null,
        creditCode: null,
        ...(registeredBy === undefined ? {} : { registeredBy }),
      })
    ).id;
  const insurerId = await organisation('insurer', '测试财产保险股份有限公司');
  const otherInsurerId = await organisation('insurer', '另一家财产保险股份有限公司');
  const companyId = await organisation('insured', '宁波甬江精密制造有限公司', insurerId);
  const protection = personalDataProtectionFor(
    await mkdtemp(join(tmpdir(), 'carapace-vault-')),
    generateKeyring(),
  );
  const unitOfWorkFor = createUnitOfWorkFactory(database.db, clock);
  const actors = new Map<string, Promise<UserActor>>();

  const actor = (role: Role, label = 'first', tenant: 'main' | 'other' = 'main'): Promise<UserActor> => {
    const key = `${role}/${label}/${tenant}`;
    let made = actors.get(key);
    if (made === undefined) {
      made = (async () => {
        const tenantId =
          ROLE_TENANT_KIND[role] === 'insured' ? companyId : tenant === 'main' ? insurerId : otherInsurerId;
        const { user } = await createAccount(system, null, {
          tenantId,
          email: `${role}.${label}.${tenant}.${Math.random().toString(36).slice(2, 8)}@test.carapace.test`,
          displayName: `${role} ${label}`,
          password: PASSWORD,
          roles: [role],
        });
        return {
          kind: 'user',
          userId: user.id,
          tenantId,
          tenantKind: ROLE_TENANT_KIND[role],
          roles: [role],
          sessionId: null,
          apiTokenId: null,
          scopes: null,
        } satisfies UserActor;
      })();
      actors.set(key, made);
    }
    return made;
  };

  const services = (forActor: UserActor, approvalId: string | null = null): PrivacyServices => ({
    unitOfWork: unitOfWorkFor({ actor: forActor, purpose: 'privacy.test', requestId: null, approvalId }),
    protection,
    now: clock,
  });

  const approve = async (
    requester: UserActor,
    action: DataAccessAction,
    subjectId: string | null,
  ): Promise<string> => {
    const identity = (who: UserActor) => ({
      unitOfWork: unitOfWorkFor({ actor: who, purpose: 'privacy.test', requestId: null, approvalId: null }),
      now: clock,
    });
    const request = await requestDataAccess(identity(requester), requester, {
      action,
      objectType: 'data_subject',
      objectId: subjectId,
      reason: 'handling the contact person’s request under ticket 42',
    });
    const officer = await actor('compliance_officer');
    const approver =
      officer.userId === requester.userId ? await actor('compliance_officer', 'approver') : officer;
    await decideDataAccess(identity(approver), approver, request.id, { approve: true, note: null });
    return request.id;
  };

  return {
    insurerId,
    otherInsurerId,
    companyId,
    protection,
    actor,
    services,
    approve,
    setNow: (value) => {
      now = value;
    },
  };
}
