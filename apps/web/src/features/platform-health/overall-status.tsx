import type { Readiness } from '@carapace/contracts';
import { useTranslation } from 'react-i18next';
import { StatusIcon } from './status-icon';

interface OverallStatusProps {
  readonly readiness: Readiness | undefined;
  readonly failed: boolean;
}

export function OverallStatus({ readiness, failed }: OverallStatusProps) {
  const { t } = useTranslation();

  let tone: 'good' | 'bad' | 'neutral';
  let label: string;
  let summary: string;
  if (readiness !== undefined) {
    const ready = readiness.status === 'ready';
    tone = ready ? 'good' : 'bad';
    label = t(ready ? 'health.overall.ready' : 'health.overall.not_ready');
    summary = t(ready ? 'health.overall.readySummary' : 'health.overall.notReadySummary');
  } else if (failed) {
    tone = 'bad';
    label = t('health.overall.unknown');
    summary = t('health.overall.unknownSummary');
  } else {
    tone = 'neutral';
    label = t('health.overall.checking');
    summary = t('health.loading');
  }

  return (
    <section className={`overall overall--${tone}`} aria-labelledby="overall-heading">
      <h2 id="overall-heading" className="overall__label">
        {t('health.overall.label')}
      </h2>
      <p className="overall__status" data-testid="overall-status">
        <span className={`status-pill status-pill--large status-pill--${tone}`}>
          <StatusIcon tone={tone} />
          {label}
        </span>
      </p>
      <p className="overall__summary">{summary}</p>
    </section>
  );
}
