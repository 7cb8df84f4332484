import type { AffectedRange } from '../advisory.js';

/**
 * The version-range converters the legacy adapters need, injected so that the adapters stay independent of
 * how each legacy syntax is read (`../versions/` implements them). Each converter throws on text it cannot
 * read; the adapter then rejects that one record and goes on with the feed.
 */
export interface RangeConverters {
  /** A node-semver range (`<1.2.3 || >=2.0.0 <2.1.0`), as the Node.js security WG writes `vulnerable_versions`. */
  readonly nodeSemver: (range: string) => readonly AffectedRange[];
  /** RustSec's `patched` and `unaffected` requirement lists (`>= 0.9.1`, `^0.10.4`). */
  readonly rustsec: (patched: readonly string[], unaffected: readonly string[]) => readonly AffectedRange[];
  /** victims-cve-db's `version` list (`<=2.0.11.2,2.0`: up to that version within the 2.0 series). */
  readonly victims: (version: readonly string[]) => readonly AffectedRange[];
}
