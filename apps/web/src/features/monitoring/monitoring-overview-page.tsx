import { useCallback } from 'react';
import { useTranslation } from 'react-i18next';
import { fetchFeedStatus } from '../../api/monitoring';
import { useApiResource } from '../../api/use-api-resource';
import { ApiErrorNotice } from '../../app/api-error-notice';
import { AppLink } from '../../app/app-link';
import { pathTo } from '../../app/page-routes';
import { useDocumentTitle } from '../../app/use-document-title';
import { useFormatters } from '../../i18n/formatters';
import { organisationName } from '../../i18n/organisation-name';
import { loadInsuredSummaries } from './insured-summaries';
import { ALERT_INBOX_PATH, INSURED_FINDINGS_PATTERN } from './monitoring-paths';
import './monitoring.css';

const BANDS = ['critical', 'high', 'medium', 'low'] as const;

export function MonitoringOverviewPage() {
  const { t } = useTranslation();
  useDocumentTitle(t('monitoring.overview.title'));
  return (
    <div className="monitoring-page">
      <div className="page-header">
        <div>
          <h1 className="page-header__title">{t('monitoring.overview.title')}</h1>
          <p className="page-header__intro">{t('monitoring.overview.intro')}</p>
        </div>
        <div className="page-header__actions">
          <AppLink to={ALERT_INBOX_PATH} className="button button--secondary">
            {t('monitoring.alerts.title')}
          </AppLink>
        </div>
      </div>
      <InsuredsCard />
      <FeedRunsCard />
    </div>
  );
}

function InsuredsCard() {
  const { t, i18n } = useTranslation();
  const format = useFormatters();
  const load = useCallback(
    (signal: AbortSignal) => loadInsuredSummaries({ signal, language: i18n.language }),
    [i18n.language],
  );
  const { data, error, refresh } = useApiResource(load);

  let content;
  if (data === undefined) {
    content =
      error === undefined ? (
        <p className="muted">{t('monitoring.loading')}</p>
      ) : (
        <ApiErrorNotice error={error} onRetry={() => void refresh()} />
      );
  } else if (data.length === 0) {
    content = <p className="muted">{t('monitoring.overview.empty')}</p>;
  } else {
    content = (
      <div className="table-scroll">
        <table className="table" data-testid="monitored-insureds">
          <caption className="visually-hidden">{t('monitoring.overview.insuredsTitle')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('monitoring.overview.columns.insured')}</th>
              {BANDS.map((band) => (
                <th scope="col" key={band} className="numeric">
                  {t(`monitoring.bands.${band}`)}
                </th>
              ))}
              <th scope="col" className="numeric">
                {t('monitoring.overview.columns.kev')}
              </th>
              <th scope="col" className="numeric">
                {t('monitoring.overview.columns.score')}
              </th>
              <th scope="col">{t('monitoring.overview.columns.lastScan')}</th>
            </tr>
          </thead>
          <tbody>
            {data.map(({ insured, organisation }) => (
              <tr key={insured.id}>
                <th scope="row">
                  <AppLink to={pathTo(INSURED_FINDINGS_PATTERN, { insuredId: insured.id })}>
                    {organisationName(organisation, i18n.language)}
                  </AppLink>
                  {insured.policyId === null && (
                    <span className="hint monitoring-note">{t('monitoring.overview.noPolicy')}</span>
                  )}
                </th>
                {BANDS.map((band) => (
                  <td key={band} className="numeric">
                    <span
                      className={
                        insured.findings.openByBand[band] > 0 ? `band-count band-count--${band}` : 'muted'
                      }
                    >
                      {format.number(insured.findings.openByBand[band])}
                    </span>
                  </td>
                ))}
                <td className="numeric">{format.number(insured.findings.openKnownExploited)}</td>
                <td className="numeric">
                  {insured.latestSnapshot === null || insured.latestSnapshot.score === null
                    ? t('monitoring.none')
                    : format.number(insured.latestSnapshot.score, 1)}
                </td>
                <td>
                  {insured.latestInventory === null
                    ? t('monitoring.overview.neverScanned')
                    : format.dateTime(insured.latestSnapshot?.takenAt ?? insured.latestInventory.uploadedAt)}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    );
  }
  return (
    <section className="card" aria-labelledby="monitored-insureds-title">
      <div className="card__header">
        <h2 className="card__title" id="monitored-insureds-title">
          {t('monitoring.overview.insuredsTitle')}
        </h2>
      </div>
      {data !== undefined && error !== undefined && (
        <ApiErrorNotice error={error} showingStaleData onRetry={() => void refresh()} />
      )}
      {content}
    </section>
  );
}

function FeedRunsCard() {
  const { t, i18n } = useTranslation();
  const format = useFormatters();
  const load = useCallback(
    (signal: AbortSignal) => fetchFeedStatus({ signal, language: i18n.language }),
    [i18n.language],
  );
  const { data, error, refresh } = useApiResource(load);

  let content;
  if (data === undefined) {
    content =
      error === undefined ? (
        <p className="muted">{t('monitoring.loading')}</p>
      ) : (
        <ApiErrorNotice error={error} onRetry={() => void refresh()} />
      );
  } else if (data.runs.length === 0) {
    content = <p className="muted">{t('monitoring.feeds.empty')}</p>;
  } else {
    content = (
      <>
        <ul className="feed-status" aria-label={t('monitoring.feeds.statusLabel')}>
          {data.feeds.map((feed) => (
            <li key={feed.feed} className="feed-status__item">
              <span className="feed-status__name">{t(`monitoring.feeds.kinds.${feed.feed}`)}</span>
              <span className="muted">
                {feed.lastSuccess === null
                  ? t('monitoring.feeds.neverSucceeded')
                  : t('monitoring.feeds.lastSuccess', {
                      when: format.dateTime(feed.lastSuccess.finishedAt ?? feed.lastSuccess.startedAt),
                    })}
              </span>
            </li>
          ))}
        </ul>
        <div className="table-scroll">
          <table className="table" data-testid="feed-runs">
            <caption className="visually-hidden">{t('monitoring.feeds.title')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('monitoring.feeds.columns.feed')}</th>
                <th scope="col">{t('monitoring.feeds.columns.startedAt')}</th>
                <th scope="col">{t('monitoring.feeds.columns.status')}</th>
                <th scope="col" className="numeric">
                  {t('monitoring.feeds.columns.added')}
                </th>
                <th scope="col" className="numeric">
                  {t('monitoring.feeds.columns.changed')}
                </th>
                <th scope="col" className="numeric">
                  {t('monitoring.feeds.columns.rejected')}
                </th>
                <th scope="col">{t('monitoring.feeds.columns.source')}</th>
              </tr>
            </thead>
            <tbody>
              {data.runs.map((run) => (
                <tr key={run.id}>
                  <th scope="row">{t(`monitoring.feeds.kinds.${run.feed}`)}</th>
                  <td>{format.dateTime(run.startedAt)}</td>
                  <td>
                    <span
                      className={`status-pill ${run.status === 'succeeded' ? 'status-pill--good' : run.status === 'failed' ? 'status-pill--bad' : 'status-pill--neutral'}`}
                    >
                      {t(`monitoring.feeds.status.${run.status}`)}
                    </span>
                    {run.error !== null && <div className="danger monitoring-note">{run.error}</div>}
                  </td>
                  <td className="numeric">{format.number(run.added)}</td>
                  <td className="numeric">{format.number(run.changed)}</td>
                  <td className="numeric">{format.number(run.rejected)}</td>
                  <td>
                    <span className="mono">{run.location}</span>
                    {run.sourceVersion !== null && <div className="hint">{run.sourceVersion}</div>}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </>
    );
  }
  return (
    <section className="card" aria-labelledby="feed-runs-title">
      <div className="card__header">
        <h2 className="card__title" id="feed-runs-title">
          {t('monitoring.feeds.title')}
        </h2>
      </div>
      {content}
    </section>
  );
}
