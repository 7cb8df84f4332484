import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import type { AssessmentValue } from '../../api/underwriting';
import { EChart, type ChartOption } from '../../charts/echart';
import { useFormatters } from '../../i18n/formatters';

type Losses = AssessmentValue['losses'];

/** Expected annual loss before and after the cover, in total and per section: what the insurance takes on. */
export function ExpectedLossPanel({ losses }: { readonly losses: Losses }) {
  const { t } = useTranslation();
  const format = useFormatters();
  const sectionNames = useMemo(
    () => losses.sections.map((item) => t(`underwriting.sections.${item.section}`)),
    [losses, t],
  );

  const option = useMemo<ChartOption>(
    () => ({
      grid: { left: 150, right: 24, top: 32, bottom: 28 },
      legend: { top: 0 },
      tooltip: {
        trigger: 'axis',
        axisPointer: { type: 'shadow' },
        valueFormatter: (value) =>
          typeof value === 'number' ? format.money(Math.round(value)) : String(value),
      },
      xAxis: { type: 'value', axisLabel: { formatter: (value: number) => format.compactMoney(value) } },
      yAxis: { type: 'category', data: sectionNames, inverse: true },
      series: [
        {
          type: 'bar',
          name: t('underwriting.expectedLoss.gross'),
          data: losses.sections.map((s) => s.grossMean),
        },
        {
          type: 'bar',
          name: t('underwriting.expectedLoss.insured'),
          data: losses.sections.map((s) => s.insuredMean),
        },
      ],
    }),
    [losses, sectionNames, t, format],
  );

  const insuredShare = losses.gross.mean > 0 ? losses.insured.mean / losses.gross.mean : 0;

  return (
    <section className="card uw-panel" aria-labelledby="uw-el-title" data-testid="expected-loss-panel">
      <h2 className="card__title" id="uw-el-title">
        {t('underwriting.expectedLoss.title')}
      </h2>
      <dl className="uw-kpis">
        <div className="uw-kpi">
          <dt>{t('underwriting.expectedLoss.gross')}</dt>
          <dd data-testid="expected-gross-loss">{format.money(Math.round(losses.gross.mean))}</dd>
        </div>
        <div className="uw-kpi">
          <dt>{t('underwriting.expectedLoss.insured')}</dt>
          <dd data-testid="expected-insured-loss">{format.money(Math.round(losses.insured.mean))}</dd>
        </div>
        <div className="uw-kpi">
          <dt>{t('underwriting.expectedLoss.retained')}</dt>
          <dd>{format.money(Math.round(losses.retained.mean))}</dd>
        </div>
        <div className="uw-kpi">
          <dt>{t('underwriting.expectedLoss.insuredShare')}</dt>
          <dd>{format.percent(insuredShare)}</dd>
        </div>
      </dl>
      <div className="uw-split">
        <EChart
          option={option}
          height={260}
          testId="expected-loss-chart"
          label={t('underwriting.expectedLoss.chartLabel')}
        />
        <div className="table-scroll">
          <table className="table uw-table--compact">
            <caption className="visually-hidden">{t('underwriting.expectedLoss.tableCaption')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('underwriting.coverage.section')}</th>
                <th scope="col" className="uw-num">
                  {t('underwriting.expectedLoss.gross')}
                </th>
                <th scope="col" className="uw-num">
                  {t('underwriting.expectedLoss.insured')}
                </th>
              </tr>
            </thead>
            <tbody>
              {losses.sections.map((item, index) => (
                <tr key={item.section}>
                  <th scope="row">{sectionNames[index]}</th>
                  <td className="uw-num">{format.money(Math.round(item.grossMean))}</td>
                  <td className="uw-num">{format.money(Math.round(item.insuredMean))}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </div>
    </section>
  );
}
