import { InventoryScanResult, Submission, SubmissionPage, type RiskProfile } from '@carapace/contracts';
import { getJson, postFile, postJson, putJson, type RequestOptions } from './http-client';

export type SubmissionRecord = ReturnType<typeof Submission.parse>;
export type SubmissionPageRecord = ReturnType<typeof SubmissionPage.parse>;
export type SubmissionListItemRecord = SubmissionPageRecord['items'][number];
export type SubmissionStatus = SubmissionRecord['status'];
/** A profile as sent: money as decimal strings, every part spelled out. */
export type RiskProfileInput = ReturnType<typeof RiskProfile.parse>;

export interface CreateSubmissionInput {
  readonly organisationId: string;
  /** Named by a broker or a company; an insurer's underwriter applies to their own insurer. */
  readonly insurerId?: string;
  readonly profile: RiskProfileInput;
}

export interface SubmissionListParams {
  readonly status?: SubmissionStatus;
  readonly organisationId?: string;
  /** By creation; the server's default is newest first. */
  readonly order?: 'newest_first' | 'oldest_first';
  readonly limit?: number;
  readonly offset?: number;
}

/** The submissions the signed-in organisation takes part in, newest first. */
export function fetchSubmissions(
  params: SubmissionListParams = {},
  options: RequestOptions = {},
): Promise<SubmissionPageRecord> {
  const query = new URLSearchParams();
  if (params.status !== undefined) query.set('status', params.status);
  if (params.organisationId !== undefined) query.set('organisationId', params.organisationId);
  if (params.order !== undefined) query.set('order', params.order);
  if (params.limit !== undefined) query.set('limit', String(params.limit));
  if (params.offset !== undefined) query.set('offset', String(params.offset));
  const search = query.toString();
  return getJson(`/api/v1/submissions${search === '' ? '' : `?${search}`}`, SubmissionPage, options);
}

const submissionPath = (id: string) => `/api/v1/submissions/${encodeURIComponent(id)}`;

export function fetchSubmission(id: string, options: RequestOptions = {}): Promise<SubmissionRecord> {
  return getJson(submissionPath(id), Submission, options);
}

/** Starts a draft; the server checks the whole profile, as it will when quoting. */
export function createSubmission(
  request: CreateSubmissionInput,
  options: RequestOptions = {},
): Promise<SubmissionRecord> {
  return postJson('/api/v1/submissions', request, Submission, options);
}

/** Replaces a draft's profile. */
export function saveSubmissionProfile(
  id: string,
  profile: RiskProfileInput,
  options: RequestOptions = {},
): Promise<SubmissionRecord> {
  return putJson(`${submissionPath(id)}/profile`, { profile }, Submission, options);
}

/** Submits a draft for quoting; its profile is frozen from then on. */
export function submitSubmission(id: string, options: RequestOptions = {}): Promise<SubmissionRecord> {
  // An empty JSON object: the API takes only JSON on a POST, even one that carries nothing.
  return postJson(`${submissionPath(id)}/submit`, {}, Submission, {
    ...options,
    successStatuses: [200],
  });
}

export type InventoryScanRecord = ReturnType<typeof InventoryScanResult.parse>;

/** The most a JSON request may carry (the API's body limit). */
export const MAX_SBOM_BYTES = 1024 * 1024;

/** Matches a CycloneDX SBOM against the vulnerability feeds; nothing is stored. */
export function scanSbom(file: Blob, options: RequestOptions = {}): Promise<InventoryScanRecord> {
  return postFile(
    '/api/v1/inventory-scans',
    { content: file, contentType: 'application/vnd.cyclonedx+json' },
    InventoryScanResult,
    { ...options, successStatuses: [200] },
  );
}
