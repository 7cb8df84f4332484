import { join } from 'node:path';
import {
  FileKeyVault,
  KeyringKeyProvider,
  loadKeyringFile,
  retireRootKeysBefore,
  rotateRootKey,
  writeKeyringFile,
  type RewrapCounts,
} from '@carapace/security';
import type { UnitOfWork } from '@carapace/domain';
import type { PlatformConfig } from '../config.js';
import { keyVaultDirectory } from '../privacy/vault-personal-data-protection.js';

export interface RootKeyRotation {
  readonly newVersion: number;
  readonly tenantKeys: RewrapCounts;
  readonly retiredBelow: number | null;
}

function keyringPath(config: Pick<PlatformConfig, 'keyDir'>): string {
  return join(config.keyDir, 'keyring.json');
}

/**
 * Run with the server stopped: a running server keeps the keyring it started with and would go on wrapping
 * new tenant keys under the old version. (On PGlite the data-directory lock enforces this, since the CLI
 * opens the database first; on PostgreSQL it is the operator's to ensure.)
 *
 * Adds a root key version, makes it current, and rewraps every tenant key-encryption key under it (Vault's
 * rotate + rewrap): no field ciphertext and no data key is touched or exposed. With `retireOld`, versions
 * below the new one stop decrypting afterwards — safe only because the rewrap just moved every wrap. The
 * operation is audited.
 */
export async function rotateRootKeyAndRewrap(
  config: Pick<PlatformConfig, 'keyDir'>,
  unitOfWork: UnitOfWork,
  options: { readonly retireOld: boolean },
): Promise<RootKeyRotation> {
  const path = keyringPath(config);
  const rotated = rotateRootKey(await loadKeyringFile(path));
  await writeKeyringFile(path, rotated);
  const vault = new FileKeyVault(keyVaultDirectory(config.keyDir), new KeyringKeyProvider(rotated));
  const tenantKeys = await vault.rewrapTenantKeys();
  const newVersion = rotated.root.currentVersion;
  let retiredBelow: number | null = null;
  if (options.retireOld) {
    // Every tenant key was just rewrapped under the new version (rewrapTenantKeys throws otherwise), so
    // nothing still needs the old ones.
    await writeKeyringFile(path, retireRootKeysBefore(rotated, newVersion));
    retiredBelow = newVersion;
  }
  await unitOfWork.run((repositories) =>
    repositories.audit.record({
      action: 'key.rotate',
      objectType: 'root_key',
      objectId: String(newVersion),
      result: 'success',
      details: { rewrapped: tenantKeys.rewrapped, retiredBelow },
    }),
  );
  return { newVersion, tenantKeys, retiredBelow };
}

/** Adds a version of one tenant's key-encryption key and rewraps the tenant's subject data keys under it. */
export async function rotateTenantKeyAndRewrap(
  config: Pick<PlatformConfig, 'keyDir'>,
  unitOfWork: UnitOfWork,
  tenantId: string,
): Promise<{ readonly newVersion: number; readonly subjectKeys: RewrapCounts }> {
  const keyring = await loadKeyringFile(keyringPath(config));
  const vault = new FileKeyVault(keyVaultDirectory(config.keyDir), new KeyringKeyProvider(keyring));
  const newVersion = await vault.rotateTenantKey(tenantId);
  const subjectKeys = await vault.rewrapSubjectKeys(tenantId);
  await unitOfWork.run((repositories) =>
    repositories.audit.record({
      action: 'key.rotate',
      objectType: 'tenant_key',
      objectId: tenantId,
      result: 'success',
      details: { version: newVersion, rewrapped: subjectKeys.rewrapped },
    }),
  );
  return { newVersion, subjectKeys };
}
