import { isValidResidentIdNumber, normalisePhoneNumber, normaliseResidentIdNumber } from '@carapace/security';
import { RuleViolationError } from '../shared/domain-error.js';
import type { PersonalDetails } from './privacy-records.js';

const NAME_MAX_CHARACTERS = 100;
const EMAIL_PATTERN = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

function invalid(field: string, message: string): RuleViolationError {
  // The message names the field and the rule, never the value: it may reach logs.
  return new RuleViolationError('personal_data_invalid', message, field);
}

/** A person's name: Unicode NFC, surrounding white space removed, 1–100 characters. */
export function normalisePersonName(value: string, field = 'name'): string {
  const name = value.normalize('NFC').trim();
  if (name.length === 0 || Array.from(name).length > NAME_MAX_CHARACTERS) {
    throw invalid(field, `a name has 1 to ${NAME_MAX_CHARACTERS} characters`);
  }
  return name;
}

/** A mobile number as its digits (`+86 138-1234-1234` → `13812341234`), the form that is encrypted and indexed. */
export function normaliseMobile(value: string, field = 'mobile'): string {
  try {
    return normalisePhoneNumber(value);
  } catch {
    throw invalid(field, 'a mobile number has 7 to 15 digits, optionally with +, spaces or dashes');
  }
}

/** An 18-character PRC resident identity number (GB 11643-1999) with a correct check character. */
export function normaliseIdNumber(value: string, field = 'idNumber'): string {
  if (!isValidResidentIdNumber(value)) {
    throw invalid(field, 'a resident identity number has 17 digits and a correct check character');
  }
  return normaliseResidentIdNumber(value);
}

export function normaliseEmailAddress(value: string, field = 'email'): string {
  const email = value.trim();
  if (email.length > 254 || !EMAIL_PATTERN.test(email)) throw invalid(field, 'not an email address');
  return email;
}

/**
 * Validates and normalises a contact person's details once, at the entry of a use case.
 * @throws RuleViolationError `personal_data_invalid` naming the field.
 */
export function normalisePersonalDetails(details: PersonalDetails): PersonalDetails {
  return {
    name: normalisePersonName(details.name),
    mobile: normaliseMobile(details.mobile),
    idNumber: details.idNumber === null ? null : normaliseIdNumber(details.idNumber),
    email: details.email === null ? null : normaliseEmailAddress(details.email),
  };
}
