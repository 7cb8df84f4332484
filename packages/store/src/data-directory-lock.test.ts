import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DataDirectoryLockedError, acquireDataDirectoryLock } from './data-directory-lock.js';

describe('data directory lock', () => {
  let directory: string;
  let dataDir: string;
  beforeEach(async () => {
    directory = await mkdtemp(join(tmpdir(), 'carapace-lock-'));
    dataDir = join(directory, 'pglite');
  });
  afterEach(async () => {
    await rm(directory, { recursive: true, force: true });
  });

  it('is taken once and released', () => {
    const release = acquireDataDirectoryLock(dataDir);
    expect(existsSync(`${dataDir}.lock`)).toBe(true);
    expect(() => acquireDataDirectoryLock(dataDir)).toThrow(DataDirectoryLockedError);
    release();
    expect(existsSync(`${dataDir}.lock`)).toBe(false);
    acquireDataDirectoryLock(dataDir)();
  });

  it('refuses while another live process holds it, naming the lock file', () => {
    const holder = spawn(process.execPath, ['-e', 'setTimeout(() => {}, 30000)'], { stdio: 'ignore' });
    try {
      writeFileSync(`${dataDir}.lock`, `${String(holder.pid)} someone-else\n`);
      expect(() => acquireDataDirectoryLock(dataDir)).toThrow(
        `in use by another Carapace process (pid ${String(holder.pid)}); stop it, or delete ${dataDir}.lock`,
      );
    } finally {
      holder.kill();
    }
  });

  it('takes over the lock of a process that is gone', () => {
    const finished = spawnSync(process.execPath, ['-e', '0']);
    expect(finished.status).toBe(0);
    writeFileSync(`${dataDir}.lock`, `${String(finished.pid)} crashed\n`);
    const release = acquireDataDirectoryLock(dataDir);
    expect(readFileSync(`${dataDir}.lock`, 'utf8')).toMatch(new RegExp(`^${String(process.pid)} `));
    release();
  });

  it('never releases a lock that is no longer its own', () => {
    const release = acquireDataDirectoryLock(dataDir);
    writeFileSync(`${dataDir}.lock`, '1 a-newer-owner\n');
    release();
    expect(readFileSync(`${dataDir}.lock`, 'utf8')).toBe('1 a-newer-owner\n');
  });
});
