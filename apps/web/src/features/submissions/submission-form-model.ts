import { CONTROL_IDS, type INDUSTRY_CODES, RiskProfile } from '@carapace/contracts';
import type { RiskProfileInput } from '../../api/submissions';

export type ControlId = (typeof CONTROL_IDS)[number];
export type IndustryCode = (typeof INDUSTRY_CODES)[number];

export interface ControlState {
  readonly adopted: boolean;
  readonly evidenced: boolean;
}

/** What the form holds: numbers as the user typed them, so a half-typed value is never lost or rewritten. */
export interface SubmissionForm {
  readonly organisationId: string;
  readonly insurerId: string;
  readonly industry: IndustryCode | '';
  /** Yuan, a decimal with at most two places. */
  readonly annualRevenue: string;
  readonly employees: string;
  readonly recordsPersonal: string;
  readonly recordsSensitive: string;
  readonly recordsPayment: string;
  readonly priorClaims: string;
  readonly criticalFindings: string;
  readonly knownExploitedFindings: string;
  readonly controls: Readonly<Record<ControlId, ControlState>>;
}

export type FieldName = Exclude<keyof SubmissionForm, 'controls'>;

/** The id of a field's input, for its label and for moving the focus to it. */
export const fieldId = (field: FieldName): string => `submission-${field}`;

/** The fields in the order they appear, so the first one with a problem gets the focus. */
export const FIELD_ORDER: readonly FieldName[] = [
  'organisationId',
  'insurerId',
  'industry',
  'annualRevenue',
  'employees',
  'recordsPersonal',
  'recordsSensitive',
  'recordsPayment',
  'priorClaims',
  'criticalFindings',
  'knownExploitedFindings',
];

/** Why a field's value is refused, as a translation key under `submissions.problems` and its limit. */
export interface FieldProblem {
  readonly reason: 'required' | 'wholeNumber' | 'amount' | 'positive' | 'tooSmall' | 'tooLarge' | 'invalid';
  readonly limit?: number;
}

export type FieldProblems = Partial<Record<FieldName, FieldProblem>>;

const noControls = (): Record<ControlId, ControlState> =>
  Object.fromEntries(CONTROL_IDS.map((id) => [id, { adopted: false, evidenced: false }])) as Record<
    ControlId,
    ControlState
  >;

export function emptySubmissionForm(organisationId = ''): SubmissionForm {
  return {
    organisationId,
    insurerId: '',
    industry: '',
    annualRevenue: '',
    employees: '',
    recordsPersonal: '0',
    recordsSensitive: '0',
    recordsPayment: '0',
    priorClaims: '0',
    criticalFindings: '0',
    knownExploitedFindings: '0',
    controls: noControls(),
  };
}

/** "86000000.00" reads as "86000000": the cents are kept only when there are some. */
function amountForInput(amount: string): string {
  return amount.endsWith('.00') ? amount.slice(0, -3) : amount;
}

export function formFromSubmission(submission: {
  readonly organisationId: string;
  readonly insurerId: string;
  readonly profile: RiskProfileInput;
}): SubmissionForm {
  const { profile } = submission;
  const controls = noControls();
  for (const id of CONTROL_IDS) {
    const answer = profile.controls[id];
    if (answer !== undefined) controls[id] = { adopted: answer.adopted, evidenced: answer.evidenced };
  }
  return {
    organisationId: submission.organisationId,
    insurerId: submission.insurerId,
    industry: profile.industry,
    annualRevenue: amountForInput(profile.annualRevenue.amount),
    employees: String(profile.employees),
    recordsPersonal: String(profile.recordsHeld.personal),
    recordsSensitive: String(profile.recordsHeld.sensitive),
    recordsPayment: String(profile.recordsHeld.payment),
    priorClaims: String(profile.priorClaims),
    criticalFindings: String(profile.openFindings.critical),
    knownExploitedFindings: String(profile.openFindings.knownExploited),
    controls,
  };
}

/** Digit-group separators people type ("1,200,000", "1 200 000") are not part of the number. */
function withoutGrouping(text: string): string {
  return text.trim().replace(/[,，\s]/g, '');
}

function wholeNumber(text: string): number | FieldProblem {
  const cleaned = withoutGrouping(text);
  if (cleaned === '') return { reason: 'required' };
  if (!/^\d+$/.test(cleaned)) return { reason: 'wholeNumber' };
  return Number(cleaned);
}

/** The schema's path of each numeric field, to put its issues back on the field. */
const PROFILE_PATHS: Readonly<Record<string, FieldName>> = {
  industry: 'industry',
  'annualRevenue.amount': 'annualRevenue',
  employees: 'employees',
  'recordsHeld.personal': 'recordsPersonal',
  'recordsHeld.sensitive': 'recordsSensitive',
  'recordsHeld.payment': 'recordsPayment',
  priorClaims: 'priorClaims',
  'openFindings.critical': 'criticalFindings',
  'openFindings.knownExploited': 'knownExploitedFindings',
};

/**
 * The field a server's invalid parameter names: `body.profile.employees` from the schema, or a business
 * rule's `profile.annualRevenue`, `organisationId` or `insurerId`. Undefined for one the form has no field for.
 */
export function fieldOfParam(name: string): FieldName | undefined {
  const path = name.replace(/^body\./, '');
  if (path === 'organisationId' || path === 'insurerId') return path;
  const inProfile = path.replace(/^profile\./, '');
  return (
    PROFILE_PATHS[inProfile] ??
    PROFILE_PATHS[`${inProfile}.amount`] ??
    (inProfile === 'recordsHeld' ? 'recordsPersonal' : undefined) ??
    (inProfile === 'openFindings' ? 'criticalFindings' : undefined)
  );
}

interface ZodIssueLike {
  readonly code: string;
  readonly path: readonly PropertyKey[];
  readonly minimum?: unknown;
  readonly maximum?: unknown;
}

function problemOfIssue(issue: ZodIssueLike): FieldProblem {
  if (issue.code === 'too_small') {
    return typeof issue.minimum === 'number' || typeof issue.minimum === 'bigint'
      ? { reason: 'tooSmall', limit: Number(issue.minimum) }
      : { reason: 'tooSmall' };
  }
  if (issue.code === 'too_big') {
    return typeof issue.maximum === 'number' || typeof issue.maximum === 'bigint'
      ? { reason: 'tooLarge', limit: Number(issue.maximum) }
      : { reason: 'tooLarge' };
  }
  if (issue.code === 'invalid_format') return { reason: 'amount' };
  return { reason: 'invalid' };
}

export interface FormValidation {
  /** The profile to send, when every field is acceptable. */
  readonly profile: RiskProfileInput | undefined;
  readonly problems: FieldProblems;
}

/**
 * Checks the form by the contract's own rules (the RiskProfile schema the server applies), after reading
 * each typed number; `needs` says which parties the user must choose on this screen.
 */
export function validateSubmissionForm(
  form: SubmissionForm,
  needs: { readonly organisation: boolean; readonly insurer: boolean },
): FormValidation {
  const problems: Record<string, FieldProblem> = {};
  if (needs.organisation && form.organisationId === '') problems.organisationId = { reason: 'required' };
  if (needs.insurer && form.insurerId === '') problems.insurerId = { reason: 'required' };
  if (form.industry === '') problems.industry = { reason: 'required' };

  const revenueText = withoutGrouping(form.annualRevenue);
  if (revenueText === '') problems.annualRevenue = { reason: 'required' };
  else if (!/^\d{1,13}(\.\d{1,2})?$/.test(revenueText)) problems.annualRevenue = { reason: 'amount' };
  else if (Number(revenueText) <= 0) problems.annualRevenue = { reason: 'positive' };

  const numbers: Partial<Record<FieldName, number>> = {};
  for (const field of [
    'employees',
    'recordsPersonal',
    'recordsSensitive',
    'recordsPayment',
    'priorClaims',
    'criticalFindings',
    'knownExploitedFindings',
  ] as const) {
    const parsed = wholeNumber(form[field]);
    if (typeof parsed === 'number') numbers[field] = parsed;
    else problems[field] = parsed;
  }

  const controls: Partial<Record<ControlId, ControlState>> = {};
  for (const id of CONTROL_IDS) {
    const answer = form.controls[id];
    // A control left out is "not in place"; evidence of a control not in place means nothing.
    if (answer.adopted) controls[id] = { adopted: true, evidenced: answer.evidenced };
  }
  const candidate = {
    industry: form.industry === '' ? 'A' : form.industry,
    annualRevenue: {
      amount: /^\d{1,13}(\.\d{1,2})?$/.test(revenueText) ? revenueText : '1',
      currency: 'CNY',
    },
    employees: numbers.employees ?? 1,
    recordsHeld: {
      personal: numbers.recordsPersonal ?? 0,
      sensitive: numbers.recordsSensitive ?? 0,
      payment: numbers.recordsPayment ?? 0,
    },
    country: 'CN',
    controls,
    priorClaims: numbers.priorClaims ?? 0,
    openFindings: {
      critical: numbers.criticalFindings ?? 0,
      knownExploited: numbers.knownExploitedFindings ?? 0,
    },
  };
  const parsed = RiskProfile.safeParse(candidate);
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      const field = PROFILE_PATHS[issue.path.map(String).join('.')];
      if (field !== undefined && problems[field] === undefined) problems[field] = problemOfIssue(issue);
    }
  }
  const valid = Object.keys(problems).length === 0 && parsed.success;
  return { profile: valid ? parsed.data : undefined, problems: problems };
}
