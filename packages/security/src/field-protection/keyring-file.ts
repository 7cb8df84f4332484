import { mkdir, readFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { isErrorCode, PRIVATE_DIRECTORY_MODE, writeFileAtomically } from './atomic-file.js';
import { generateKeyring, KeyringError, parseKeyring, serialiseKeyring, type Keyring } from './keyring.js';

/**
 * Reads and validates a keyring file.
 * @throws KeyringError if the file is missing, unreadable or invalid; the message names the path and the
 * bad field, never key material.
 */
export async function loadKeyringFile(path: string): Promise<Keyring> {
  const text = await readKeyringText(path);
  if (text === null) {
    throw new KeyringError(`cannot load keyring ${path}: it does not exist; check the keyring path setting`);
  }
  return parseKeyringAt(path, text);
}

/**
 * Writes a keyring file atomically with mode 0600, replacing any existing file. A missing directory is
 * created with mode 0700; an existing one is left as it is. Keep a backup of the old file until every wrap
 * made with its root versions has been rewrapped.
 */
export async function writeKeyringFile(path: string, keyring: Keyring): Promise<void> {
  await mkdir(dirname(path), { recursive: true, mode: PRIVATE_DIRECTORY_MODE });
  await writeFileAtomically(path, serialiseKeyring(keyring));
}

/**
 * For the embedded profile: loads the keyring at `path`, or generates one and writes it there if there is
 * none. When two processes race, one file wins and both return its keyring.
 * @throws KeyringError if an existing file is unreadable or invalid (it is never replaced).
 */
export async function loadOrCreateKeyringFile(
  path: string,
): Promise<{ readonly keyring: Keyring; readonly created: boolean }> {
  const existing = await readKeyringText(path);
  if (existing !== null) return { keyring: parseKeyringAt(path, existing), created: false };
  await mkdir(dirname(path), { recursive: true, mode: PRIVATE_DIRECTORY_MODE });
  const { written } = await writeFileAtomically(path, serialiseKeyring(generateKeyring()), {
    replace: false,
  });
  return { keyring: await loadKeyringFile(path), created: written };
}

async function readKeyringText(path: string): Promise<string | null> {
  try {
    return await readFile(path, 'utf8');
  } catch (error) {
    if (isErrorCode(error, 'ENOENT')) return null;
    throw new KeyringError(`cannot load keyring ${path}: it cannot be read; check its owner and mode`);
  }
}

function parseKeyringAt(path: string, text: string): Keyring {
  try {
    return parseKeyring(text);
  } catch (error) {
    if (error instanceof KeyringError) throw new KeyringError(`${path}: ${error.message}`);
    throw error;
  }
}
