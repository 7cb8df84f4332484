export {
  DomainError,
  NotFoundError,
  RuleViolationError,
  ConflictError,
  withFieldPrefix,
  DOMAIN_ERROR_CODES,
  type DomainErrorCode,
} from './shared/domain-error.js';
export {
  type Money,
  type CurrencyCode,
  DEFAULT_CURRENCY,
  money,
  moneyFromDecimal,
  addMoney,
  subtractMoney,
  allocateMoney,
  formatMoneyDecimal,
  isCurrencyCode,
  minorUnitDigits,
} from './shared/money.js';
export {
  ORGANISATION_KINDS,
  ORGANISATION_NAME_MAX_LENGTH,
  type Organisation,
  type OrganisationKind,
  type NewOrganisation,
} from './organisations/organisation.js';
export type {
  OrganisationRepository,
  OrganisationFilter,
  InsertOrganisationResult,
} from './organisations/organisation-repository.js';
export { registerOrganisation } from './organisations/register-organisation.js';
export { getOrganisation } from './organisations/get-organisation.js';
export { listOrganisations } from './organisations/list-organisations.js';
export { creditCodeCheckCharacter, isValidCreditCode } from './organisations/unified-social-credit-code.js';
export type { Repositories, UnitOfWork } from './platform/unit-of-work.js';
export {
  type PlatformSettingKey,
  type PlatformSettingsRepository,
} from './platform/platform-settings-repository.js';
export { DEMO_ORGANISATIONS } from './demo/demo-organisations.js';
export { seedDemoData, type SeedDemoDataOutcome } from './demo/seed-demo-data.js';
export { DEMO_COMPANIES, type DemoCompany } from './demo/demo-companies.js';
export { seedDemoUnderwriting, type SeedDemoUnderwritingOutcome } from './demo/seed-demo-underwriting.js';
export type { LocalisedText, Language } from './shared/localised-text.js';
export { LANGUAGES } from './shared/localised-text.js';
export { moneyToMajorUnits, moneyFromMajorUnits } from './shared/money.js';
export * from './underwriting/index.js';
