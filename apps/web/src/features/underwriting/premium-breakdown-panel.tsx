import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import type { AssessmentValue } from '../../api/underwriting';
import { EChart, type ChartOption } from '../../charts/echart';
import { useFormatters } from '../../i18n/formatters';

type Premium = AssessmentValue['premium'];

const PARTS = [
  'expectedInsuredLoss',
  'riskLoad',
  'expenses',
  'profit',
  'rounding',
  'minimumPremiumTopUp',
] as const;

/** How the premium is built: its parts add up exactly to it (docs/underwriting-model.md, Premium). */
export function PremiumBreakdownPanel({ premium }: { readonly premium: Premium }) {
  const { t } = useTranslation();
  const format = useFormatters();

  const option = useMemo<ChartOption>(
    () => ({
      grid: { left: 8, right: 8, top: 40, bottom: 8, containLabel: false },
      legend: { top: 0, type: 'plain' },
      tooltip: {
        trigger: 'item',
        valueFormatter: (value) => (typeof value === 'number' ? format.money(value) : String(value)),
      },
      xAxis: { type: 'value', show: false, max: Number(premium.premium.amount) },
      yAxis: { type: 'category', show: false, data: [''] },
      series: PARTS.filter((part) => Number(premium[part].amount) > 0).map((part) => ({
        type: 'bar' as const,
        stack: 'premium',
        name: t(`underwriting.premium.parts.${part}`),
        barWidth: 28,
        data: [Number(premium[part].amount)],
      })),
    }),
    [premium, t, format],
  );

  return (
    <section
      className="card uw-panel"
      aria-labelledby="uw-premium-title"
      data-testid="premium-breakdown-panel"
    >
      <h2 className="card__title" id="uw-premium-title">
        {t('underwriting.premium.title')}
      </h2>
      <p className="uw-figure uw-figure--large" data-testid="assessment-premium">
        {format.money(premium.premium)}
      </p>
      <EChart
        option={option}
        height={100}
        testId="premium-chart"
        label={t('underwriting.premium.chartLabel')}
      />
      <table className="table uw-table--compact uw-table--narrow" data-testid="premium-breakdown">
        <caption className="visually-hidden">{t('underwriting.premium.title')}</caption>
        <tbody>
          {PARTS.map((part) => (
            <tr key={part}>
              <th scope="row">{t(`underwriting.premium.parts.${part}`)}</th>
              <td className="uw-num">{format.money(premium[part])}</td>
            </tr>
          ))}
        </tbody>
        <tfoot>
          <tr>
            <th scope="row">{t('underwriting.premium.parts.premium')}</th>
            <td className="uw-num">{format.money(premium.premium)}</td>
          </tr>
        </tfoot>
      </table>
    </section>
  );
}
