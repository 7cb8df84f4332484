import { INDUSTRY_CODES } from '@carapace/contracts';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { SbomScan } from './sbom-scan';
import { fieldId, type FieldName, type SubmissionForm } from './submission-form-model';

/** Marked with * beside the label (and aria-required on the input), as the form's introduction says. */
const REQUIRED_FIELDS: readonly FieldName[] = [
  'organisationId',
  'insurerId',
  'industry',
  'annualRevenue',
  'employees',
];

interface Option {
  readonly id: string;
  readonly name: string;
}

interface SubmissionFieldsProps {
  readonly form: SubmissionForm;
  readonly update: <K extends keyof SubmissionForm>(field: K, value: SubmissionForm[K]) => void;
  readonly blur: (field: FieldName) => void;
  readonly problemOf: (field: FieldName) => string | undefined;
  readonly insuredOptions: readonly Option[];
  readonly insurerOptions: readonly Option[];
  /** The company is chosen once, when the draft is created (a company applies for itself). */
  readonly organisationFixed: boolean;
  readonly showInsurer: boolean;
}

/** The firmographics: who is insured (and by whom), what it does, how large it is, what it holds. */
export function SubmissionFields({
  form,
  update,
  blur,
  problemOf,
  insuredOptions,
  insurerOptions,
  organisationFixed,
  showInsurer,
}: SubmissionFieldsProps) {
  const { t } = useTranslation();

  /** A label bound to its input, a hint and the field's problem, both read out with the input. */
  const field = (
    name: FieldName,
    label: string,
    control: (describedBy: string | undefined) => ReactNode,
    hint?: string,
  ) => {
    const problem = problemOf(name);
    const hintId = hint === undefined ? undefined : `${fieldId(name)}-hint`;
    const problemId = problem === undefined ? undefined : `${fieldId(name)}-problem`;
    const describedBy = [hintId, problemId].filter((id) => id !== undefined).join(' ') || undefined;
    return (
      <div className="field" data-testid={`field-${name}`}>
        <label className="field__label" htmlFor={fieldId(name)}>
          {label}
          {REQUIRED_FIELDS.includes(name) && <span aria-hidden="true"> *</span>}
        </label>
        {control(describedBy)}
        {hint !== undefined && (
          <p className="hint" id={hintId}>
            {hint}
          </p>
        )}
        {problem !== undefined && (
          <p className="field__problem" id={problemId} data-testid={`problem-${name}`}>
            {problem}
          </p>
        )}
      </div>
    );
  };

  const numberInput =
    (name: Exclude<FieldName, 'organisationId' | 'insurerId' | 'industry'>) =>
    (describedBy: string | undefined) => (
      <input
        id={fieldId(name)}
        className="field__input"
        inputMode={name === 'annualRevenue' ? 'decimal' : 'numeric'}
        autoComplete="off"
        value={form[name]}
        onChange={(event) => {
          update(name, event.target.value);
        }}
        onBlur={() => {
          blur(name);
        }}
        aria-required={REQUIRED_FIELDS.includes(name)}
        aria-invalid={problemOf(name) !== undefined}
        aria-describedby={describedBy}
      />
    );

  return (
    <>
      <fieldset className="card submission-form__section">
        <legend className="card__title">{t('submissions.form.firmographics')}</legend>
        <div className="submission-form__grid">
          {field(
            'organisationId',
            t('submissions.form.organisation'),
            (describedBy) => (
              <select
                id={fieldId('organisationId')}
                className="field__input"
                value={form.organisationId}
                disabled={organisationFixed}
                onChange={(event) => {
                  update('organisationId', event.target.value);
                }}
                onBlur={() => {
                  blur('organisationId');
                }}
                aria-required
                aria-invalid={problemOf('organisationId') !== undefined}
                aria-describedby={describedBy}
              >
                <option value="">{t('submissions.form.organisationPlaceholder')}</option>
                {insuredOptions.map((option) => (
                  <option key={option.id} value={option.id}>
                    {option.name}
                  </option>
                ))}
              </select>
            ),
            organisationFixed ? t('submissions.form.organisationFixed') : undefined,
          )}
          {showInsurer &&
            field('insurerId', t('submissions.form.insurer'), (describedBy) => (
              <select
                id={fieldId('insurerId')}
                className="field__input"
                value={form.insurerId}
                onChange={(event) => {
                  update('insurerId', event.target.value);
                }}
                onBlur={() => {
                  blur('insurerId');
                }}
                aria-required
                aria-invalid={problemOf('insurerId') !== undefined}
                aria-describedby={describedBy}
              >
                <option value="">{t('submissions.form.insurerPlaceholder')}</option>
                {insurerOptions.map((option) => (
                  <option key={option.id} value={option.id}>
                    {option.name}
                  </option>
                ))}
              </select>
            ))}
          {field('industry', t('submissions.form.industry'), (describedBy) => (
            <select
              id={fieldId('industry')}
              className="field__input"
              value={form.industry}
              onChange={(event) => {
                update('industry', event.target.value as SubmissionForm['industry']);
              }}
              onBlur={() => {
                blur('industry');
              }}
              aria-required
              aria-invalid={problemOf('industry') !== undefined}
              aria-describedby={describedBy}
            >
              <option value="">{t('submissions.form.industryPlaceholder')}</option>
              {INDUSTRY_CODES.map((code) => (
                <option key={code} value={code}>
                  {t(`submissions.industries.${code}`)}
                </option>
              ))}
            </select>
          ))}
          {field(
            'annualRevenue',
            t('submissions.form.annualRevenue'),
            numberInput('annualRevenue'),
            t('submissions.form.annualRevenueHint'),
          )}
          {field('employees', t('submissions.form.employees'), numberInput('employees'))}
          {field('priorClaims', t('submissions.form.priorClaims'), numberInput('priorClaims'))}
        </div>
      </fieldset>
      <fieldset className="card submission-form__section">
        <legend className="card__title">{t('submissions.form.records')}</legend>
        <p className="hint">{t('submissions.form.recordsHint')}</p>
        <div className="submission-form__grid">
          {field('recordsPersonal', t('submissions.form.recordsPersonal'), numberInput('recordsPersonal'))}
          {field('recordsSensitive', t('submissions.form.recordsSensitive'), numberInput('recordsSensitive'))}
          {field('recordsPayment', t('submissions.form.recordsPayment'), numberInput('recordsPayment'))}
        </div>
      </fieldset>
      <fieldset className="card submission-form__section">
        <legend className="card__title">{t('submissions.form.findings')}</legend>
        <p className="hint">{t('submissions.form.findingsHint')}</p>
        <SbomScan
          onCounts={(counts) => {
            update('criticalFindings', String(counts.critical));
            update('knownExploitedFindings', String(counts.knownExploited));
          }}
        />
        <div className="submission-form__grid">
          {field('criticalFindings', t('submissions.form.criticalFindings'), numberInput('criticalFindings'))}
          {field(
            'knownExploitedFindings',
            t('submissions.form.knownExploitedFindings'),
            numberInput('knownExploitedFindings'),
          )}
        </div>
      </fieldset>
    </>
  );
}
