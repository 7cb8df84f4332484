import { useId, useState, type SubmitEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { Session } from '../../api/session-store';
import {
  decideReferral,
  issuePolicy,
  satisfyContingency,
  takeQuoteStep,
  type QuoteDetailValue,
} from '../../api/underwriting';
import { ApiErrorNotice } from '../../app/api-error-notice';
import { navigate } from '../../app/navigation';
import { pathTo } from '../../app/page-routes';
import { useFormatters } from '../../i18n/formatters';
import { useLocalised } from './localised-text';
import { POLICY_PATTERN } from './underwriting-paths';

interface QuoteActionsProps {
  readonly session: Session;
  readonly quote: QuoteDetailValue;
  /** A step succeeded; the message says which, and the page reloads the quote. */
  readonly onChanged: (message: string) => void;
}

/** Today in the browser's calendar as YYYY-MM-DD: the policy starts on a local date, not a UTC one. */
function localToday(): string {
  const now = new Date();
  const pad = (value: number) => String(value).padStart(2, '0');
  return `${String(now.getFullYear())}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
}

/**
 * The steps the quote's status allows (`allowedActions` from the API) that the reader's roles may take:
 * decide a referral, ask to bind or withdraw the request, meet the pre-bind contingencies, bind, issue.
 */
export function QuoteActions({ session, quote, onChanged }: QuoteActionsProps) {
  const { t } = useTranslation();
  const format = useFormatters();
  const localised = useLocalised();
  const [busy, setBusy] = useState<string | null>(null);
  const [error, setError] = useState<unknown>(undefined);
  const [referralNote, setReferralNote] = useState('');
  const [referralProblem, setReferralProblem] = useState<string | null>(null);
  const [contingencyNotes, setContingencyNotes] = useState<Record<string, string>>({});
  const [inceptionDate, setInceptionDate] = useState(localToday);
  const [inceptionProblem, setInceptionProblem] = useState<string | null>(null);
  const formId = useId();

  const isUnderwriter = session.roles.includes('underwriter');
  const mayApply = session.roles.some(
    (role) => role === 'underwriter' || role === 'broker' || role === 'policyholder',
  );
  const allowed = new Set(quote.allowedActions);
  const outstanding = quote.preBindContingencies.filter((item) => item.satisfiedAt === null);

  const run = async (name: string, step: () => Promise<unknown>, done: string): Promise<boolean> => {
    if (busy !== null) return false;
    setBusy(name);
    setError(undefined);
    try {
      await step();
      onChanged(done);
      return true;
    } catch (caught) {
      setError(caught);
      return false;
    } finally {
      setBusy(null);
    }
  };

  const decide = (decision: 'approve' | 'decline'): void => {
    const note = referralNote.trim();
    if (note === '') {
      setReferralProblem(t('underwriting.actions.referralNoteMissing'));
      return;
    }
    setReferralProblem(null);
    void run(
      `referral-${decision}`,
      () => decideReferral(quote.id, decision, note),
      t(
        decision === 'approve'
          ? 'underwriting.actions.referralApproved'
          : 'underwriting.actions.referralDeclined',
      ),
    );
  };

  const issue = async (event: SubmitEvent<HTMLFormElement>): Promise<void> => {
    event.preventDefault();
    if (!/^\d{4}-\d{2}-\d{2}$/.test(inceptionDate)) {
      setInceptionProblem(t('underwriting.actions.inceptionDateMissing'));
      return;
    }
    setInceptionProblem(null);
    if (busy !== null) return;
    setBusy('issue');
    setError(undefined);
    try {
      const policy = await issuePolicy(quote.id, inceptionDate);
      navigate(pathTo(POLICY_PATTERN, { policyId: policy.id }));
    } catch (caught) {
      setError(caught);
    } finally {
      setBusy(null);
    }
  };

  const canDecide = isUnderwriter && allowed.has('approve_referral');
  const canRequestBind = mayApply && allowed.has('request_bind');
  const canWithdraw = mayApply && allowed.has('withdraw_bind_request');
  const canSatisfy = isUnderwriter && allowed.has('satisfy_contingency');
  const canBind = isUnderwriter && allowed.has('bind');
  const canIssue = isUnderwriter && allowed.has('issue_policy');
  const nothingToDo = !canDecide && !canRequestBind && !canWithdraw && !canSatisfy && !canBind && !canIssue;

  return (
    <section className="card uw-panel" aria-labelledby="uw-actions-title" data-testid="quote-actions">
      <h2 className="card__title" id="uw-actions-title">
        {t('underwriting.actions.title')}
      </h2>
      {error !== undefined && <ApiErrorNotice error={error} />}
      {nothingToDo && (
        <p className="muted" data-testid="quote-no-actions">
          {quote.allowedActions.length === 0
            ? t(`underwriting.actions.finalState.${quote.status}`)
            : t('underwriting.actions.notYourStep')}
        </p>
      )}

      {canDecide && (
        <div className="uw-action-block" data-testid="referral-decision">
          <p>{t('underwriting.actions.referralIntro')}</p>
          <div className="field">
            <label className="field__label" htmlFor={`${formId}-referral-note`}>
              {t('underwriting.actions.referralNote')}
            </label>
            <textarea
              id={`${formId}-referral-note`}
              className="field__input"
              rows={3}
              maxLength={2000}
              value={referralNote}
              aria-invalid={referralProblem !== null}
              aria-describedby={referralProblem === null ? undefined : `${formId}-referral-problem`}
              onChange={(event) => {
                setReferralNote(event.target.value);
              }}
            />
            {referralProblem !== null && (
              <p className="field__problem" id={`${formId}-referral-problem`}>
                {referralProblem}
              </p>
            )}
          </div>
          <div className="uw-actions">
            <button
              type="button"
              className="button button--primary"
              disabled={busy !== null}
              data-testid="approve-referral"
              onClick={() => {
                decide('approve');
              }}
            >
              {t('underwriting.actions.approveReferral')}
            </button>
            <button
              type="button"
              className="button button--secondary"
              disabled={busy !== null}
              data-testid="decline-referral"
              onClick={() => {
                decide('decline');
              }}
            >
              {t('underwriting.actions.declineReferral')}
            </button>
          </div>
        </div>
      )}

      {canRequestBind && (
        <div className="uw-action-block">
          <p>{t('underwriting.actions.requestBindIntro')}</p>
          <button
            type="button"
            className="button button--primary"
            disabled={busy !== null}
            aria-busy={busy === 'request-bind'}
            data-testid="request-bind"
            onClick={() =>
              void run(
                'request-bind',
                () => takeQuoteStep(quote.id, 'bind-request'),
                t('underwriting.actions.bindRequested'),
              )
            }
          >
            {t('underwriting.actions.requestBind')}
          </button>
        </div>
      )}

      {quote.preBindContingencies.length > 0 && (
        <div className="uw-action-block">
          <h3 className="uw-subtitle">{t('underwriting.actions.contingencies')}</h3>
          <ul className="uw-contingencies" data-testid="contingencies">
            {quote.preBindContingencies.map((contingency) => {
              const noteId = `${formId}-contingency-${contingency.code}`;
              return (
                <li
                  key={contingency.code}
                  className="uw-contingency"
                  data-testid="contingency"
                  data-code={contingency.code}
                  data-satisfied={contingency.satisfiedAt !== null}
                >
                  <div className="uw-contingency__text">
                    <span>{localised(contingency.text)}</span>
                    {contingency.satisfiedAt === null ? (
                      <span className="status-pill status-pill--neutral">
                        {t('underwriting.actions.outstanding')}
                      </span>
                    ) : (
                      <span className="status-pill status-pill--good">
                        {t('underwriting.actions.satisfiedAt', {
                          time: format.dateTime(contingency.satisfiedAt),
                        })}
                      </span>
                    )}
                  </div>
                  {canSatisfy && contingency.satisfiedAt === null && (
                    <div className="uw-contingency__form">
                      <div className="field">
                        <label className="field__label" htmlFor={noteId}>
                          {t('underwriting.actions.contingencyNote')}
                        </label>
                        <input
                          id={noteId}
                          className="field__input"
                          maxLength={2000}
                          value={contingencyNotes[contingency.code] ?? ''}
                          onChange={(event) => {
                            const value = event.target.value;
                            setContingencyNotes((current) => ({ ...current, [contingency.code]: value }));
                          }}
                        />
                      </div>
                      <button
                        type="button"
                        className="button button--secondary"
                        disabled={busy !== null}
                        data-testid="satisfy-contingency"
                        onClick={() => {
                          const note = (contingencyNotes[contingency.code] ?? '').trim();
                          void run(
                            `satisfy-${contingency.code}`,
                            () => satisfyContingency(quote.id, contingency.code, note === '' ? null : note),
                            t('underwriting.actions.contingencySatisfied'),
                          );
                        }}
                      >
                        {t('underwriting.actions.satisfy')}
                      </button>
                    </div>
                  )}
                </li>
              );
            })}
          </ul>
        </div>
      )}

      {(canBind || canWithdraw) && (
        <div className="uw-action-block">
          {canBind && outstanding.length > 0 && (
            <p className="hint" id={`${formId}-bind-hint`}>
              {t('underwriting.actions.bindNeedsContingencies', { outstanding: outstanding.length })}
            </p>
          )}
          <div className="uw-actions">
            {canBind && (
              <button
                type="button"
                className="button button--primary"
                disabled={busy !== null || outstanding.length > 0}
                aria-describedby={outstanding.length > 0 ? `${formId}-bind-hint` : undefined}
                data-testid="bind-quote"
                onClick={() =>
                  void run('bind', () => takeQuoteStep(quote.id, 'bind'), t('underwriting.actions.bound'))
                }
              >
                {t('underwriting.actions.bind')}
              </button>
            )}
            {canWithdraw && (
              <button
                type="button"
                className="button button--secondary"
                disabled={busy !== null}
                data-testid="withdraw-bind-request"
                onClick={() =>
                  void run(
                    'withdraw',
                    () => takeQuoteStep(quote.id, 'bind-request/withdraw'),
                    t('underwriting.actions.bindRequestWithdrawn'),
                  )
                }
              >
                {t('underwriting.actions.withdrawBindRequest')}
              </button>
            )}
          </div>
        </div>
      )}

      {canIssue && (
        <form className="uw-action-block" onSubmit={(event) => void issue(event)} noValidate>
          <p>{t('underwriting.actions.issueIntro')}</p>
          <div className="field uw-date-field">
            <label className="field__label" htmlFor={`${formId}-inception`}>
              {t('underwriting.actions.inceptionDate')}
            </label>
            <input
              id={`${formId}-inception`}
              type="date"
              className="field__input"
              required
              value={inceptionDate}
              aria-invalid={inceptionProblem !== null}
              aria-describedby={`${formId}-inception-hint${inceptionProblem === null ? '' : ` ${formId}-inception-problem`}`}
              data-testid="inception-date"
              onChange={(event) => {
                setInceptionDate(event.target.value);
              }}
            />
            <p className="hint" id={`${formId}-inception-hint`}>
              {t('underwriting.actions.inceptionHint')}
            </p>
            {inceptionProblem !== null && (
              <p className="field__problem" id={`${formId}-inception-problem`}>
                {inceptionProblem}
              </p>
            )}
          </div>
          <button
            type="submit"
            className="button button--primary"
            disabled={busy !== null}
            aria-busy={busy === 'issue'}
            data-testid="issue-policy"
          >
            {busy === 'issue' ? t('underwriting.actions.issuing') : t('underwriting.actions.issuePolicy')}
          </button>
        </form>
      )}
    </section>
  );
}
