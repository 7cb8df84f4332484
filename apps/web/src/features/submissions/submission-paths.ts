import type { Session } from '../../api/session-store';
import type { RoleCode } from '../../app/page-routes';

export const SUBMISSION_PATHS = {
  list: '/submissions',
  new: '/submissions/new',
  detail: '/submissions/:submissionId',
  /** The assessment and quotes of a submitted submission: the underwriting feature's page. */
  assessment: '/submissions/:submissionId/assessment',
} as const;

/** Who may read submissions (the API's submission.read). */
export const SUBMISSION_READERS: readonly RoleCode[] = [
  'underwriter',
  'actuary',
  'claims_handler',
  'compliance_officer',
  'broker',
  'policyholder',
];

/** Who may draft, correct and submit one (submission.create, .update, .submit). */
export const SUBMISSION_APPLICANTS: readonly RoleCode[] = ['underwriter', 'broker', 'policyholder'];

export function canApply(session: Session): boolean {
  return SUBMISSION_APPLICANTS.some((role) => session.roles.includes(role));
}
