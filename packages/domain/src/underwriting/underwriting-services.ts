import type { UnitOfWork } from '../platform/unit-of-work.js';
import type { UnderwritingServices } from './assess-risk.js';

/** What the lifecycle use cases need: storage, the catalogue and simulator, and a clock (tests pin it). */
export interface LifecycleServices extends UnderwritingServices {
  readonly unitOfWork: UnitOfWork;
  readonly now: () => Date;
}
