import type { UnitOfWork } from '../platform/unit-of-work.js';
import type { Organisation } from './organisation.js';
import type { OrganisationFilter } from './organisation-repository.js';

export async function listOrganisations(
  unitOfWork: UnitOfWork,
  filter: OrganisationFilter,
): Promise<{ items: Organisation[]; total: number }> {
  return unitOfWork.run((repositories) => repositories.organisations.list(filter));
}
