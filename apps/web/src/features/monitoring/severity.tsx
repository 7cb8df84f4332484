import { useTranslation } from 'react-i18next';
import type { SeverityBandCode } from '../../api/monitoring';

/** The band of a priority score (docs/monitoring.md, "Finding priority"): the same cut points as findings. */
export function bandOfPriority(priority: number): SeverityBandCode {
  if (priority >= 85) return 'critical';
  if (priority >= 70) return 'high';
  if (priority >= 40) return 'medium';
  return 'low';
}

export function SeverityPill({
  band,
  priority,
}: {
  readonly band: SeverityBandCode;
  readonly priority?: number;
}) {
  const { t } = useTranslation();
  return (
    <span className={`severity-pill severity-pill--${band}`}>
      {t(`monitoring.bands.${band}`)}
      {priority !== undefined && <span className="severity-pill__score"> {Math.round(priority)}</span>}
    </span>
  );
}

export function KevBadge() {
  const { t } = useTranslation();
  return (
    <span className="kev-badge" title={t('monitoring.kevTitle')}>
      KEV
    </span>
  );
}
