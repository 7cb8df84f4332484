import { randomBytes } from 'node:crypto';
import { link, mkdir, open, rename, unlink, chmod } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';

/** Owner read and write only: key files must not be readable by other accounts on the host. */
export const PRIVATE_FILE_MODE = 0o600;
/** Owner only: listing the directory would reveal tenant and subject ids. */
export const PRIVATE_DIRECTORY_MODE = 0o700;

/**
 * Writes `contents` to `path` so that a reader sees either the old file or the complete new one, never a
 * torn write: the bytes go to a temporary file in the same directory, are flushed to disk, and are then
 * renamed over `path` (rename is atomic within one POSIX file system). The directory is flushed too, so
 * the rename itself survives a power cut.
 *
 * With `replace: false` the file is created only if it does not exist yet (a hard link fails with `EEXIST`
 * instead of overwriting), and the result says whether this call created it.
 */
export async function writeFileAtomically(
  path: string,
  contents: string | Uint8Array,
  options: { readonly replace: boolean } = { replace: true },
): Promise<{ readonly written: boolean }> {
  const temporaryPath = join(dirname(path), `.${basename(path)}.${randomBytes(6).toString('hex')}.tmp`);
  const handle = await open(temporaryPath, 'wx', PRIVATE_FILE_MODE);
  try {
    // The mode given to open() is reduced by the umask; chmod sets it exactly.
    await handle.chmod(PRIVATE_FILE_MODE);
    await handle.writeFile(contents);
    await handle.sync();
  } finally {
    await handle.close();
  }
  try {
    if (options.replace) {
      await rename(temporaryPath, path);
    } else {
      try {
        await link(temporaryPath, path);
      } catch (error) {
        if (isErrorCode(error, 'EEXIST')) return { written: false };
        throw error;
      }
    }
  } finally {
    await unlink(temporaryPath).catch(ignoreMissingFile);
  }
  await syncDirectory(dirname(path));
  return { written: true };
}

/** Creates `path` (and missing parents) and sets it to owner-only access. */
export async function ensurePrivateDirectory(path: string): Promise<void> {
  await mkdir(path, { recursive: true, mode: PRIVATE_DIRECTORY_MODE });
  await chmod(path, PRIVATE_DIRECTORY_MODE);
}

/** True when `error` is a Node system error with the given `code` (`ENOENT`, `EEXIST`, …). */
export function isErrorCode(error: unknown, code: string): boolean {
  return error instanceof Error && (error as NodeJS.ErrnoException).code === code;
}

function ignoreMissingFile(error: unknown): void {
  if (!isErrorCode(error, 'ENOENT')) throw error;
}

async function syncDirectory(path: string): Promise<void> {
  // Some platforms cannot open a directory for fsync; the file itself is already durable there.
  const handle = await open(path, 'r').catch(() => null);
  if (handle === null) return;
  try {
    await handle.sync();
  } catch {
    // Same reason as above: best effort on platforms that refuse fsync on directories.
  } finally {
    await handle.close();
  }
}
