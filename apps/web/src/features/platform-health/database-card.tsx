import type { Readiness } from '@carapace/contracts';
import { useTranslation } from 'react-i18next';
import { useFormatters } from '../../i18n/formatters';
import { StatusIcon } from './status-icon';

interface DatabaseCardProps {
  readonly database: Readiness['database'] | undefined;
  /** The latest /readyz request failed; without earlier data there is nothing to show but that. */
  readonly failed: boolean;
}

export function DatabaseCard({ database, failed }: DatabaseCardProps) {
  const { t } = useTranslation();
  const format = useFormatters();

  return (
    <section className="card" aria-labelledby="database-heading">
      <h2 id="database-heading" className="card__title">
        {t('health.database.title')}
      </h2>
      {database === undefined ? (
        <p className="muted">{t(failed ? 'health.unavailable' : 'health.loading')}</p>
      ) : (
        <dl className="facts">
          <div className="facts__row">
            <dt>{t('health.database.engine')}</dt>
            <dd data-testid="database-engine">{t(`health.database.engines.${database.engine}`)}</dd>
          </div>
          <div className="facts__row">
            <dt>{t('health.database.connection')}</dt>
            <dd>
              <span className={`status-pill status-pill--${database.reachable ? 'good' : 'bad'}`}>
                <StatusIcon tone={database.reachable ? 'good' : 'bad'} />
                {t(database.reachable ? 'health.database.reachable' : 'health.database.unreachable')}
              </span>
            </dd>
          </div>
          <div className="facts__row">
            <dt>{t('health.database.location')}</dt>
            <dd className="mono wrap">{database.description}</dd>
          </div>
          <div className="facts__row">
            <dt>{t('health.database.serverVersion')}</dt>
            <dd className="mono">{database.serverVersion ?? t('health.database.notReported')}</dd>
          </div>
          <div className="facts__row">
            <dt>{t('health.database.latency')}</dt>
            <dd>
              {database.latencyMs === undefined
                ? t('health.database.notReported')
                : format.milliseconds(database.latencyMs)}
            </dd>
          </div>
          {database.error !== undefined && (
            <div className="facts__row">
              <dt>{t('health.database.error')}</dt>
              <dd className="mono wrap danger">{database.error}</dd>
            </div>
          )}
        </dl>
      )}
    </section>
  );
}
