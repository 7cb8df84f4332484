import { CONTROL_IDS } from '@carapace/contracts';
import { useCallback } from 'react';
import { useTranslation } from 'react-i18next';
import { fetchSubmissions, type SubmissionRecord } from '../../api/submissions';
import { useApiResource } from '../../api/use-api-resource';
import { AppLink } from '../../app/app-link';
import { Notice } from '../../app/notice';
import { pathTo } from '../../app/page-routes';
import { useDocumentTitle } from '../../app/use-document-title';
import { useFormatters } from '../../i18n/formatters';
import { organisationName } from '../../i18n/organisation-name';
import { SUBMISSION_PATHS } from './submission-paths';
import { SubmissionStatusPill } from './submission-status-pill';

/** A submission as it stands, read-only: submitted ones are frozen, and readers who cannot apply only look. */
export function SubmissionSummary({ submission }: { readonly submission: SubmissionRecord }) {
  const { t, i18n } = useTranslation();
  const format = useFormatters();
  const language = i18n.language;
  useDocumentTitle(t('submissions.view.title'));
  const { profile } = submission;

  // The submission itself names only the company's id; its row in the list carries the names.
  const loadName = useCallback(
    (signal: AbortSignal) =>
      fetchSubmissions({ organisationId: submission.organisationId, limit: 1 }, { signal, language }),
    [submission.organisationId, language],
  );
  const nameLookup = useApiResource(loadName);
  const named = nameLookup.data?.items[0]?.organisation;
  const adopted = CONTROL_IDS.filter((id) => profile.controls[id]?.adopted === true);

  const fact = (label: string, value: string, testId?: string) => (
    <div className="facts__row">
      <dt>{label}</dt>
      <dd data-testid={testId}>{value}</dd>
    </div>
  );

  return (
    <div className="submission-page" data-testid="submission-summary" data-settled={!nameLookup.loading}>
      <div className="page-header">
        <div>
          <h1 className="page-header__title">
            {named === undefined ? t('submissions.view.title') : organisationName(named, language)}{' '}
            <SubmissionStatusPill status={submission.status} />
          </h1>
          {submission.submittedAt !== null && (
            <p className="page-header__intro">
              {t('submissions.view.submittedNotice', { time: format.dateTime(submission.submittedAt) })}
            </p>
          )}
        </div>
        {submission.status === 'submitted' && (
          <div className="page-header__actions">
            <AppLink
              to={pathTo(SUBMISSION_PATHS.assessment, { submissionId: submission.id })}
              className="button button--primary submission-summary__assessment"
              data-testid="to-assessment"
            >
              {t('submissions.view.toAssessment')}
            </AppLink>
          </div>
        )}
      </div>
      {submission.status === 'draft' && <Notice tone="info" title={t('submissions.form.draftTitle')} />}
      <section className="card" aria-labelledby="submission-facts-title">
        <h2 className="card__title" id="submission-facts-title">
          {t('submissions.view.firmographics')}
        </h2>
        <dl className="facts">
          {fact(t('submissions.view.product'), `${submission.productId} ${submission.productVersion}`)}
          {fact(
            t('submissions.form.industry'),
            t(`submissions.industries.${profile.industry}`),
            'summary-industry',
          )}
          {fact(t('submissions.form.annualRevenue'), format.money(profile.annualRevenue), 'summary-revenue')}
          {fact(t('submissions.form.employees'), format.number(profile.employees), 'summary-employees')}
          {fact(t('submissions.form.recordsPersonal'), format.number(profile.recordsHeld.personal))}
          {fact(t('submissions.form.recordsSensitive'), format.number(profile.recordsHeld.sensitive))}
          {fact(t('submissions.form.recordsPayment'), format.number(profile.recordsHeld.payment))}
          {fact(t('submissions.form.priorClaims'), format.number(profile.priorClaims))}
          {fact(t('submissions.form.criticalFindings'), format.number(profile.openFindings.critical))}
          {fact(
            t('submissions.form.knownExploitedFindings'),
            format.number(profile.openFindings.knownExploited),
          )}
        </dl>
      </section>
      <section className="card" aria-labelledby="submission-controls-title">
        <h2 className="card__title" id="submission-controls-title">
          {t('submissions.form.questionnaire')}
        </h2>
        {adopted.length === 0 ? (
          <p className="muted">{t('submissions.view.noControls')}</p>
        ) : (
          <ul className="submission-summary__controls" data-testid="summary-controls">
            {adopted.map((id) => (
              <li key={id}>
                <span>{t(`submissions.controls.${id}.name`)}</span>
                <span className="muted">
                  {profile.controls[id]?.evidenced === true
                    ? t('submissions.view.adoptedEvidenced')
                    : t('submissions.view.adoptedOnly')}
                </span>
              </li>
            ))}
          </ul>
        )}
      </section>
      <p>
        <AppLink to={SUBMISSION_PATHS.list}>{t('submissions.form.backToList')}</AppLink>
      </p>
    </div>
  );
}
