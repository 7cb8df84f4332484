import type { UnitOfWork } from '../platform/unit-of-work.js';
import type { PersonalDataProtection } from './personal-data-protection.js';

/** What the privacy use cases need: storage scoped to the caller, the field protection, a clock. */
export interface PrivacyServices {
  readonly unitOfWork: UnitOfWork;
  readonly protection: PersonalDataProtection;
  readonly now: () => Date;
}

/** A list of more data subjects than this in one page is a bulk query and needs an approval (REQ-ACL-2). */
export const BULK_QUERY_THRESHOLD = 50;
