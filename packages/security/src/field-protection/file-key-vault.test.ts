import { cp, mkdtemp, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  decryptField,
  FieldDecryptionError,
  type FieldContext,
  type FieldKeyResolver,
} from './field-cipher.js';
import { encryptField } from './field-cipher.js';
import { FileKeyVault, KeyVaultError, SubjectKeyDestroyedError } from './file-key-vault.js';
import { KeyUnwrapError } from './key-provider.js';
import { generateKeyring, retireRootKeysBefore, rotateRootKey, type Keyring } from './keyring.js';
import { KeyringKeyProvider } from './keyring-key-provider.js';
import type { SubjectDataKey } from './subject-data-key.js';

const TENANT = 'tenant-a';
const FIXED_NOW = new Date('2025-03-04T05:06:07.000Z');

function fieldContext(subjectId: string, tenantId = TENANT): FieldContext {
  return { tenantId, table: 'customer.person', column: 'mobile', rowId: `row-${subjectId}`, subjectId };
}

function resolverFor(vault: FileKeyVault): FieldKeyResolver {
  return (reference) => vault.subjectKey(reference.tenantId, reference.subjectId);
}

async function activeKey(vault: FileKeyVault, subjectId: string, tenantId = TENANT): Promise<SubjectDataKey> {
  const lookup = await vault.subjectKey(tenantId, subjectId);
  if (lookup.state !== 'active') throw new Error(`expected an active key, got ${lookup.state}`);
  return lookup.key;
}

describe('FileKeyVault', () => {
  let directory: string;
  let keyring: Keyring;

  function vaultWith(currentKeyring: Keyring): FileKeyVault {
    return new FileKeyVault(directory, new KeyringKeyProvider(currentKeyring), { clock: () => FIXED_NOW });
  }

  beforeEach(async () => {
    directory = join(await mkdtemp(join(tmpdir(), 'carapace-key-vault-')), 'vault');
    keyring = generateKeyring();
  });

  afterEach(async () => {
    await rm(join(directory, '..'), { recursive: true, force: true });
  });

  it('creates a subject key once, keeps it private on disk, and hands it back', async () => {
    const vault = vaultWith(keyring);
    const dataKeyId = await vault.createSubjectKey(TENANT, 'subject-1');
    expect(await vault.createSubjectKey(TENANT, 'subject-1')).toBe(dataKeyId);

    const key = await activeKey(vault, 'subject-1');
    expect(key).toMatchObject({ tenantId: TENANT, subjectId: 'subject-1', dataKeyId, tenantKeyVersion: 1 });
    expect(key.material.reveal()).toHaveLength(32);

    const subjectFile = join(directory, 'tenants', TENANT, 'subjects', 'subject-1.json');
    expect((await stat(subjectFile)).mode & 0o777).toBe(0o600);
    expect((await stat(join(directory, 'tenants', TENANT, 'tenant-key.json'))).mode & 0o777).toBe(0o600);
    expect((await stat(directory)).mode & 0o777).toBe(0o700);
    expect((await stat(join(directory, 'tenants', TENANT))).mode & 0o777).toBe(0o700);
    const fileText = await readFile(subjectFile, 'utf8');
    expect(fileText).not.toContain(Buffer.from(key.material.reveal()).toString('base64url'));
    expect(fileText).not.toContain(Buffer.from(key.material.reveal()).toString('hex'));
  });

  it('gives a fresh vault over the same directory the same key', async () => {
    await vaultWith(keyring).createSubjectKey(TENANT, 'subject-1');
    const first = await activeKey(vaultWith(keyring), 'subject-1');
    const second = await activeKey(vaultWith(keyring), 'subject-1');
    expect(second.material.reveal()).toEqual(first.material.reveal());
  });

  it('reports a subject without a key as missing', async () => {
    expect(await vaultWith(keyring).subjectKey(TENANT, 'nobody')).toEqual({ state: 'missing' });
  });

  it('refuses ids that could leave the vault directory', async () => {
    const vault = vaultWith(keyring);
    for (const badId of ['..', '../etc', 'a/b', 'a.b', '', 'x'.repeat(65)]) {
      await expect(vault.createSubjectKey(TENANT, badId)).rejects.toThrow(TypeError);
      await expect(vault.subjectKey(badId, 'subject-1')).rejects.toThrow(TypeError);
    }
  });

  it('refuses a key file copied to another subject', async () => {
    const vault = vaultWith(keyring);
    await vault.createSubjectKey(TENANT, 'subject-1');
    const subjects = join(directory, 'tenants', TENANT, 'subjects');
    const copied = (await readFile(join(subjects, 'subject-1.json'), 'utf8')).replace(
      '"subject-1"',
      '"subject-2"',
    );
    await writeFile(join(subjects, 'subject-2.json'), copied);
    await expect(vault.subjectKey(TENANT, 'subject-2')).rejects.toThrow(KeyVaultError);
  });

  it('rotates the tenant key and rewraps subject keys without touching field ciphertext', async () => {
    const vault = vaultWith(keyring);
    await vault.createSubjectKey(TENANT, 'subject-1');
    await vault.createSubjectKey(TENANT, 'subject-2');
    const context = fieldContext('subject-1');
    const ciphertext = encryptField('13812341234', await activeKey(vault, 'subject-1'), context);

    expect(await vault.rotateTenantKey(TENANT)).toBe(2);
    await vault.createSubjectKey(TENANT, 'subject-3');
    expect((await activeKey(vault, 'subject-3')).tenantKeyVersion).toBe(2);
    expect((await activeKey(vault, 'subject-1')).tenantKeyVersion).toBe(1);

    expect(await vault.rewrapSubjectKeys(TENANT)).toEqual({ rewrapped: 2, alreadyCurrent: 1 });
    expect((await activeKey(vaultWith(keyring), 'subject-1')).tenantKeyVersion).toBe(2);
    expect(await decryptField(ciphertext, resolverFor(vaultWith(keyring)), context)).toBe('13812341234');
    expect(await vault.rewrapSubjectKeys(TENANT)).toEqual({ rewrapped: 0, alreadyCurrent: 3 });
  });

  // Vault's path_rewrap_test sequence, one level up: root v1 → rotate → rewrap → decrypt → retire v1.
  it('moves tenant keys to a new root version so the old one can be retired', async () => {
    await vaultWith(keyring).createSubjectKey(TENANT, 'subject-1');
    await vaultWith(keyring).createSubjectKey('tenant-b', 'subject-9');
    const context = fieldContext('subject-1');
    const ciphertext = encryptField('13812341234', await activeKey(vaultWith(keyring), 'subject-1'), context);
    const tenantKeyFile = join(directory, 'tenants', TENANT, 'tenant-key.json');
    const rootV1Copy = join(directory, '..', 'tenant-key.root-v1.json');
    await cp(tenantKeyFile, rootV1Copy);

    const rotated = rotateRootKey(keyring);
    expect(await vaultWith(rotated).rewrapTenantKeys()).toEqual({ rewrapped: 2, alreadyCurrent: 0 });
    expect(JSON.parse(await readFile(tenantKeyFile, 'utf8'))).toMatchObject({
      versions: { '1': { wrappedKey: { keyVersion: 2 } } },
    });
    expect(await decryptField(ciphertext, resolverFor(vaultWith(rotated)), context)).toBe('13812341234');

    const retired = retireRootKeysBefore(rotated, 2);
    expect(await decryptField(ciphertext, resolverFor(vaultWith(retired)), context)).toBe('13812341234');
    expect(await vaultWith(retired).rewrapTenantKeys()).toEqual({ rewrapped: 0, alreadyCurrent: 2 });

    await cp(rootV1Copy, tenantKeyFile);
    const failure = vaultWith(retired).subjectKey(TENANT, 'subject-1');
    await expect(failure).rejects.toThrow(KeyUnwrapError);
    await expect(failure).rejects.toThrow(/root key version 1 is retired/);
  });

  it('destroys a subject key for good and proves it', async () => {
    const vault = vaultWith(keyring);
    const dataKeyId = await vault.createSubjectKey(TENANT, 'subject-1');
    await vault.createSubjectKey(TENANT, 'subject-2');
    const shredded = encryptField(
      '13812341234',
      await activeKey(vault, 'subject-1'),
      fieldContext('subject-1'),
    );
    const kept = encryptField('13900001111', await activeKey(vault, 'subject-2'), fieldContext('subject-2'));

    const destruction = await vault.destroySubjectKey(TENANT, 'subject-1');
    expect(destruction).toEqual({
      tenantId: TENANT,
      subjectId: 'subject-1',
      dataKeyId,
      destroyedAt: FIXED_NOW.toISOString(),
      verification: { keyFileRemoved: true, decryptionRefused: true },
    });

    expect(await readdir(join(directory, 'tenants', TENANT, 'subjects'))).toEqual(['subject-2.json']);
    const freshVault = vaultWith(keyring);
    expect(await freshVault.subjectKey(TENANT, 'subject-1')).toEqual({
      state: 'destroyed',
      dataKeyId,
      destroyedAt: FIXED_NOW.toISOString(),
    });
    const failure = decryptField(shredded, resolverFor(freshVault), fieldContext('subject-1'));
    await expect(failure).rejects.toThrow(FieldDecryptionError);
    await expect(failure).rejects.toMatchObject({ reason: 'key_destroyed' });
    expect(await decryptField(kept, resolverFor(freshVault), fieldContext('subject-2'))).toBe('13900001111');

    await expect(freshVault.createSubjectKey(TENANT, 'subject-1')).rejects.toThrow(SubjectKeyDestroyedError);
    expect(await freshVault.destroySubjectKey(TENANT, 'subject-1')).toEqual(destruction);
  });

  it('leaves a tombstone for a subject that never had a key', async () => {
    const vault = vaultWith(keyring);
    const destruction = await vault.destroySubjectKey(TENANT, 'subject-7');
    expect(destruction).toMatchObject({
      dataKeyId: null,
      verification: { keyFileRemoved: true, decryptionRefused: true },
    });
    await expect(vault.createSubjectKey(TENANT, 'subject-7')).rejects.toThrow(SubjectKeyDestroyedError);
  });

  it('finishes an interrupted destruction: a tombstone wins over a leftover key file', async () => {
    const vault = vaultWith(keyring);
    await vault.createSubjectKey(TENANT, 'subject-1');
    const subjectFile = join(directory, 'tenants', TENANT, 'subjects', 'subject-1.json');
    const leftover = await readFile(subjectFile);
    await vault.destroySubjectKey(TENANT, 'subject-1');
    await writeFile(subjectFile, leftover);

    expect((await vault.subjectKey(TENANT, 'subject-1')).state).toBe('destroyed');
    const again = await vault.destroySubjectKey(TENANT, 'subject-1');
    expect(again.verification).toEqual({ keyFileRemoved: true, decryptionRefused: true });
  });

  it('keeps every key intact under concurrent calls for one tenant', async () => {
    const vault = vaultWith(keyring);
    const subjectIds = Array.from({ length: 20 }, (_, index) => `subject-${index}`);
    const work: Promise<unknown>[] = subjectIds.map((subjectId) => vault.createSubjectKey(TENANT, subjectId));
    work.push(vault.rotateTenantKey(TENANT), vault.rotateTenantKey(TENANT));
    work.push(...subjectIds.slice(0, 5).map((subjectId) => vault.createSubjectKey(TENANT, subjectId)));
    await Promise.all(work);
    await Promise.all([vault.rewrapSubjectKeys(TENANT), vault.destroySubjectKey(TENANT, 'subject-0')]);

    const freshVault = vaultWith(keyring);
    const tenantKey = JSON.parse(
      await readFile(join(directory, 'tenants', TENANT, 'tenant-key.json'), 'utf8'),
    ) as {
      currentVersion: number;
    };
    expect(tenantKey.currentVersion).toBe(3);
    for (const subjectId of subjectIds.slice(1)) {
      expect((await activeKey(freshVault, subjectId)).tenantKeyVersion).toBe(3);
    }
    expect((await freshVault.subjectKey(TENANT, 'subject-0')).state).toBe('destroyed');
    expect(
      (await readdir(join(directory, 'tenants', TENANT, 'subjects'))).filter((name) => name.endsWith('.tmp')),
    ).toEqual([]);
  });
});
