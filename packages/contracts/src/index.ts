export { Problem, InvalidParam, PROBLEM_CONTENT_TYPE } from './problem.js';
export { Liveness, Readiness, DatabaseReadiness, MigrationReadiness } from './health.js';
export {
  Organisation,
  OrganisationKind,
  OrganisationPage,
  OrganisationListQuery,
  OrganisationIdParams,
  CreateOrganisationRequest,
} from './organisations.js';
export * from './underwriting.js';
export * from './identity.js';
export * from './privacy.js';
export * from './monitoring.js';
