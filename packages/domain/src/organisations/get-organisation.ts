import { NotFoundError } from '../shared/domain-error.js';
import type { UnitOfWork } from '../platform/unit-of-work.js';
import type { Organisation } from './organisation.js';

export async function getOrganisation(unitOfWork: UnitOfWork, id: string): Promise<Organisation> {
  const organisation = await unitOfWork.run((repositories) => repositories.organisations.findById(id));
  if (organisation === undefined) {
    throw new NotFoundError('organisation_not_found', `organisation ${id} was not found`);
  }
  return organisation;
}
