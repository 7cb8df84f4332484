import { OrganisationPage, type Organisation } from '@carapace/contracts';
import { getJson, type RequestOptions } from './http-client';

export interface OrganisationListParams {
  readonly kind?: Organisation['kind'];
  readonly limit?: number;
  readonly offset?: number;
}

export function fetchOrganisations(
  params: OrganisationListParams = {},
  options: RequestOptions = {},
): Promise<OrganisationPage> {
  const query = new URLSearchParams();
  if (params.kind !== undefined) query.set('kind', params.kind);
  if (params.limit !== undefined) query.set('limit', String(params.limit));
  if (params.offset !== undefined) query.set('offset', String(params.offset));
  const search = query.toString();
  return getJson(`/api/v1/organisations${search === '' ? '' : `?${search}`}`, OrganisationPage, options);
}
