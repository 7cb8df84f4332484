import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { KeyUnwrapError } from './key-provider.js';
import { generateKeyring, retireRootKeysBefore, rotateRootKey } from './keyring.js';
import { KeyringKeyProvider } from './keyring-key-provider.js';

const CONTEXT = 'tenant-kek|tenant-a|1';

async function unwrapFailure(promise: Promise<unknown>): Promise<KeyUnwrapError> {
  try {
    await promise;
  } catch (error) {
    expect(error).toBeInstanceOf(KeyUnwrapError);
    return error as KeyUnwrapError;
  }
  throw new Error('expected the unwrap to fail');
}

describe('KeyringKeyProvider', () => {
  it('unwraps what it wrapped with the same context', async () => {
    const provider = new KeyringKeyProvider(generateKeyring());
    const key = new Uint8Array(randomBytes(32));
    const wrapped = await provider.wrapKey(key, CONTEXT);
    expect(wrapped.keyVersion).toBe(1);
    expect(wrapped.ciphertext).toMatch(/^kr1\./);
    expect(await provider.unwrapKey(wrapped, CONTEXT)).toEqual(key);
  });

  it('refuses a wrap presented with another context', async () => {
    const provider = new KeyringKeyProvider(generateKeyring());
    const wrapped = await provider.wrapKey(new Uint8Array(32), CONTEXT);
    const error = await unwrapFailure(provider.unwrapKey(wrapped, 'tenant-kek|tenant-b|1'));
    expect(error.reason).toBe('authentication_failed');
  });

  it('refuses a wrap relabelled with another root version', async () => {
    const provider = new KeyringKeyProvider(rotateRootKey(generateKeyring()));
    const wrapped = await provider.wrapKey(new Uint8Array(32), CONTEXT);
    const error = await unwrapFailure(provider.unwrapKey({ ...wrapped, keyVersion: 1 }, CONTEXT));
    expect(error.reason).toBe('authentication_failed');
  });

  it('refuses a malformed wrap', async () => {
    const provider = new KeyringKeyProvider(generateKeyring());
    const error = await unwrapFailure(
      provider.unwrapKey({ keyVersion: 1, ciphertext: 'vault:v1:abc' }, CONTEXT),
    );
    expect(error.reason).toBe('format');
  });

  // The sequence of Vault's builtin/logical/transit/path_rewrap_test.go, plus retirement.
  it('rotates, rewraps, decrypts, and after retirement refuses the old version clearly', async () => {
    const keyring = generateKeyring();
    const key = new Uint8Array(randomBytes(32));
    const v1Provider = new KeyringKeyProvider(keyring);
    const v1Wrapped = await v1Provider.wrapKey(key, CONTEXT);
    expect(v1Wrapped.keyVersion).toBe(1);

    const rotated = rotateRootKey(keyring);
    const v2Provider = new KeyringKeyProvider(rotated);
    expect(await v2Provider.currentVersion()).toBe(2);
    expect(await v2Provider.unwrapKey(v1Wrapped, CONTEXT)).toEqual(key);

    const v2Wrapped = await v2Provider.rewrapKey(v1Wrapped, CONTEXT);
    expect(v2Wrapped.keyVersion).toBe(2);
    expect(v2Wrapped.ciphertext).not.toBe(v1Wrapped.ciphertext);
    expect(await v2Provider.unwrapKey(v2Wrapped, CONTEXT)).toEqual(key);

    const retiredProvider = new KeyringKeyProvider(retireRootKeysBefore(rotated, 2));
    expect(await retiredProvider.unwrapKey(v2Wrapped, CONTEXT)).toEqual(key);
    const error = await unwrapFailure(retiredProvider.unwrapKey(v1Wrapped, CONTEXT));
    expect(error.reason).toBe('version_retired');
    expect(error.message).toMatch(/root key version 1 is retired \(minimum decryption version 2\)/);
    await expect(retiredProvider.rewrapKey(v1Wrapped, CONTEXT)).rejects.toThrow(KeyUnwrapError);
  });

  it('names a version the keyring does not hold', async () => {
    const newer = new KeyringKeyProvider(rotateRootKey(generateKeyring()));
    const wrapped = await newer.wrapKey(new Uint8Array(32), CONTEXT);
    const error = await unwrapFailure(new KeyringKeyProvider(generateKeyring()).unwrapKey(wrapped, CONTEXT));
    expect(error.reason).toBe('version_unknown');
  });
});
