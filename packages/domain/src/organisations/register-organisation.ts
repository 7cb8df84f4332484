import { ConflictError, RuleViolationError } from '../shared/domain-error.js';
import type { UnitOfWork } from '../platform/unit-of-work.js';
import { ORGANISATION_NAME_MAX_LENGTH, type NewOrganisation, type Organisation } from './organisation.js';
import { isValidCreditCode } from './unified-social-credit-code.js';

function normaliseName(name: string): string {
  // Full-width spaces are common in names typed with a Chinese input method.
  return name.replace(/[\s\u3000]+/g, ' ').trim();
}

// Control characters left after whitespace is normalised (NUL, escape, …) cannot be part of a name, and
// PostgreSQL refuses NUL in text outright.
const CONTROL_CHARACTER = /\p{Cc}/u;

function assertNameValid(name: string, field: 'nameZh' | 'nameEn', label: string, minLength: number): void {
  if (name.length < minLength || name.length > ORGANISATION_NAME_MAX_LENGTH) {
    throw new RuleViolationError(
      'organisation_name_invalid',
      `the ${label} name must have ${String(minLength)}–${String(ORGANISATION_NAME_MAX_LENGTH)} characters`,
      field,
    );
  }
  if (CONTROL_CHARACTER.test(name)) {
    throw new RuleViolationError(
      'organisation_name_invalid',
      `the ${label} name contains a control character`,
      field,
    );
  }
}

export async function registerOrganisation(
  unitOfWork: UnitOfWork,
  request: NewOrganisation,
): Promise<Organisation> {
  const nameZh = normaliseName(request.nameZh);
  const nameEn = request.nameEn === null ? null : normaliseName(request.nameEn) || null;
  assertNameValid(nameZh, 'nameZh', 'Chinese', 1);
  if (nameEn !== null) assertNameValid(nameEn, 'nameEn', 'English', 1);
  const creditCode = request.creditCode?.trim().toUpperCase() ?? null;
  if (creditCode !== null && !isValidCreditCode(creditCode)) {
    throw new RuleViolationError(
      'credit_code_invalid',
      `'${creditCode}' is not a valid unified social credit code (GB 32100-2015: 18 characters with a check character)`,
      'creditCode',
    );
  }

  const result = await unitOfWork.run((repositories) =>
    repositories.organisations.insert({
      kind: request.kind,
      nameZh,
      nameEn,
      creditCode,
      registeredBy: request.registeredBy ?? null,
    }),
  );
  switch (result.kind) {
    case 'inserted':
      return result.organisation;
    case 'duplicate':
      throw new ConflictError(
        'organisation_exists',
        result.field === 'creditCode'
          ? `an organisation with credit code ${creditCode ?? ''} is already registered`
          : `a ${request.kind} named '${nameZh}' is already registered`,
        result.field,
      );
  }
}
