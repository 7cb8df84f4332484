import type { NewOrganisation, Organisation, OrganisationKind } from './organisation.js';

export interface OrganisationFilter {
  readonly kind?: OrganisationKind;
  readonly limit: number;
  readonly offset: number;
}

export type InsertOrganisationResult =
  | { readonly kind: 'inserted'; readonly organisation: Organisation }
  | { readonly kind: 'duplicate'; readonly field: 'creditCode' | 'nameZh' };

/** Port: how the domain stores organisations. Implemented in packages/store. */
export interface OrganisationRepository {
  insert(organisation: NewOrganisation): Promise<InsertOrganisationResult>;
  findById(id: string): Promise<Organisation | undefined>;
  list(filter: OrganisationFilter): Promise<{ readonly items: Organisation[]; readonly total: number }>;
}
