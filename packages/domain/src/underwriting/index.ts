export {
  INDUSTRY_SECTIONS,
  INDUSTRY_SECTION_CODES,
  isIndustrySection,
  type IndustrySection,
} from './industry.js';
export {
  SECURITY_CONTROLS,
  SECURITY_CONTROL_IDS,
  isSecurityControlId,
  type SecurityControlId,
} from './security-controls.js';
export {
  assertRiskProfileValid,
  totalRecordsHeld,
  type RiskProfile,
  type ControlAnswer,
  type RecordsHeld,
} from './risk-profile.js';
export {
  ProductFileSchema,
  parseProduct,
  CatalogueFileError,
  COVERAGE_SECTION_IDS,
  type CoverageSectionId,
  type Product,
  type CoverageSection,
  type Contingency,
  type UnderwritingRule,
  type RuleCondition,
} from './product.js';
export { RatePlanFileSchema, parseRatePlan, type RatePlan, type SourcedValue } from './rate-plan.js';
export { createProductCatalogue, type ProductCatalogue } from './product-catalogue.js';
export {
  resolveCoverage,
  type CoverageSelection,
  type CoverageChoice,
  type SectionSelection,
} from './coverage-selection.js';
export {
  buildLossModel,
  controlAnswerCode,
  type ControlAnswerCode,
  type LossModel,
  type LossLine,
  type RiskFactor,
  type RiskFactorId,
  type RiskFactorSource,
} from './risk-model.js';
export { toSimulationSpec } from './loss-simulation.js';
export { scoreRisk, type RiskScore, type ScoreContribution } from './risk-score.js';
export { priceCover, type PremiumBreakdown } from './premium.js';
export { evaluateRules, type RuleDecision, type TriggeredRule } from './underwriting-rules.js';
export { createLossSimulator, type LossSimulator } from './loss-simulator.js';
export { seedFromInput, canonicalJson } from './assessment-seed.js';
export {
  assessRisk,
  type Assessment,
  type AssessmentRequest,
  type LossDistribution,
  type PerilLine,
  type UnderwritingServices,
} from './assess-risk.js';
export {
  controlWhatIf,
  type ControlWhatIf,
  type ControlOption,
  type PricedVariant,
} from './control-what-if.js';
export {
  QUOTE_STATUSES,
  QUOTE_ACTIONS,
  QUOTE_TRANSITIONS,
  SUBMISSION_STATUSES,
  nextQuoteStatus,
  isQuoteTransitionAllowed,
  isQuoteFinal,
  type QuoteStatus,
  type QuoteAction,
  type SubmissionStatus,
} from './quote-lifecycle.js';
export {
  POLICY_TRANSACTION_KINDS,
  type Submission,
  type SubmissionListFilter,
  type SubmissionListing,
  type Quote,
  type QuoteEvent,
  type QuoteContingency,
  type Policy,
  type PolicyContingency,
  type PolicyTransaction,
  type PolicyTransactionKind,
} from './underwriting-records.js';
export type { UnderwritingRepository } from './underwriting-repository.js';
export type { LifecycleServices } from './underwriting-services.js';
export {
  createSubmission,
  getSubmission,
  listSubmissions,
  updateSubmissionProfile,
  submitSubmission,
  type NewSubmission,
} from './submission-use-cases.js';
export {
  quoteSubmission,
  getQuote,
  listSubmissionQuotes,
  decideReferral,
  expireQuoteIfDue,
  requestBind,
  withdrawBindRequest,
  satisfyContingency,
  bindQuote,
  MAX_QUOTE_OPTIONS,
  type QuoteRequest,
  type QuoteWithHistory,
} from './quote-use-cases.js';
export { issuePolicy, getPolicy, listPolicies, addMonths, type IssuedPolicy } from './policy-use-cases.js';
export { catalogueJsonSchemas } from './catalogue-json-schemas.js';
