// Tests read the shared public data sets beside the repository; the domain's production code never does I/O.
// eslint-disable-next-line no-restricted-imports -- test support only: reads the shared read-only data
import { createReadStream, readFileSync } from 'node:fs';

/** /work/shared/data when the repository is /work/<checkout>: seven levels up from this folder. */
const SHARED_DATA = new URL('../../../../../../../shared/data/', import.meta.url);

/** A file of the shared data, e.g. `osv/go_vulndb.jsonl`. */
export function sharedDataUrl(relativePath: string): URL {
  return new URL(relativePath, SHARED_DATA);
}

export function readSharedText(relativePath: string): string {
  return readFileSync(sharedDataUrl(relativePath), 'utf8');
}

export function readSharedJson(relativePath: string): unknown {
  return JSON.parse(readSharedText(relativePath)) as unknown;
}

/** The file as UTF-8 text chunks of `chunkBytes`, the way a reader meets a downloaded feed. */
export function streamSharedText(relativePath: string, chunkBytes = 64 * 1024): AsyncIterable<string> {
  return createReadStream(sharedDataUrl(relativePath), { encoding: 'utf8', highWaterMark: chunkBytes });
}
