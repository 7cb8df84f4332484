// Tests read the shared advisory snapshots; the domain's production code never does I/O.
// eslint-disable-next-line no-restricted-imports -- test support only: reads the shared data snapshot
import { readFileSync } from 'node:fs';
import type { AffectedPackage, AffectedRange, Ecosystem, RangeEvent } from '../../advisory.js';

/** `/work/shared/data/osv/` seen from this file: the shared data sits beside the repository root. */
const OSV_FEEDS = new URL('../../../../../../../shared/data/osv/', import.meta.url);

export type OsvFeedFile =
  | 'npm_nodejs_security_wg.jsonl'
  | 'crates_rustsec.jsonl'
  | 'maven_victims.jsonl'
  | 'pypi_pypa.jsonl'
  | 'go_vulndb.jsonl';

/** Every record of a feed file (one JSON document per line), as parsed JSON. */
export function readFeedRecords(file: OsvFeedFile): unknown[] {
  return readFileSync(new URL(file, OSV_FEEDS), 'utf8')
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => JSON.parse(line) as unknown);
}

interface RawOsvAffected {
  readonly package: { readonly ecosystem: string; readonly name: string };
  readonly ranges?: readonly {
    readonly type: AffectedRange['type'];
    readonly events: readonly Record<string, string>[];
  }[];
  readonly versions?: readonly string[];
}

export interface RawOsvRecord {
  readonly id: string;
  readonly affected?: readonly RawOsvAffected[];
}

/** The record's affected packages of one ecosystem, in Carapace's shape (`last_affected` → `lastAffected`). */
export function affectedPackagesOf(record: RawOsvRecord, ecosystem: Ecosystem): AffectedPackage[] {
  return (record.affected ?? [])
    .filter((affected) => affected.package.ecosystem === ecosystem)
    .map((affected) => ({
      ecosystem,
      name: affected.package.name,
      ranges: (affected.ranges ?? []).map((range) => ({
        type: range.type,
        events: range.events.map(toRangeEvent),
      })),
      versions: affected.versions ?? [],
    }));
}

function toRangeEvent(event: Record<string, string>): RangeEvent {
  const [[kind, version] = ['', '']] = Object.entries(event);
  switch (kind) {
    case 'introduced':
      return { introduced: version };
    case 'fixed':
      return { fixed: version };
    case 'last_affected':
      return { lastAffected: version };
    case 'limit':
      return { limit: version };
    default:
      throw new TypeError(`unknown OSV event ${JSON.stringify(event)}`);
  }
}
