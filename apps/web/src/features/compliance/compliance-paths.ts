export const COMPLIANCE_PREFIX = '/compliance';
export const ACCESS_REQUESTS_PATH = '/compliance/access-requests';
export const AUDIT_LOG_PATH = '/compliance/audit-log';
export const USERS_PATH = '/compliance/users';
