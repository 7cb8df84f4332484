import { NotFoundError, RuleViolationError } from '../shared/domain-error.js';
import type { Repositories } from '../platform/unit-of-work.js';
import { resolvePricingContext } from './assess-risk.js';
import type { RiskProfile } from './risk-profile.js';
import type { Submission, SubmissionListFilter, SubmissionListing } from './underwriting-records.js';
import type { LifecycleServices } from './underwriting-services.js';

/**
 * Submission use cases: a company (or its broker) drafts an application for a product, may correct it while
 * it is a draft, and submits it for quoting. Submitted profiles are frozen: quotes are priced from them.
 */

export interface NewSubmission {
  readonly organisationId: string;
  /** The insurer asked to underwrite; its tenant owns the submission and everything priced from it. */
  readonly insurerId: string;
  /** The broker placing the risk, if one does. */
  readonly brokerId?: string | null;
  readonly productId: string;
  readonly productVersion?: string;
  readonly profile: RiskProfile;
}

export async function requireSubmission(
  repositories: Repositories,
  id: string,
  forUpdate = false,
): Promise<Submission> {
  const submission = await repositories.underwriting.findSubmission(id, { forUpdate });
  if (submission === undefined) throw new NotFoundError('submission_not_found', `no submission ${id}`);
  return submission;
}

async function requireOrganisationOfKind(
  repositories: Repositories,
  id: string,
  kind: 'insurer' | 'broker',
  field: string,
): Promise<void> {
  const organisation = await repositories.organisations.findById(id);
  if (organisation === undefined) throw new NotFoundError('organisation_not_found', `no organisation ${id}`);
  if (organisation.kind !== kind) {
    throw new RuleViolationError(
      'tenant_invalid',
      `${field} must name a ${kind}; ${organisation.nameZh} is registered as a ${organisation.kind}`,
      field,
    );
  }
}

export async function createSubmission(
  services: LifecycleServices,
  request: NewSubmission,
): Promise<Submission> {
  // Validates the profile and finds the product version now, so a draft never names a product that is not there.
  const { product } = resolvePricingContext(services.catalogue, {
    productId: request.productId,
    ...(request.productVersion === undefined ? {} : { productVersion: request.productVersion }),
    profile: request.profile,
  });
  return services.unitOfWork.run(async (repositories) => {
    const organisation = await repositories.organisations.findById(request.organisationId);
    if (organisation === undefined) {
      throw new NotFoundError('organisation_not_found', `no organisation ${request.organisationId}`);
    }
    if (organisation.kind !== 'insured') {
      throw new RuleViolationError(
        'organisation_not_insured',
        `a submission is made for an insured company; ${organisation.nameZh} is registered as a ${organisation.kind}`,
        'organisationId',
      );
    }
    await requireOrganisationOfKind(repositories, request.insurerId, 'insurer', 'insurerId');
    const brokerId = request.brokerId ?? null;
    if (brokerId !== null) await requireOrganisationOfKind(repositories, brokerId, 'broker', 'brokerId');
    return repositories.underwriting.insertSubmission({
      organisationId: organisation.id,
      insurerId: request.insurerId,
      brokerId,
      productId: product.id,
      productVersion: product.version,
      status: 'draft',
      profile: request.profile,
      submittedAt: null,
    });
  });
}

export async function getSubmission(
  services: Pick<LifecycleServices, 'unitOfWork'>,
  id: string,
): Promise<Submission> {
  return services.unitOfWork.run((repositories) => requireSubmission(repositories, id));
}

/**
 * The submissions the caller's tenant takes part in (as insurer, insured company or broker), newest first:
 * an underwriter's queue, or a broker's or a company's own applications.
 */
export async function listSubmissions(
  services: Pick<LifecycleServices, 'unitOfWork'>,
  filter: SubmissionListFilter,
): Promise<{ readonly items: SubmissionListing[]; readonly total: number }> {
  return services.unitOfWork.run((repositories) => repositories.underwriting.listSubmissions(filter));
}

function requireDraft(submission: Submission, step: string): void {
  if (submission.status !== 'draft') {
    throw new RuleViolationError(
      'transition_not_allowed',
      `cannot ${step} a submission that is ${submission.status} (only a draft)`,
      'status',
    );
  }
}

export async function updateSubmissionProfile(
  services: LifecycleServices,
  id: string,
  profile: RiskProfile,
): Promise<Submission> {
  return services.unitOfWork.run(async (repositories) => {
    const submission = await requireSubmission(repositories, id, true);
    requireDraft(submission, 'change');
    resolvePricingContext(services.catalogue, {
      productId: submission.productId,
      productVersion: submission.productVersion,
      profile,
    });
    return repositories.underwriting.updateSubmission(id, {
      profile,
      status: 'draft',
      submittedAt: null,
    });
  });
}

export async function submitSubmission(services: LifecycleServices, id: string): Promise<Submission> {
  return services.unitOfWork.run(async (repositories) => {
    const submission = await requireSubmission(repositories, id, true);
    requireDraft(submission, 'submit');
    return repositories.underwriting.updateSubmission(id, {
      profile: submission.profile,
      status: 'submitted',
      submittedAt: services.now(),
    });
  });
}
