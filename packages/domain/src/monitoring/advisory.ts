/**
 * The vulnerability advisory as Carapace holds it: the OSV schema's shape (https://ossf.github.io/osv-schema/),
 * narrowed to what matching, triage and alerting read. Legacy feeds (Node.js security WG, victims, RustSec's
 * requirement strings) are converted into this shape by adapters, so the matcher knows one model only.
 */

/** Package ecosystems we match, spelt as OSV spells them. */
export const ECOSYSTEMS = ['npm', 'PyPI', 'Maven', 'Go', 'crates.io'] as const;
export type Ecosystem = (typeof ECOSYSTEMS)[number];

export function isEcosystem(value: string): value is Ecosystem {
  return (ECOSYSTEMS as readonly string[]).includes(value);
}

/** Where an advisory came from (one importer each). */
export const ADVISORY_SOURCES = ['osv', 'nodejs-security-wg', 'victims'] as const;
export type AdvisorySource = (typeof ADVISORY_SOURCES)[number];

/**
 * One OSV range event. `introduced` is inclusive; `fixed` and `limit` exclusive; `last_affected` inclusive.
 * Version "0" as `introduced` means "from the first version".
 */
export type RangeEvent =
  | { readonly introduced: string }
  | { readonly fixed: string }
  | { readonly lastAffected: string }
  | { readonly limit: string };

/**
 * SEMVER: versions compare as SemVer 2.0 (Go's and crates' versions are SemVer with their own prefixes);
 * ECOSYSTEM: versions compare by the ecosystem's own ordering; GIT: commit hashes (never matched by version).
 */
export interface AffectedRange {
  readonly type: 'SEMVER' | 'ECOSYSTEM' | 'GIT';
  readonly events: readonly RangeEvent[];
}

export interface AffectedPackage {
  readonly ecosystem: Ecosystem;
  /** The package name as the ecosystem spells it: `@scope/name` (npm), `group:artifact` (Maven), module path (Go). */
  readonly name: string;
  readonly ranges: readonly AffectedRange[];
  /** Explicitly listed affected versions (OSV `versions`), matched by the ecosystem's equality. */
  readonly versions: readonly string[];
}

export type CvssVersion = 'CVSS_V2' | 'CVSS_V3' | 'CVSS_V4';

export interface SeverityVector {
  readonly type: CvssVersion;
  /** The vector string, e.g. `CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H` (v2 vectors have no prefix). */
  readonly vector: string;
}

export interface Advisory {
  /** The source's own id: GHSA-…, PYSEC-…, GO-…, RUSTSEC-…, NSWG-ECO-…, or the CVE id for victims. */
  readonly id: string;
  readonly source: AdvisorySource;
  /** Other ids for the same vulnerability (CVE, GHSA, …), without `id` itself. */
  readonly aliases: readonly string[];
  readonly summary: string;
  readonly details: string;
  /** ISO-8601 instants (a date alone is read as midnight UTC); undefined when the source has none. */
  readonly published: string | undefined;
  readonly modified: string | undefined;
  /** When the source withdrew the advisory; a withdrawn advisory never raises a new finding. */
  readonly withdrawn: string | undefined;
  readonly affected: readonly AffectedPackage[];
  readonly severity: readonly SeverityVector[];
  readonly references: readonly string[];
}

/** An entry of CISA's Known Exploited Vulnerabilities catalogue. */
export interface KevEntry {
  readonly cveId: string;
  readonly vendorProject: string;
  readonly product: string;
  readonly vulnerabilityName: string;
  /** ISO date (YYYY-MM-DD). */
  readonly dateAdded: string;
  readonly dueDate: string | undefined;
  readonly shortDescription: string;
  /** CISA's `knownRansomwareCampaignUse` is "Known" for these. */
  readonly knownRansomwareUse: boolean;
  readonly cwes: readonly string[];
}

/** A FIRST EPSS score: the modelled probability of exploitation activity in the next 30 days. */
export interface EpssScore {
  readonly cveId: string;
  /** 0..1 */
  readonly probability: number;
  /** 0..1: the share of scored CVEs with a lower score. */
  readonly percentile: number;
}

/** One software component of an insured's inventory: from a CycloneDX SBOM (with a purl) or an asset list. */
export interface InventoryComponent {
  /** Stable identity across inventory versions: the purl without version/qualifiers, or `asset:vendor/product`. */
  readonly componentKey: string;
  readonly name: string;
  readonly version: string | undefined;
  /** The full purl when the component has one. */
  readonly purl: string | undefined;
  /** The ecosystem the purl type maps to; undefined for purl types we do not match and for plain assets. */
  readonly ecosystem: Ecosystem | undefined;
  /** The name as advisories spell it in that ecosystem (`@scope/name`, `group:artifact`, module path). */
  readonly packageName: string | undefined;
  /** For assets without a purl: the vendor and product as given (matched against KEV after normalisation). */
  readonly vendor: string | undefined;
  readonly product: string | undefined;
  /** The SBOM's bom-ref, to name a bad component in an error. */
  readonly bomRef: string | undefined;
}
