import { decodeBase64Url, encodeBase64Url } from './base64-text.js';
import { encodeAssociatedData } from './associated-data.js';
import { openAes256Gcm, sealAes256Gcm } from './aes-256-gcm.js';
import { KeyUnwrapError, type KeyProvider, type WrappedKey } from './key-provider.js';
import type { Keyring } from './keyring.js';

/** Prefix of the wrapped-key strings this provider writes; a new layout gets a new prefix. */
const WRAP_FORMAT = 'kr1';
const WRAP_LABEL = 'carapace-root-wrap/1';

/**
 * A `KeyProvider` over the root keys of a `Keyring`, for the embedded and development profiles. Wraps are
 * AES-256-GCM under the root key version, with the version and `context` as associated data, written as
 * `kr1.<nonce>.<ciphertext>.<tag>` (unpadded base64url). The provider holds the keyring it was given: after
 * rotating or retiring, construct a new provider with the new keyring.
 */
export class KeyringKeyProvider implements KeyProvider {
  readonly #keyring: Keyring;

  constructor(keyring: Keyring) {
    this.#keyring = keyring;
  }

  wrapKey(plaintextKey: Uint8Array, context: string): Promise<WrappedKey> {
    return Promise.resolve(this.#wrap(plaintextKey, context));
  }

  unwrapKey(wrapped: WrappedKey, context: string): Promise<Uint8Array> {
    // Promise.try is not in Node 20; wrapping keeps synchronous throws inside the returned promise.
    return new Promise((resolve) => {
      resolve(this.#unwrap(wrapped, context));
    });
  }

  rewrapKey(wrapped: WrappedKey, context: string): Promise<WrappedKey> {
    return new Promise((resolve) => {
      const plaintextKey = this.#unwrap(wrapped, context);
      try {
        resolve(this.#wrap(plaintextKey, context));
      } finally {
        plaintextKey.fill(0);
      }
    });
  }

  currentVersion(): Promise<number> {
    return Promise.resolve(this.#keyring.root.currentVersion);
  }

  #wrap(plaintextKey: Uint8Array, context: string): WrappedKey {
    const keyVersion = this.#keyring.root.currentVersion;
    const rootKey = this.#keyring.root.versions.get(keyVersion);
    if (rootKey === undefined) throw new RangeError('keyring has no material for its current root version');
    const sealed = sealAes256Gcm(rootKey.reveal(), plaintextKey, associatedData(keyVersion, context));
    const parts = [sealed.nonce, sealed.ciphertext, sealed.tag].map(encodeBase64Url);
    return { keyVersion, ciphertext: [WRAP_FORMAT, ...parts].join('.') };
  }

  #unwrap(wrapped: WrappedKey, context: string): Uint8Array {
    const { keyVersion } = wrapped;
    const { minDecryptionVersion, currentVersion, versions } = this.#keyring.root;
    if (keyVersion < minDecryptionVersion) {
      throw new KeyUnwrapError(
        'version_retired',
        `root key version ${keyVersion} is retired (minimum decryption version ${minDecryptionVersion}); ` +
          'rewrap with the keyring that still holds it, or restore that keyring',
      );
    }
    const rootKey = versions.get(keyVersion);
    if (rootKey === undefined || keyVersion > currentVersion) {
      throw new KeyUnwrapError(
        'version_unknown',
        `root key version ${keyVersion} is not in this keyring (current version ${currentVersion}); ` +
          'load the keyring that wrapped the key',
      );
    }
    const [format, nonceText, ciphertextText, tagText, ...extra] = wrapped.ciphertext.split('.');
    const nonce = decodeBase64Url(nonceText ?? '');
    const ciphertext = decodeBase64Url(ciphertextText ?? '');
    const tag = decodeBase64Url(tagText ?? '');
    if (
      format !== WRAP_FORMAT ||
      extra.length > 0 ||
      nonce?.byteLength !== 12 ||
      ciphertext === null ||
      tag?.byteLength !== 16
    ) {
      throw new KeyUnwrapError('format', `wrapped key is not in the ${WRAP_FORMAT} format`);
    }
    const plaintextKey = openAes256Gcm(
      rootKey.reveal(),
      { nonce, ciphertext, tag },
      associatedData(keyVersion, context),
    );
    if (plaintextKey === null) {
      throw new KeyUnwrapError(
        'authentication_failed',
        `wrapped key does not authenticate under root key version ${keyVersion} with this context`,
      );
    }
    return plaintextKey;
  }
}

function associatedData(keyVersion: number, context: string): Uint8Array {
  return encodeAssociatedData([WRAP_LABEL, String(keyVersion), context]);
}
