import { randomBytes } from 'node:crypto';
import { closeSync, openSync, readFileSync, renameSync, rmSync, writeSync } from 'node:fs';

/** The data directory is open in another process, or its lock cannot be taken. */
export class DataDirectoryLockedError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'DataDirectoryLockedError';
  }
}

function errorCode(error: unknown): string | undefined {
  return (error as NodeJS.ErrnoException).code;
}

function tryCreate(lockPath: string, content: string): boolean {
  let descriptor: number;
  try {
    descriptor = openSync(lockPath, 'wx');
  } catch (error) {
    if (errorCode(error) === 'EEXIST') return false;
    throw error;
  }
  try {
    writeSync(descriptor, content);
  } finally {
    closeSync(descriptor);
  }
  return true;
}

function readOrUndefined(path: string): string | undefined {
  try {
    return readFileSync(path, 'utf8');
  } catch (error) {
    if (errorCode(error) === 'ENOENT') return undefined;
    throw error;
  }
}

function isProcessAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return errorCode(error) === 'EPERM';
  }
}

/**
 * PGlite is one PostgreSQL backend inside this process: two processes opening the same data directory
 * would corrupt it. A lock file beside the directory (not inside: initdb wants the directory to itself)
 * makes the second process fail with a clear message instead.
 *
 * The lock is created with O_EXCL. A stale lock (its process is gone) is taken over by renaming it to a
 * unique name — only one contender's rename can succeed — and checking that what was moved is the stale
 * lock that was judged; a fresh lock moved by mistake is put back.
 *
 * Returns the release function; it removes the lock only while the lock is still this process's own.
 */
export function acquireDataDirectoryLock(dataDir: string): () => void {
  const lockPath = `${dataDir}.lock`;
  const ownContent = `${String(process.pid)} ${randomBytes(8).toString('hex')}\n`;
  const release = (): void => {
    if (readOrUndefined(lockPath) === ownContent) rmSync(lockPath, { force: true });
  };
  for (let attempt = 0; attempt < 5; attempt += 1) {
    if (tryCreate(lockPath, ownContent)) return release;
    const judged = readOrUndefined(lockPath);
    if (judged === undefined) continue;
    const holder = Number.parseInt(judged, 10);
    if (Number.isSafeInteger(holder) && holder > 0 && isProcessAlive(holder)) {
      throw new DataDirectoryLockedError(
        `data directory ${dataDir} is in use by another Carapace process (pid ${String(holder)}); stop it, ` +
          `or delete ${lockPath} if no Carapace process is running`,
      );
    }
    const claimed = `${lockPath}.stale-${randomBytes(6).toString('hex')}`;
    try {
      renameSync(lockPath, claimed);
    } catch (error) {
      if (errorCode(error) === 'ENOENT') continue;
      throw error;
    }
    const moved = readOrUndefined(claimed);
    rmSync(claimed, { force: true });
    if (moved !== undefined && moved !== judged) {
      // Another process locked the directory between our read and our rename: give its lock back.
      tryCreate(lockPath, moved);
    }
  }
  throw new DataDirectoryLockedError(
    `cannot lock data directory ${dataDir}: ${lockPath} keeps changing hands`,
  );
}
