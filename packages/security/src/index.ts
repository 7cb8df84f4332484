export { Redacted } from './redacted.js';
export {
  generateKeyring,
  KEYRING_FORMAT,
  KeyringError,
  parseKeyring,
  retireRootKeysBefore,
  rotateRootKey,
  serialiseKeyring,
  type Keyring,
  type RootKeys,
} from './field-protection/keyring.js';
export {
  loadKeyringFile,
  loadOrCreateKeyringFile,
  writeKeyringFile,
} from './field-protection/keyring-file.js';
export {
  KeyUnwrapError,
  type KeyProvider,
  type KeyUnwrapFailure,
  type WrappedKey,
} from './field-protection/key-provider.js';
export { KeyringKeyProvider } from './field-protection/keyring-key-provider.js';
