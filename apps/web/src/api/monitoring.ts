import {
  Alert,
  AlertPage,
  FeedStatus,
  Finding,
  FindingDetail,
  FindingPage,
  MonitoredInsuredDetail,
  MonitoredInsuredList,
  Organisation,
  RiskSnapshotList,
  type AlertStatus,
  type FindingState,
  type SeverityBand,
  type TriageRequest,
} from '@carapace/contracts';
import { getJson, postJson, type RequestOptions } from './http-client';

export type MonitoredInsuredDetailData = ReturnType<typeof MonitoredInsuredDetail.parse>;
export type FindingData = ReturnType<typeof Finding.parse>;
export type FindingDetailData = ReturnType<typeof FindingDetail.parse>;
export type FindingPageData = ReturnType<typeof FindingPage.parse>;
export type AlertData = ReturnType<typeof Alert.parse>;
export type AlertPageData = ReturnType<typeof AlertPage.parse>;
export type FeedStatusData = ReturnType<typeof FeedStatus.parse>;
export type RiskSnapshotData = ReturnType<typeof RiskSnapshotList.parse>['items'][number];
export type FindingStateCode = ReturnType<typeof FindingState.parse>;
export type SeverityBandCode = ReturnType<typeof SeverityBand.parse>;
export type AlertStatusCode = ReturnType<typeof AlertStatus.parse>;
export type TriageRequestBody = ReturnType<typeof TriageRequest.parse>;
export type OrganisationData = ReturnType<typeof Organisation.parse>;

const id = (value: string) => encodeURIComponent(value);

export function fetchMonitoredInsureds(options: RequestOptions = {}) {
  return getJson('/api/v1/monitored-insureds', MonitoredInsuredList, options);
}

export function fetchMonitoredInsured(insuredId: string, options: RequestOptions = {}) {
  return getJson(`/api/v1/monitored-insureds/${id(insuredId)}`, MonitoredInsuredDetail, options);
}

export function fetchOrganisation(organisationId: string, options: RequestOptions = {}) {
  return getJson(`/api/v1/organisations/${id(organisationId)}`, Organisation, options);
}

export interface FindingQuery {
  readonly states: readonly FindingStateCode[];
  readonly bands: readonly SeverityBandCode[];
  readonly kev: 'true' | 'false' | undefined;
  readonly minEpss: number | undefined;
  readonly sort: 'priority' | 'epss' | 'first_seen' | 'last_seen';
}

export function fetchFindings(insuredId: string, query: FindingQuery, options: RequestOptions = {}) {
  const search = new URLSearchParams();
  for (const state of query.states) search.append('state', state);
  for (const band of query.bands) search.append('band', band);
  if (query.kev !== undefined) search.set('kev', query.kev);
  if (query.minEpss !== undefined) search.set('minEpss', String(query.minEpss));
  search.set('sort', query.sort);
  search.set('limit', '500');
  return getJson(`/api/v1/monitored-insureds/${id(insuredId)}/findings?${search}`, FindingPage, options);
}

export function fetchFinding(findingId: string, options: RequestOptions = {}) {
  return getJson(`/api/v1/findings/${id(findingId)}`, FindingDetail, options);
}

export function triageFinding(findingId: string, body: TriageRequestBody, options: RequestOptions = {}) {
  return postJson(`/api/v1/findings/${id(findingId)}/triage`, body, Finding, {
    ...options,
    successStatuses: [200],
  });
}

export function fetchRiskSnapshots(insuredId: string, options: RequestOptions = {}) {
  return getJson(`/api/v1/monitored-insureds/${id(insuredId)}/risk-snapshots`, RiskSnapshotList, options);
}

export function fetchAlerts(
  filter: { readonly statuses: readonly AlertStatusCode[]; readonly insuredId?: string },
  options: RequestOptions = {},
) {
  const search = new URLSearchParams();
  for (const status of filter.statuses) search.append('status', status);
  if (filter.insuredId !== undefined) search.set('monitoredInsuredId', filter.insuredId);
  search.set('limit', '200');
  return getJson(`/api/v1/alerts?${search}`, AlertPage, options);
}

export function acknowledgeAlert(alertId: string, options: RequestOptions = {}) {
  return postJson(`/api/v1/alerts/${id(alertId)}/acknowledgement`, undefined, Alert, {
    ...options,
    successStatuses: [200],
  });
}

export function closeAlert(alertId: string, options: RequestOptions = {}) {
  return postJson(`/api/v1/alerts/${id(alertId)}/closure`, undefined, Alert, {
    ...options,
    successStatuses: [200],
  });
}

export function fetchFeedStatus(options: RequestOptions = {}) {
  return getJson('/api/v1/feeds/runs?limit=20', FeedStatus, options);
}
