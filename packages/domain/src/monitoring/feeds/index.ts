export type { RangeConverters } from './range-converters.js';
export type { AdvisoryRecordResult } from './advisory-record-result.js';
export { readJsonRecords, type JsonLayout, type JsonRecordItem } from './json-record-stream.js';
export { advisoryFromOsvRecord } from './osv-advisory.js';
export { advisoryFromNodejsSecurityWgRecord } from './nodejs-security-wg-advisory.js';
export { advisoryFromVictimsRecord } from './victims-advisory.js';
export {
  ADVISORY_RECORD_FORMATS,
  collectAdvisoryFeed,
  describeAdvisoryRejection,
  detectAdvisoryRecordFormat,
  readAdvisoryFeed,
  readAdvisoryRecord,
  type AdvisoryFeedContents,
  type AdvisoryFeedItem,
  type AdvisoryFeedOptions,
  type AdvisoryFeedRejection,
  type AdvisoryFeedSummary,
  type AdvisoryRecordFormat,
} from './advisory-feed.js';
export { FeedFormatError } from './feed-format-error.js';
export { isoInstantFromFeedDate } from './feed-dates.js';
export { isCveId, compareCveIds } from './cve-id.js';
export { readKevCatalogue, type KevCatalogue, type KevRejection } from './kev-catalogue.js';
export {
  collectEpssCsv,
  readEpssCsv,
  type EpssCsvEvent,
  type EpssFileContents,
  type EpssFileHeader,
  type EpssRejection,
} from './epss-csv.js';
export { aliasKeyChanges, groupAliases, type AliasGrouping, type AliasKeyChange } from './alias-groups.js';
export {
  assetComponentKey,
  normaliseNameText,
  normaliseProductName,
  normaliseVendorName,
  productNameVariants,
  vendorNameVariants,
} from './vendor-product-names.js';
export { buildKevAssetIndex, kevEntriesForAsset, type KevAssetIndex } from './kev-asset-index.js';
