import { useCallback } from 'react';
import { useTranslation } from 'react-i18next';
import { fetchOrganisations } from '../../api/organisations';
import { fetchLiveness, fetchReadiness } from '../../api/platform-health';
import { useSession } from '../../api/session-store';
import { useApiResource } from '../../api/use-api-resource';
import { ApiErrorNotice } from '../../app/api-error-notice';
import { useDocumentTitle } from '../../app/use-document-title';
import { useFormatters } from '../../i18n/formatters';
import { DatabaseCard } from './database-card';
import { MigrationsCard } from './migrations-card';
import { OrganisationsCard } from './organisations-card';
import { OverallStatus } from './overall-status';
import { ServiceCard } from './service-card';
import './platform-health.css';

const REFRESH_INTERVAL_MS = 15_000;
/** Enough to see the demo data and a small book; the organisations page proper will page through the rest. */
const ORGANISATION_LIMIT = 20;

export function PlatformHealthPage() {
  const { t, i18n } = useTranslation();
  const format = useFormatters();
  useDocumentTitle(t('health.title'));

  const language = i18n.language;
  // Organisations need a session; the health checks do not. Another session (another account) loads anew.
  const sessionToken = useSession()?.token;
  const loadReadiness = useCallback(
    (signal: AbortSignal) => fetchReadiness({ signal, language }),
    [language],
  );
  const loadLiveness = useCallback((signal: AbortSignal) => fetchLiveness({ signal, language }), [language]);
  const loadOrganisations = useCallback(
    (signal: AbortSignal) =>
      sessionToken === undefined
        ? Promise.resolve(undefined)
        : fetchOrganisations({ limit: ORGANISATION_LIMIT }, { signal, language }),
    [language, sessionToken],
  );

  const readiness = useApiResource(loadReadiness, { refreshIntervalMs: REFRESH_INTERVAL_MS });
  const liveness = useApiResource(loadLiveness, { refreshIntervalMs: REFRESH_INTERVAL_MS });
  const organisations = useApiResource(loadOrganisations);

  const refreshing = readiness.loading || liveness.loading || organisations.loading;
  const refreshAll = (): void => {
    void Promise.all([readiness.refresh(), liveness.refresh(), organisations.refresh()]);
  };
  // One notice for the health checks: when the server is down both fail, and one message says it.
  const failedHealthCheck =
    readiness.error !== undefined ? readiness : liveness.error !== undefined ? liveness : null;
  const checkedAt = readiness.data?.checkedAt;

  return (
    <div className="health-page">
      <div className="page-header">
        <div>
          <h1 className="page-header__title">{t('health.title')}</h1>
          <p className="page-header__intro">{t('health.intro')}</p>
        </div>
        <div className="page-header__actions">
          <div className="refresh-info">
            <span data-testid="last-checked">
              {checkedAt === undefined
                ? t('health.notCheckedYet')
                : t('health.lastChecked', { time: format.dateTime(checkedAt) })}
            </span>
            <span className="muted">{t('health.autoRefresh', { seconds: REFRESH_INTERVAL_MS / 1000 })}</span>
          </div>
          <button
            type="button"
            className="button button--primary"
            onClick={refreshAll}
            aria-busy={refreshing}
            data-testid="refresh"
          >
            <svg
              className={`button__icon${refreshing ? ' button__icon--spinning' : ''}`}
              viewBox="0 0 16 16"
              aria-hidden="true"
              focusable="false"
            >
              <path d="M13.5 8a5.5 5.5 0 1 1-1.6-3.9M13.5 2.5v3.6H9.9" />
            </svg>
            {refreshing ? t('health.refreshing') : t('health.refresh')}
          </button>
        </div>
      </div>

      {failedHealthCheck !== null && (
        <ApiErrorNotice
          error={failedHealthCheck.error}
          showingStaleData={failedHealthCheck.data !== undefined}
        />
      )}

      {/* A failed check must not keep showing the last "ready": the status is unknown until one succeeds. */}
      <OverallStatus
        readiness={readiness.error === undefined ? readiness.data : undefined}
        failed={readiness.error !== undefined}
      />

      <div className="card-grid">
        <ServiceCard liveness={liveness.data} failed={liveness.error !== undefined} />
        <DatabaseCard database={readiness.data?.database} failed={readiness.error !== undefined} />
        <MigrationsCard migrations={readiness.data?.migrations} failed={readiness.error !== undefined} />
      </div>

      <OrganisationsCard
        signedIn={sessionToken !== undefined}
        page={organisations.data}
        error={organisations.error}
        onRetry={() => void organisations.refresh()}
      />
    </div>
  );
}
