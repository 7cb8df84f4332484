// eslint-disable-next-line no-restricted-imports -- test support only: runs the wasm build and reads its files
import { spawnSync } from 'node:child_process';
// eslint-disable-next-line no-restricted-imports -- test support only: runs the wasm build and reads its files
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const PACKAGE_DIRECTORY = join(import.meta.dirname, '..', '..', '..');
const BUILD_SCRIPT = join(PACKAGE_DIRECTORY, 'scripts', 'build-wasm.mjs');
const WASM_FILE = join('wasm', 'poisson-lognormal-kernel.wasm');
const BYTES_MODULE = join('src', 'simulation', 'poisson-lognormal-kernel-wasm-bytes.ts');

export interface WasmBuildFiles {
  readonly wasm: Buffer;
  readonly bytesModule: string;
}

/** The committed module and its base64 twin. */
export function committedWasmBuild(): WasmBuildFiles {
  return {
    wasm: readFileSync(join(PACKAGE_DIRECTORY, WASM_FILE)),
    bytesModule: readFileSync(join(PACKAGE_DIRECTORY, BYTES_MODULE), 'utf8'),
  };
}

/** The first line of `clang --version`, or null where clang is not installed. */
export function installedClangVersion(): string | null {
  const result = spawnSync('clang', ['--version'], { encoding: 'utf8' });
  if (result.error !== undefined || result.status !== 0) return null;
  return result.stdout.split('\n')[0]?.trim() ?? null;
}

/** Runs scripts/build-wasm.mjs into a scratch directory and returns what it wrote. */
export function freshWasmBuild(): WasmBuildFiles {
  const scratch = mkdtempSync(join(tmpdir(), 'carapace-wasm-check-'));
  try {
    const result = spawnSync(process.execPath, [BUILD_SCRIPT, '--out-dir', scratch], { encoding: 'utf8' });
    if (result.status !== 0) throw new Error(`build-wasm.mjs failed:\n${result.stderr}`);
    return {
      wasm: readFileSync(join(scratch, WASM_FILE)),
      bytesModule: readFileSync(join(scratch, BYTES_MODULE), 'utf8'),
    };
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
}
