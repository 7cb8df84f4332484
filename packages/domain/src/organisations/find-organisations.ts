import { NotFoundError } from '../shared/domain-error.js';
import type { UnitOfWork } from '../platform/unit-of-work.js';
import type { Organisation } from './organisation.js';
import type { OrganisationFilter } from './organisation-repository.js';

export async function getOrganisation(unitOfWork: UnitOfWork, id: string): Promise<Organisation> {
  const organisation = await unitOfWork.run((repositories) => repositories.organisations.findById(id));
  if (organisation === undefined) {
    throw new NotFoundError('organisation', id);
  }
  return organisation;
}

export async function listOrganisations(
  unitOfWork: UnitOfWork,
  filter: OrganisationFilter,
): Promise<{ items: Organisation[]; total: number }> {
  return unitOfWork.run((repositories) => repositories.organisations.list(filter));
}
