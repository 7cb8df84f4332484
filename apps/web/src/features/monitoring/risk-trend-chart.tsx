import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import type { RiskSnapshotData } from '../../api/monitoring';
import { EChart, type ChartOption } from '../../charts/echart';
import { useFormatters } from '../../i18n/formatters';

/** The insured's mid-term risk trend: open, critical and known-exploited findings at each snapshot. */
export function RiskTrendChart({ snapshots }: { readonly snapshots: readonly RiskSnapshotData[] }) {
  const { t } = useTranslation();
  const format = useFormatters();
  const option = useMemo<ChartOption>(() => {
    const ordered = [...snapshots].sort((a, b) => a.takenAt.localeCompare(b.takenAt));
    const labels = ordered.map((snapshot) => format.dateTime(snapshot.takenAt));
    const series = (name: string, values: number[]) => ({
      type: 'line' as const,
      name,
      data: values,
      showSymbol: true,
      symbolSize: 8,
    });
    return {
      tooltip: { trigger: 'axis' },
      legend: { top: 0 },
      grid: { left: 40, right: 16, top: 36, bottom: 32 },
      xAxis: { type: 'category', data: labels },
      yAxis: { type: 'value', minInterval: 1 },
      series: [
        series(
          t('monitoring.trend.open'),
          ordered.map((snapshot) => snapshot.openFindings),
        ),
        series(
          t('monitoring.trend.critical'),
          ordered.map((snapshot) => snapshot.openCritical),
        ),
        series(
          t('monitoring.trend.kev'),
          ordered.map((snapshot) => snapshot.openKnownExploited),
        ),
      ],
    };
  }, [snapshots, t, format]);
  return <EChart option={option} label={t('monitoring.trend.label')} height={220} testId="risk-trend" />;
}
