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
export {
  seedDemoMonitoring,
  type SeedDemoMonitoringOutcome,
  type SeedDemoMonitoringServices,
} from './demo/seed-demo-monitoring.js';
export type { LocalisedText, Language } from './shared/localised-text.js';
export { LANGUAGES } from './shared/localised-text.js';
export { moneyToMajorUnits, moneyFromMajorUnits } from './shared/money.js';
export * from './underwriting/index.js';
export { ForbiddenError, AuthenticationError } from './shared/domain-error.js';
export { ROLES, ROLE_TENANT_KIND, isRole, rolesForTenantKind, type Role } from './identity/roles.js';
export {
  actorId,
  systemContext,
  type AccessContext,
  type Actor,
  type SystemActor,
  type UserActor,
} from './identity/actor.js';
export { isPermitted, requirePermission, type AccessRules } from './identity/access-rules.js';
export {
  DATA_ACCESS_ACTIONS,
  DECISION_STATUSES,
  USER_STATUSES,
  normaliseEmail,
  type ApiToken,
  type DataAccessAction,
  type DataAccessRequest,
  type DecisionStatus,
  type PermissionGrantRequest,
  type RoleAssignment,
  type Session,
  type User,
  type UserCredentials,
  type UserStatus,
} from './identity/user.js';
export {
  rolesInForce,
  type IdentityRepository,
  type InsertUserResult,
  type SessionAccount,
} from './identity/identity-repository.js';
export {
  LOCKOUT_MINUTES,
  MAX_FAILED_SIGN_INS,
  SESSION_HOURS,
  type IdentityServices,
} from './identity/identity-services.js';
export { signIn, type SignedIn } from './identity/sign-in.js';
export { actorForApiToken, actorForSession } from './identity/authenticate.js';
export {
  createAccount,
  listAccounts,
  signOut,
  type AccountWithRoles,
  type NewAccount,
} from './identity/account-use-cases.js';
export {
  API_TOKEN_MAX_DAYS,
  issueApiToken,
  listApiTokens,
  revokeApiToken,
} from './identity/api-token-use-cases.js';
export {
  MAX_GRANT_HOURS,
  decidePermissionGrant,
  listPermissionGrantRequests,
  requestPermissionGrant,
} from './identity/permission-grant-use-cases.js';
export {
  APPROVAL_VALIDITY_HOURS,
  decideDataAccess,
  listDataAccessRequests,
  requestDataAccess,
  requireApproval,
} from './identity/data-access-use-cases.js';
export {
  IDENTITY_ACCESS_RULES,
  IDENTITY_ACTIONS,
  type IdentityAction,
} from './identity/identity-access-rules.js';
export {
  UNDERWRITING_ACCESS_RULES,
  UNDERWRITING_ACTIONS,
  type UnderwritingAction,
} from './underwriting/underwriting-access-rules.js';
export {
  ORGANISATION_ACCESS_RULES,
  ORGANISATION_ACTIONS,
  type OrganisationAction,
} from './organisations/organisation-access-rules.js';
export {
  AUDIT_RESULTS,
  type AuditEntry,
  type AuditQuery,
  type AuditRecord,
  type AuditResult,
  type AuditTrail,
} from './audit/audit-trail.js';
export type { UnitOfWorkFactory } from './platform/unit-of-work.js';
export {
  DEMO_ACCOUNTS,
  DEMO_PASSWORD,
  seedDemoAccounts,
  type DemoAccount,
  type SeedDemoAccountsOutcome,
} from './demo/seed-demo-accounts.js';
export { DEMO_INSURER_CREDIT_CODE } from './demo/demo-organisations.js';
export * from './privacy/index.js';
export * from './monitoring/index.js';
