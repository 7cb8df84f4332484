import {
  fetchMonitoredInsured,
  fetchMonitoredInsureds,
  fetchOrganisation,
  type MonitoredInsuredDetailData,
  type OrganisationData,
} from '../../api/monitoring';
import type { RequestOptions } from '../../api/http-client';

/** A watched insured with the company it is, for lists that show names rather than ids. */
export interface InsuredSummary {
  readonly insured: MonitoredInsuredDetailData;
  readonly organisation: OrganisationData;
}

/**
 * Every insured the reader may see, with its counts and its company. The list route has no names or counts,
 * so each insured is read once more; a tenant watches a handful, not thousands.
 */
export async function loadInsuredSummaries(options: RequestOptions): Promise<readonly InsuredSummary[]> {
  const list = await fetchMonitoredInsureds(options);
  return Promise.all(
    list.items.map(async (item) => {
      const [insured, organisation] = await Promise.all([
        fetchMonitoredInsured(item.id, options),
        fetchOrganisation(item.organisationId, options),
      ]);
      return { insured, organisation };
    }),
  );
}
