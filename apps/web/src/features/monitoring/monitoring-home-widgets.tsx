import { useCallback } from 'react';
import { useTranslation } from 'react-i18next';
import { fetchAlerts } from '../../api/monitoring';
import { useApiResource } from '../../api/use-api-resource';
import { ApiErrorNotice } from '../../app/api-error-notice';
import { AppLink } from '../../app/app-link';
import { pathTo } from '../../app/page-routes';
import { useFormatters } from '../../i18n/formatters';
import { organisationName } from '../../i18n/organisation-name';
import { loadInsuredSummaries } from './insured-summaries';
import { ALERT_INBOX_PATH, INSURED_FINDINGS_PATTERN } from './monitoring-paths';
import { SeverityPill, bandOfPriority } from './severity';
import './monitoring.css';

const BANDS = ['critical', 'high', 'medium', 'low'] as const;

/** A policyholder's own risk: open findings by band and the latest snapshot, per watched company. */
export function MonitoringRiskWidget() {
  const { t, i18n } = useTranslation();
  const format = useFormatters();
  const load = useCallback(
    (signal: AbortSignal) => loadInsuredSummaries({ signal, language: i18n.language }),
    [i18n.language],
  );
  const { data, error, refresh } = useApiResource(load);
  return (
    <section className="card" aria-labelledby="home-risk-title" data-testid="monitoring-risk-widget">
      <div className="card__header">
        <h2 className="card__title" id="home-risk-title">
          {t('monitoring.home.riskTitle')}
        </h2>
      </div>
      {error !== undefined && <ApiErrorNotice error={error} onRetry={() => void refresh()} />}
      {data === undefined ? (
        error === undefined && <p className="muted">{t('monitoring.loading')}</p>
      ) : data.length === 0 ? (
        <p className="muted">{t('monitoring.home.notMonitored')}</p>
      ) : (
        data.map(({ insured, organisation }) => (
          <div key={insured.id} className="home-risk">
            <AppLink to={pathTo(INSURED_FINDINGS_PATTERN, { insuredId: insured.id })}>
              {organisationName(organisation, i18n.language)}
            </AppLink>
            <ul className="home-risk__bands">
              {BANDS.map((band) => (
                <li key={band}>
                  <SeverityPill band={band} /> {format.number(insured.findings.openByBand[band])}
                </li>
              ))}
            </ul>
            <p className="hint">
              {insured.latestSnapshot === null
                ? t('monitoring.overview.neverScanned')
                : t('monitoring.home.snapshot', {
                    open: format.number(insured.latestSnapshot.openFindings),
                    kev: format.number(insured.latestSnapshot.openKnownExploited),
                    when: format.dateTime(insured.latestSnapshot.takenAt),
                  })}
            </p>
          </div>
        ))
      )}
    </section>
  );
}

/** Alerts nobody has acknowledged yet, most recent first, with the way to the inbox. */
export function MonitoringAlertsWidget() {
  const { t, i18n } = useTranslation();
  const format = useFormatters();
  const load = useCallback(
    (signal: AbortSignal) =>
      fetchAlerts({ statuses: ['created', 'delivered'] }, { signal, language: i18n.language }),
    [i18n.language],
  );
  const { data, error, refresh } = useApiResource(load);
  return (
    <section className="card" aria-labelledby="home-alerts-title" data-testid="monitoring-alerts-widget">
      <div className="card__header">
        <h2 className="card__title" id="home-alerts-title">
          {t('monitoring.home.alertsTitle')}
        </h2>
        {data !== undefined && (
          <span className="card__count">{t('monitoring.alerts.count', { count: data.total })}</span>
        )}
      </div>
      {error !== undefined && <ApiErrorNotice error={error} onRetry={() => void refresh()} />}
      {data === undefined ? (
        error === undefined && <p className="muted">{t('monitoring.loading')}</p>
      ) : data.items.length === 0 ? (
        <p className="muted">{t('monitoring.home.noAlerts')}</p>
      ) : (
        <ul className="home-alerts">
          {data.items.slice(0, 5).map((alert) => (
            <li key={alert.id} className="home-alerts__item">
              <SeverityPill band={bandOfPriority(alert.priority)} />
              <span>{alert.title}</span>
              <span className="hint">{format.dateTime(alert.createdAt)}</span>
            </li>
          ))}
        </ul>
      )}
      <p>
        <AppLink to={ALERT_INBOX_PATH}>{t('monitoring.home.toInbox')}</AppLink>
      </p>
    </section>
  );
}
