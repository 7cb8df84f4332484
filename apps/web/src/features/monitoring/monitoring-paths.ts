/** The monitoring screens' addresses. */
export const MONITORING_PATH = '/monitoring';
export const INSURED_FINDINGS_PATTERN = '/monitoring/insureds/:insuredId';
export const ALERT_INBOX_PATH = '/monitoring/alerts';
