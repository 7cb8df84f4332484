import type { FindingQuery, FindingStateCode, SeverityBandCode } from '../../api/monitoring';

export const FINDING_STATES: readonly FindingStateCode[] = [
  'NEW',
  'IN_TRIAGE',
  'EXPLOITABLE',
  'NOT_AFFECTED',
  'FALSE_POSITIVE',
  'RISK_ACCEPTED',
  'RESOLVED',
];
export const SEVERITY_BANDS: readonly SeverityBandCode[] = ['critical', 'high', 'medium', 'low'];
export const FINDING_SORTS: readonly FindingQuery['sort'][] = ['priority', 'epss', 'first_seen', 'last_seen'];

function oneOf<T extends string>(allowed: readonly T[], value: string | null): T | undefined {
  return allowed.find((candidate) => candidate === value);
}

/**
 * The findings filter as the address holds it (`?band=high&kev=true&minEpss=0.1&state=NEW&sort=epss`), so a
 * view can be shared and reloaded. Values the page would not offer are dropped rather than sent to the server.
 */
export function findingQueryFromSearch(search: string): FindingQuery {
  const params = new URLSearchParams(search);
  const band = oneOf(SEVERITY_BANDS, params.get('band'));
  const state = oneOf(FINDING_STATES, params.get('state'));
  const kev = oneOf(['true', 'false'] as const, params.get('kev'));
  const minEpssText = params.get('minEpss');
  const minEpss = minEpssText === null || minEpssText === '' ? Number.NaN : Number(minEpssText);
  return {
    bands: band === undefined ? [] : [band],
    states: state === undefined ? [] : [state],
    kev,
    minEpss: Number.isFinite(minEpss) && minEpss >= 0 && minEpss <= 1 ? minEpss : undefined,
    sort: oneOf(FINDING_SORTS, params.get('sort')) ?? 'priority',
  };
}

export function searchFromFindingQuery(query: FindingQuery): string {
  const params = new URLSearchParams();
  if (query.bands[0] !== undefined) params.set('band', query.bands[0]);
  if (query.kev !== undefined) params.set('kev', query.kev);
  if (query.minEpss !== undefined) params.set('minEpss', String(query.minEpss));
  if (query.states[0] !== undefined) params.set('state', query.states[0]);
  if (query.sort !== 'priority') params.set('sort', query.sort);
  const text = params.toString();
  return text === '' ? '' : `?${text}`;
}
