import type { Liveness } from '@carapace/contracts';
import { useTranslation } from 'react-i18next';
import { useFormatters } from '../../i18n/formatters';
import { StatusIcon } from './status-icon';

interface ServiceCardProps {
  readonly liveness: Liveness | undefined;
  /** The latest /healthz request got no valid answer, so the process may be down even if it once answered. */
  readonly failed: boolean;
}

export function ServiceCard({ liveness, failed }: ServiceCardProps) {
  const { t } = useTranslation();
  const format = useFormatters();

  return (
    <section className="card" aria-labelledby="service-heading">
      <h2 id="service-heading" className="card__title">
        {t('health.service.title')}
      </h2>
      <dl className="facts">
        <div className="facts__row">
          <dt>{t('health.service.liveness')}</dt>
          <dd>
            {failed ? (
              <span className="status-pill status-pill--bad">
                <StatusIcon tone="bad" />
                {t('health.service.unreachable')}
              </span>
            ) : liveness === undefined ? (
              <span className="muted">{t('health.loading')}</span>
            ) : (
              <span className="status-pill status-pill--good">
                <StatusIcon tone="good" />
                {t('health.service.alive')}
              </span>
            )}
          </dd>
        </div>
        <div className="facts__row">
          <dt>{t('health.service.version')}</dt>
          <dd className="mono">{liveness?.version ?? '—'}</dd>
        </div>
        <div className="facts__row">
          <dt>{t('health.service.uptime')}</dt>
          <dd>{liveness === undefined ? '—' : format.duration(liveness.uptimeSeconds)}</dd>
        </div>
      </dl>
    </section>
  );
}
