/** The underwriting pages' addresses, shared by the routes and the links between the pages. */
export const ASSESSMENT_PATTERN = '/submissions/:submissionId/assessment';
export const QUOTE_PATTERN = '/quotes/:quoteId';
export const POLICIES_PATH = '/policies';
export const POLICY_PATTERN = '/policies/:policyId';
