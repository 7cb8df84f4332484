import type { PersonalDataProtection } from '../privacy/personal-data-protection.js';
import type { UnderwritingServices } from '../underwriting/assess-risk.js';
import type { AdvisoryIndex } from './advisory-index.js';
import type { FeedRepository } from './feed-repository.js';

/** What monitoring use cases need besides repositories. */
export interface MonitoringServices {
  /** The matcher over the current advisories; cached by the composition root per advisories version. */
  advisoryIndex(feeds: FeedRepository): Promise<AdvisoryIndex>;
  /** Encrypts alert targets and webhook secrets under each rule's own data key. */
  readonly protection: PersonalDataProtection;
  /** Re-scores an insured mid-term with its open findings (the underwriting model). */
  readonly underwriting: UnderwritingServices;
  readonly clock: () => Date;
}
