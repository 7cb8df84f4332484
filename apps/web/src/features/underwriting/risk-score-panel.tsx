import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import type { AssessmentValue } from '../../api/underwriting';
import { EChart, type ChartOption } from '../../charts/echart';
import { useFormatters } from '../../i18n/formatters';
import { useLocalised } from './localised-text';

type RiskScore = AssessmentValue['score'];

// The rate plan's bands (docs/underwriting-model.md): below 30 low, below 50 moderate, below 70 elevated.
const BAND_COLOURS: [number, string][] = [
  [0.3, '#16a34a'],
  [0.5, '#ca8a04'],
  [0.7, '#ea580c'],
  [1, '#dc2626'],
];

/** The risk score on a gauge, and every factor's points beside it (they add up to the score). */
export function RiskScorePanel({ score }: { readonly score: RiskScore }) {
  const { t } = useTranslation();
  const format = useFormatters();
  const localised = useLocalised();
  const bandName = t(`underwriting.band.${score.band}`);

  const option = useMemo<ChartOption>(
    () => ({
      series: [
        {
          type: 'gauge',
          min: 0,
          max: 100,
          splitNumber: 5,
          radius: '95%',
          axisLine: { lineStyle: { width: 14, color: BAND_COLOURS } },
          pointer: { width: 5 },
          axisTick: { distance: -14, length: 6 },
          splitLine: { distance: -14, length: 14 },
          axisLabel: { distance: 18, fontSize: 11 },
          detail: { valueAnimation: false, fontSize: 30, offsetCenter: [0, '62%'], formatter: '{value}' },
          title: { offsetCenter: [0, '88%'], fontSize: 14 },
          data: [{ value: score.score, name: bandName }],
        },
      ],
    }),
    [score.score, bandName],
  );
  const largest = Math.max(1, ...score.contributions.map((item) => Math.abs(item.points)));

  return (
    <section className="card uw-panel" aria-labelledby="uw-score-title" data-testid="risk-score-panel">
      <h2 className="card__title" id="uw-score-title">
        {t('underwriting.score.title')}
      </h2>
      <div className="uw-split uw-split--narrow-chart">
        <div>
          <EChart
            option={option}
            height={240}
            testId="risk-score-gauge"
            label={t('underwriting.score.chartLabel', { score: score.score, band: bandName })}
          />
          <p className="uw-figure" data-testid="risk-score-value" data-score={score.score}>
            {t('underwriting.score.summary', { score: score.score, band: bandName })}
          </p>
          <p className="hint">{t('underwriting.score.explain')}</p>
        </div>
        <div className="table-scroll">
          <table className="table uw-table--compact" data-testid="score-contributions">
            <caption className="visually-hidden">{t('underwriting.score.contributions')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('underwriting.score.factor')}</th>
                <th scope="col">{t('underwriting.score.source')}</th>
                <th scope="col" className="uw-num">
                  {t('underwriting.score.points')}
                </th>
              </tr>
            </thead>
            <tbody>
              {score.contributions.map((contribution) => (
                <tr key={contribution.factor}>
                  <th scope="row" className="uw-factor">
                    {localised(contribution.label)}
                  </th>
                  <td className="muted">{t(`underwriting.score.sources.${contribution.source}`)}</td>
                  <td className="uw-num">
                    <span className="uw-points">
                      <span
                        aria-hidden="true"
                        className={`uw-points__bar ${contribution.points < 0 ? 'uw-points__bar--down' : ''}`}
                        style={{ width: `${(Math.abs(contribution.points) / largest) * 100}%` }}
                      />
                      <span>
                        {contribution.points > 0 && contribution.factor !== 'base' ? '+' : ''}
                        {format.number(contribution.points, 0)}
                      </span>
                    </span>
                  </td>
                </tr>
              ))}
            </tbody>
            <tfoot>
              <tr>
                <th scope="row" colSpan={2}>
                  {t('underwriting.score.total')}
                </th>
                <td className="uw-num">{format.number(score.score, 0)}</td>
              </tr>
            </tfoot>
          </table>
        </div>
      </div>
    </section>
  );
}
