import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import type { AssessmentValue } from '../../api/underwriting';
import { EChart, type ChartOption } from '../../charts/echart';
import { useFormatters } from '../../i18n/formatters';

type Losses = AssessmentValue['losses'];
type Distribution = Losses['gross'];

/** Points a log–log chart can draw: a zero loss or a zero probability has no place on a log axis. */
function curvePoints(distribution: Distribution): [number, number][] {
  return distribution.exceedance
    .filter((point) => point.threshold > 0 && point.probability > 0)
    .map((point) => [point.threshold, point.probability]);
}

/**
 * The loss-exceedance curve: the chance in a year that losses exceed each amount, gross and insured, both axes
 * logarithmic because losses span several orders of magnitude and the tail is what matters. The return-period
 * losses are marked on the gross curve and listed in the table beside it.
 */
export function LossExceedancePanel({ losses }: { readonly losses: Losses }) {
  const { t } = useTranslation();
  const format = useFormatters();

  const insuredByYears = new Map(losses.insured.returnPeriodLosses.map((item) => [item.years, item.loss]));
  const option = useMemo<ChartOption>(() => {
    const markers = losses.gross.returnPeriodLosses
      .filter((item) => item.loss > 0)
      .map((item) => ({
        name: t('underwriting.lec.returnPeriodShort', { years: item.years }),
        coord: [item.loss, 1 / item.years],
        value: t('underwriting.lec.returnPeriodShort', { years: item.years }),
      }));
    return {
      grid: { left: 64, right: 24, top: 36, bottom: 48 },
      legend: { top: 0 },
      tooltip: {
        trigger: 'axis',
        valueFormatter: (value) => (typeof value === 'number' ? format.percent(value, 3) : String(value)),
      },
      xAxis: {
        type: 'log',
        name: t('underwriting.lec.lossAxis'),
        nameLocation: 'middle',
        nameGap: 28,
        axisLabel: { formatter: (value: number) => format.compactMoney(value) },
      },
      yAxis: {
        type: 'log',
        name: t('underwriting.lec.probabilityAxis'),
        min: 1e-4,
        max: 1,
        axisLabel: { formatter: (value: number) => format.percent(value, 2) },
      },
      series: [
        {
          type: 'line',
          name: t('underwriting.lec.gross'),
          showSymbol: false,
          data: curvePoints(losses.gross),
          markPoint: {
            symbol: 'pin',
            symbolSize: 38,
            label: { fontSize: 9 },
            data: markers,
          },
        },
        {
          type: 'line',
          name: t('underwriting.lec.insured'),
          showSymbol: false,
          lineStyle: { type: 'dashed' },
          data: curvePoints(losses.insured),
        },
      ],
    };
  }, [losses, t, format]);

  return (
    <section className="card uw-panel" aria-labelledby="uw-lec-title" data-testid="loss-exceedance-panel">
      <h2 className="card__title" id="uw-lec-title">
        {t('underwriting.lec.title')}
      </h2>
      <p className="card__intro">{t('underwriting.lec.intro')}</p>
      <div className="uw-split">
        <EChart
          option={option}
          height={320}
          testId="loss-exceedance-chart"
          label={t('underwriting.lec.chartLabel')}
        />
        <div className="table-scroll">
          <table className="table uw-table--compact" data-testid="return-period-table">
            <caption className="visually-hidden">{t('underwriting.lec.tableCaption')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('underwriting.lec.returnPeriod')}</th>
                <th scope="col" className="uw-num">
                  {t('underwriting.lec.gross')}
                </th>
                <th scope="col" className="uw-num">
                  {t('underwriting.lec.insured')}
                </th>
              </tr>
            </thead>
            <tbody>
              {losses.gross.returnPeriodLosses.map((item) => (
                <tr key={item.years}>
                  <th scope="row">{t('underwriting.lec.oneIn', { years: item.years })}</th>
                  <td className="uw-num">{format.money(Math.round(item.loss))}</td>
                  <td className="uw-num">{format.money(Math.round(insuredByYears.get(item.years) ?? 0))}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </div>
    </section>
  );
}
