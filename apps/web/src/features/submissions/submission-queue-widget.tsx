import { useCallback } from 'react';
import { useTranslation } from 'react-i18next';
import type { Session } from '../../api/session-store';
import { fetchSubmissions, type SubmissionPageRecord } from '../../api/submissions';
import { useApiResource } from '../../api/use-api-resource';
import { ResourceErrorNotice } from '../../app/api-error-notice';
import { AppLink } from '../../app/app-link';
import { pathTo } from '../../app/page-routes';
import { useFormatters } from '../../i18n/formatters';
import { organisationName } from '../../i18n/organisation-name';
import { canApply, SUBMISSION_PATHS } from './submission-paths';
import './submissions.css';

const SHOWN = 5;
const REFRESH_MS = 60_000;

/**
 * The home page's queue: what was submitted and awaits a quote, and the drafts still being filled in. For an
 * underwriter it is the work to pick up; for a broker or a company, where its applications stand.
 */
export function SubmissionQueueWidget({ session }: { readonly session: Session }) {
  const { t, i18n } = useTranslation();
  const language = i18n.language;
  const load = useCallback(
    async (signal: AbortSignal) => {
      const [submitted, drafts] = await Promise.all([
        fetchSubmissions({ status: 'submitted', limit: SHOWN }, { signal, language }),
        fetchSubmissions({ status: 'draft', limit: SHOWN }, { signal, language }),
      ]);
      return { submitted, drafts };
    },
    [language],
  );
  const queue = useApiResource(load, { refreshIntervalMs: REFRESH_MS });
  const underwriting = session.roles.includes('underwriter');

  return (
    <section className="card submission-queue" aria-labelledby="submission-queue-title">
      <div className="card__header">
        <h2 className="card__title" id="submission-queue-title">
          {underwriting ? t('submissions.widget.title') : t('submissions.widget.titleApplicant')}
        </h2>
        {canApply(session) && (
          <AppLink to={SUBMISSION_PATHS.new} className="button button--secondary">
            {t('submissions.newSubmission')}
          </AppLink>
        )}
      </div>
      <ResourceErrorNotice resource={queue} />
      {queue.data === undefined ? (
        queue.error === undefined && <p className="muted">{t('submissions.loading')}</p>
      ) : (
        <div className="submission-queue__groups">
          <QueueGroup
            title={t('submissions.widget.awaitingQuote')}
            empty={t('submissions.widget.noneAwaiting')}
            page={queue.data.submitted}
            language={language}
            testId="queue-submitted"
          />
          <QueueGroup
            title={t('submissions.widget.drafts')}
            empty={t('submissions.widget.noneDrafts')}
            page={queue.data.drafts}
            language={language}
            testId="queue-drafts"
          />
        </div>
      )}
      <p>
        <AppLink to={SUBMISSION_PATHS.list} data-testid="queue-view-all">
          {t('submissions.widget.viewAll')}
        </AppLink>
      </p>
    </section>
  );
}

function QueueGroup({
  title,
  empty,
  page,
  language,
  testId,
}: {
  readonly title: string;
  readonly empty: string;
  readonly page: SubmissionPageRecord;
  readonly language: string;
  readonly testId: string;
}) {
  const { t } = useTranslation();
  const format = useFormatters();
  return (
    <div className="submission-queue__group" data-testid={testId}>
      <h3 className="submission-queue__heading">
        {title}{' '}
        <span className="card__count" data-testid={`${testId}-total`}>
          {t('submissions.widget.count', { count: page.total })}
        </span>
      </h3>
      {page.items.length === 0 ? (
        <p className="muted">{empty}</p>
      ) : (
        <ul className="submission-queue__list">
          {page.items.map((item) => (
            <li key={item.id}>
              <AppLink to={pathTo(SUBMISSION_PATHS.detail, { submissionId: item.id })}>
                {organisationName(item.organisation, language)}
              </AppLink>
              <span className="muted">
                {' · '}
                <time dateTime={item.submittedAt ?? item.createdAt}>
                  {format.dateTime(item.submittedAt ?? item.createdAt)}
                </time>
              </span>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
