export { InventoryRejectedError } from './inventory-rejected-error.js';
export { packageUrlIdentity, pep503Name, type PackageUrlIdentity } from './package-url-identity.js';
export {
  CYCLONEDX_SPEC_VERSIONS,
  readCycloneDxSbom,
  type CycloneDxInventory,
  type CycloneDxMetadata,
  type CycloneDxSpecVersion,
  type CycloneDxTool,
} from './cyclonedx-sbom.js';
export { readAssetListCsv, readAssetListJson } from './asset-list.js';
