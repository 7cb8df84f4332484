import { Liveness, Readiness } from '@carapace/contracts';
import { getJson, type RequestOptions } from './http-client';

export function fetchLiveness(options: RequestOptions = {}): Promise<Liveness> {
  return getJson('/healthz', Liveness, options);
}

/** A not-ready instance answers 503 with the same report, which is exactly what the health page must show. */
export function fetchReadiness(options: RequestOptions = {}): Promise<Readiness> {
  return getJson('/readyz', Readiness, { ...options, successStatuses: [200, 503] });
}
