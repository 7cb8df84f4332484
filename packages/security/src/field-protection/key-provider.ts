/**
 * A key wrapped under a root key version. `ciphertext` is opaque to callers: its format belongs to the
 * provider that made it and carries its own version prefix.
 */
export interface WrappedKey {
  readonly keyVersion: number;
  readonly ciphertext: string;
}

/**
 * The root of the key hierarchy as a port: it wraps and unwraps the tenant key-encryption keys and never
 * hands out its own keys. `KeyringKeyProvider` implements it over a keyring file (embedded and development
 * profiles); a production deployment implements it over a KMS.
 *
 * Mapping to HashiCorp Vault's transit engine (one named key, e.g. `carapace-root`):
 * - `wrapKey` → `POST transit/encrypt/carapace-root` with `plaintext` = base64 of the key and `context` =
 *   base64 of `context` on a key created with `derived=true` (the context then selects a derived key, which
 *   binds the wrap to it as our AAD does), or as `associated_data` where the Vault version supports it.
 *   Vault answers `vault:v<N>:…`: store it as `{ keyVersion: N, ciphertext: 'vault:vN:…' }`.
 * - `unwrapKey` → `POST transit/decrypt/carapace-root` with the same `context`; Vault itself refuses
 *   versions below the key's `min_decryption_version`.
 * - `rewrapKey` → `POST transit/rewrap/carapace-root`: re-encrypts to the latest version inside Vault, so
 *   the plaintext key never reaches the caller.
 * - `currentVersion` → `GET transit/keys/carapace-root`, field `latest_version`.
 * - Rotation and retirement are Vault's `rotate` and `config` (`min_decryption_version`) endpoints, run by
 *   an operator, not by this port.
 */
export interface KeyProvider {
  /** Wraps `plaintextKey` under the current root version, bound to `context`. */
  wrapKey(plaintextKey: Uint8Array, context: string): Promise<WrappedKey>;
  /**
   * Unwraps a key wrapped with the same `context`.
   * @throws KeyUnwrapError if the version is retired or unknown, or the wrap does not authenticate.
   */
  unwrapKey(wrapped: WrappedKey, context: string): Promise<Uint8Array>;
  /**
   * Re-wraps under the current root version (Vault `rewrap`). Wraps already at the current version are
   * wrapped again with a fresh nonce.
   * @throws KeyUnwrapError as `unwrapKey`.
   */
  rewrapKey(wrapped: WrappedKey, context: string): Promise<WrappedKey>;
  /** The root version that `wrapKey` uses now. Asynchronous because a KMS has to be asked. */
  currentVersion(): Promise<number>;
}

/** Why a wrapped key could not be unwrapped. Stable values: callers and alerts branch on them. */
export type KeyUnwrapFailure = 'version_retired' | 'version_unknown' | 'format' | 'authentication_failed';

/**
 * A wrapped key that cannot be unwrapped. The message says what to do and contains no key material.
 */
export class KeyUnwrapError extends Error {
  override readonly name = 'KeyUnwrapError';

  constructor(
    readonly reason: KeyUnwrapFailure,
    message: string,
  ) {
    super(message);
  }
}
