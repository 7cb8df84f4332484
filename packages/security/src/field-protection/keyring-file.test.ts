import { mkdtemp, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { generateKeyring, KeyringError, serialiseKeyring } from './keyring.js';
import { loadKeyringFile, loadOrCreateKeyringFile, writeKeyringFile } from './keyring-file.js';

describe('keyring file', () => {
  let directory: string;

  beforeEach(async () => {
    directory = await mkdtemp(join(tmpdir(), 'carapace-keyring-'));
  });

  afterEach(async () => {
    await rm(directory, { recursive: true, force: true });
  });

  it('writes with mode 0600 and loads the same keyring', async () => {
    const path = join(directory, 'keys', 'keyring.json');
    const keyring = generateKeyring();
    await writeKeyringFile(path, keyring);
    expect((await stat(path)).mode & 0o777).toBe(0o600);
    expect(serialiseKeyring(await loadKeyringFile(path))).toBe(serialiseKeyring(keyring));
  });

  it('replaces an existing file whole and leaves no temporary file', async () => {
    const path = join(directory, 'keyring.json');
    await writeKeyringFile(path, generateKeyring());
    const replacement = generateKeyring();
    await writeKeyringFile(path, replacement);
    expect(await readFile(path, 'utf8')).toBe(serialiseKeyring(replacement));
    expect(await readdir(directory)).toEqual(['keyring.json']);
  });

  it('creates a keyring once and loads it afterwards', async () => {
    const path = join(directory, 'keyring.json');
    const first = await loadOrCreateKeyringFile(path);
    const second = await loadOrCreateKeyringFile(path);
    expect(first.created).toBe(true);
    expect(second.created).toBe(false);
    expect(serialiseKeyring(second.keyring)).toBe(serialiseKeyring(first.keyring));
  });

  it('gives every concurrent creator the same keyring', async () => {
    const path = join(directory, 'keyring.json');
    const results = await Promise.all([1, 2, 3, 4].map(() => loadOrCreateKeyringFile(path)));
    expect(results.filter((result) => result.created)).toHaveLength(1);
    expect(new Set(results.map((result) => serialiseKeyring(result.keyring))).size).toBe(1);
  });

  it('never replaces an invalid file, and names the file and field', async () => {
    const path = join(directory, 'keyring.json');
    await writeFile(path, '{"format":"carapace-keyring/2"}');
    await expect(loadOrCreateKeyringFile(path)).rejects.toThrow(KeyringError);
    await expect(loadKeyringFile(path)).rejects.toThrow(`${path}: keyring field "format"`);
    expect(await readFile(path, 'utf8')).toBe('{"format":"carapace-keyring/2"}');
  });

  it('reports a missing file as an operator can act on it', async () => {
    await expect(loadKeyringFile(join(directory, 'absent.json'))).rejects.toThrow(
      /does not exist; check the keyring path/,
    );
  });
});
