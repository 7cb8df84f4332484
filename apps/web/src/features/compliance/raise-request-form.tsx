import { useState, type SubmitEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { requestDataAccess, requestPermissionGrant, type DataAccessAction } from '../../api/compliance';
import type { Session } from '../../api/session-store';
import { ApiErrorNotice } from '../../app/api-error-notice';
import { Notice } from '../../app/notice';
import type { RoleCode } from '../../app/page-routes';
import { may, rolesOfTenant } from './compliance-access-rules';
import { objectTypeName } from './request-rows';
import type { People } from './use-people';

type Kind = 'dataAccess' | 'grant';
type Field = 'reason' | 'objectId' | 'durationHours';

const ACTIONS: readonly DataAccessAction[] = ['export', 'unmask', 'bulk_query', 'break_glass'];
const OBJECT_TYPES = ['data_subject'] as const;
/** The longest a granted role lasts (the server's MAX_GRANT_HOURS, 90 days). */
const MAX_GRANT_HOURS = 2160;
const REASON_LENGTH = { min: 10, max: 1000 } as const;

interface RaiseRequestFormProps {
  readonly session: Session;
  readonly people: People;
  readonly onRaised: () => void;
}

/** Ask for data access or a temporary role; someone else decides it on this same page. */
export function RaiseRequestForm({ session, people, onRaised }: RaiseRequestFormProps) {
  const { t, i18n } = useTranslation();
  const mayAskForData = may(session, 'dataAccessRequest');
  const mayAskForOthers = session.roles.includes('security_admin');
  const [kind, setKind] = useState<Kind>(mayAskForData ? 'dataAccess' : 'grant');
  const [action, setAction] = useState<DataAccessAction>('export');
  const [objectType, setObjectType] = useState<string>(OBJECT_TYPES[0]);
  const [objectId, setObjectId] = useState('');
  const [grantee, setGrantee] = useState(session.user.id);
  const roles = rolesOfTenant(session.tenant.kind);
  const [role, setRole] = useState<RoleCode>(
    roles.find((candidate) => !session.roles.includes(candidate)) ?? roles[0] ?? 'underwriter',
  );
  const [durationHours, setDurationHours] = useState('24');
  const [reason, setReason] = useState('');
  const [problems, setProblems] = useState<ReadonlySet<Field>>(new Set());
  const [failure, setFailure] = useState<unknown>(undefined);
  const [sending, setSending] = useState(false);
  const [raised, setRaised] = useState(false);

  const check = (): Set<Field> => {
    const found = new Set<Field>();
    const trimmedReason = reason.trim();
    if (trimmedReason.length < REASON_LENGTH.min || trimmedReason.length > REASON_LENGTH.max)
      found.add('reason');
    if (kind === 'dataAccess' && (action === 'unmask' || action === 'break_glass') && objectId.trim() === '')
      found.add('objectId');
    if (kind === 'grant') {
      const hours = Number(durationHours);
      if (!/^\d+$/.test(durationHours.trim()) || hours < 1 || hours > MAX_GRANT_HOURS)
        found.add('durationHours');
    }
    return found;
  };

  const submit = async (event: SubmitEvent<HTMLFormElement>): Promise<void> => {
    event.preventDefault();
    if (sending) return;
    const found = check();
    setProblems(found);
    setRaised(false);
    if (found.size > 0) {
      const first = ['objectId', 'durationHours', 'reason'].find((field) => found.has(field as Field));
      document.getElementById(`raise-${first ?? 'reason'}`)?.focus();
      return;
    }
    setSending(true);
    setFailure(undefined);
    try {
      if (kind === 'dataAccess') {
        await requestDataAccess(
          {
            action,
            objectType,
            objectId: objectId.trim() === '' ? null : objectId.trim(),
            reason: reason.trim(),
          },
          { language: i18n.language },
        );
      } else {
        await requestPermissionGrant(
          { userId: grantee, role, reason: reason.trim(), durationHours: Number(durationHours) },
          { language: i18n.language },
        );
      }
    } catch (error) {
      setFailure(error);
      setSending(false);
      return;
    }
    setSending(false);
    setRaised(true);
    setReason('');
    setObjectId('');
    onRaised();
  };

  const describedBy = (field: Field, hint = true): string =>
    [hint ? `raise-${field}-hint` : '', problems.has(field) ? `raise-${field}-problem` : '']
      .filter((id) => id !== '')
      .join(' ');
  const problem = (field: Field, message: string) =>
    problems.has(field) && (
      <p id={`raise-${field}-problem`} className="field__problem">
        {message}
      </p>
    );

  return (
    <section className="card" aria-labelledby="raise-heading" data-testid="raise-request">
      <h2 id="raise-heading" className="card__title">
        {t('compliance.requests.raise.title')}
      </h2>
      <p className="card__intro compliance-page__intro">{t('compliance.requests.raise.intro')}</p>
      {!mayAskForData && <p className="hint">{t('compliance.requests.raise.notAllowed')}</p>}
      {raised && <Notice tone="info" title={t('compliance.requests.raise.submitted')} />}
      {failure !== undefined && <ApiErrorNotice error={failure} />}
      <form className="compliance-form" noValidate onSubmit={(event) => void submit(event)}>
        {mayAskForData && (
          <fieldset className="compliance-form__choice">
            <legend className="field__label">{t('compliance.requests.raise.kind')}</legend>
            {(['dataAccess', 'grant'] as const).map((option) => (
              <label key={option} className="compliance-form__radio">
                <input
                  type="radio"
                  name="raise-kind"
                  value={option}
                  checked={kind === option}
                  onChange={() => {
                    setKind(option);
                  }}
                />
                {t(`compliance.requests.raise.kinds.${option}`)}
              </label>
            ))}
          </fieldset>
        )}
        {kind === 'dataAccess' ? (
          <div className="compliance-form__row">
            <div className="field">
              <label className="field__label" htmlFor="raise-action">
                {t('compliance.requests.raise.action')}
              </label>
              <select
                id="raise-action"
                className="field__input"
                value={action}
                onChange={(event) => {
                  setAction(event.target.value as DataAccessAction);
                }}
              >
                {ACTIONS.map((option) => (
                  <option key={option} value={option}>
                    {t(`compliance.requests.actions.${option}`)}
                  </option>
                ))}
              </select>
            </div>
            <div className="field">
              <label className="field__label" htmlFor="raise-objectType">
                {t('compliance.requests.raise.objectType')}
              </label>
              <select
                id="raise-objectType"
                className="field__input"
                value={objectType}
                onChange={(event) => {
                  setObjectType(event.target.value);
                }}
              >
                {OBJECT_TYPES.map((option) => (
                  <option key={option} value={option}>
                    {objectTypeName(option, t)}
                  </option>
                ))}
              </select>
            </div>
            <div className="field compliance-form__wide">
              <label className="field__label" htmlFor="raise-objectId">
                {t('compliance.requests.raise.objectId')}
              </label>
              <input
                id="raise-objectId"
                className="field__input mono"
                maxLength={100}
                spellCheck={false}
                aria-invalid={problems.has('objectId')}
                aria-describedby={describedBy('objectId')}
                value={objectId}
                onChange={(event) => {
                  setObjectId(event.target.value);
                }}
              />
              <p id="raise-objectId-hint" className="hint">
                {t('compliance.requests.raise.objectIdHint')}
              </p>
              {problem('objectId', t('compliance.requests.raise.objectIdRequired'))}
            </div>
          </div>
        ) : (
          <div className="compliance-form__row">
            <div className="field">
              <label className="field__label" htmlFor="raise-grantee">
                {t('compliance.requests.raise.grantee')}
              </label>
              <select
                id="raise-grantee"
                className="field__input"
                value={grantee}
                onChange={(event) => {
                  setGrantee(event.target.value);
                }}
              >
                <option value={session.user.id}>{t('compliance.requests.raise.granteeSelf')}</option>
                {mayAskForOthers &&
                  people.accounts
                    .filter((account) => account.id !== session.user.id)
                    .map((account) => (
                      <option key={account.id} value={account.id}>
                        {account.displayName}
                      </option>
                    ))}
              </select>
            </div>
            <div className="field">
              <label className="field__label" htmlFor="raise-role">
                {t('compliance.requests.raise.role')}
              </label>
              <select
                id="raise-role"
                className="field__input"
                value={role}
                onChange={(event) => {
                  setRole(event.target.value as RoleCode);
                }}
              >
                {roles.map((option) => (
                  <option key={option} value={option}>
                    {t(`session.roles.${option}`)}
                  </option>
                ))}
              </select>
            </div>
            <div className="field">
              <label className="field__label" htmlFor="raise-durationHours">
                {t('compliance.requests.raise.durationHours')}
              </label>
              <input
                id="raise-durationHours"
                className="field__input"
                type="number"
                inputMode="numeric"
                min={1}
                max={MAX_GRANT_HOURS}
                step={1}
                aria-invalid={problems.has('durationHours')}
                aria-describedby={describedBy('durationHours')}
                value={durationHours}
                onChange={(event) => {
                  setDurationHours(event.target.value);
                }}
              />
              <p id="raise-durationHours-hint" className="hint">
                {t('compliance.requests.raise.durationHint')}
              </p>
              {problem('durationHours', t('compliance.requests.raise.durationInvalid'))}
            </div>
          </div>
        )}
        <div className="field">
          <label className="field__label" htmlFor="raise-reason">
            {t('compliance.requests.raise.reason')}
          </label>
          <textarea
            id="raise-reason"
            className="field__input"
            rows={3}
            maxLength={REASON_LENGTH.max}
            aria-invalid={problems.has('reason')}
            aria-describedby={describedBy('reason')}
            value={reason}
            onChange={(event) => {
              setReason(event.target.value);
            }}
          />
          <p id="raise-reason-hint" className="hint">
            {t('compliance.requests.raise.reasonHint')}
          </p>
          {problem('reason', t('compliance.requests.raise.reasonInvalid'))}
        </div>
        <div>
          <button
            type="submit"
            className="button button--primary"
            disabled={sending}
            data-testid="raise-submit"
          >
            {sending ? t('compliance.requests.raise.submitting') : t('compliance.requests.raise.submit')}
          </button>
        </div>
      </form>
    </section>
  );
}
