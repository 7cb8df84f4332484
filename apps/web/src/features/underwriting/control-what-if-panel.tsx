import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import {
  fetchControlWhatIf,
  type ControlId,
  type ControlWhatIfValue,
  type SubmissionValue,
} from '../../api/underwriting';
import { ApiErrorNotice } from '../../app/api-error-notice';
import { useFormatters } from '../../i18n/formatters';
import { useLocalised } from './localised-text';

/** Long enough to take a few quick clicks as one change, short enough to feel live. */
const REPRICE_DELAY_MS = 350;

/**
 * The control what-if: every control the company could add (or evidence), priced alone, each with a switch;
 * the switched-on ones are priced together as one plan, re-priced live as they change. Only the latest
 * request counts: a change cancels the request still running for the previous one.
 */
export function ControlWhatIfPanel({ submission }: { readonly submission: SubmissionValue }) {
  const { t, i18n } = useTranslation();
  const format = useFormatters();
  const localised = useLocalised();
  const [selected, setSelected] = useState<readonly ControlId[]>([]);
  const [whatIf, setWhatIf] = useState<ControlWhatIfValue | undefined>(undefined);
  const [error, setError] = useState<unknown>(undefined);
  const [pending, setPending] = useState(true);
  const [attempt, setAttempt] = useState(0);
  // The answer carries its names in both languages, so a language switch or a reload of the same submission
  // re-prices nothing (and cancels nothing): only a change of profile or of the chosen controls does.
  const latest = useRef({ submission, language: i18n.language });
  useEffect(() => {
    latest.current = { submission, language: i18n.language };
  });
  const profileKey = JSON.stringify([
    submission.id,
    submission.productId,
    submission.productVersion,
    submission.profile,
  ]);

  useEffect(() => {
    const controller = new AbortController();
    setPending(true);
    const timer = window.setTimeout(() => {
      const { submission: current, language } = latest.current;
      fetchControlWhatIf(current, selected, { signal: controller.signal, language })
        .then((answer) => {
          if (controller.signal.aborted) return;
          setWhatIf(answer);
          setError(undefined);
          setPending(false);
        })
        .catch((caught: unknown) => {
          if (controller.signal.aborted) return;
          setError(caught);
          setPending(false);
        });
    }, REPRICE_DELAY_MS);
    return () => {
      window.clearTimeout(timer);
      controller.abort();
    };
  }, [profileKey, selected, attempt]);

  const toggle = (control: ControlId, on: boolean): void => {
    setSelected((current) => (on ? [...current, control] : current.filter((item) => item !== control)));
  };

  const plan = selected.length > 0 ? whatIf?.combination : undefined;
  // The combination shown must be the one asked for: while a new answer is on its way the old one is stale.
  const planIsCurrent =
    plan !== undefined &&
    plan.controls.length === selected.length &&
    selected.every((control) => plan.controls.includes(control));

  return (
    <section className="card uw-panel" aria-labelledby="uw-whatif-title" data-testid="what-if-panel">
      <div className="card__header">
        <div>
          <h2 className="card__title" id="uw-whatif-title">
            {t('underwriting.whatIf.title')}
          </h2>
          <p className="card__intro">{t('underwriting.whatIf.intro')}</p>
        </div>
      </div>
      {error !== undefined && (
        <ApiErrorNotice
          error={error}
          showingStaleData={whatIf !== undefined}
          onRetry={() => {
            setAttempt((count) => count + 1);
          }}
        />
      )}
      {whatIf === undefined ? (
        error === undefined && <p className="muted">{t('underwriting.whatIf.loading')}</p>
      ) : (
        <>
          <dl
            className="uw-kpis"
            aria-live="polite"
            aria-busy={pending}
            data-testid="what-if-summary"
            data-pending={pending}
          >
            <div className="uw-kpi">
              <dt>{t('underwriting.whatIf.currentPremium')}</dt>
              <dd data-testid="what-if-baseline-premium">{format.money(whatIf.baseline.premium)}</dd>
            </div>
            <div className="uw-kpi">
              <dt>{t('underwriting.whatIf.planPremium')}</dt>
              <dd data-testid="what-if-plan-premium">
                {selected.length === 0
                  ? t('underwriting.whatIf.noneSelected')
                  : planIsCurrent
                    ? format.money(plan.premium)
                    : t('underwriting.whatIf.repricing')}
              </dd>
            </div>
            <div className="uw-kpi">
              <dt>{t('underwriting.whatIf.premiumSaved')}</dt>
              <dd data-testid="what-if-plan-saved">
                {planIsCurrent ? format.money(plan.premiumSaved) : '—'}
              </dd>
            </div>
            <div className="uw-kpi">
              <dt>{t('underwriting.whatIf.expectedLossChange')}</dt>
              <dd>
                {planIsCurrent
                  ? t('underwriting.whatIf.lossFromTo', {
                      from: format.money(Math.round(whatIf.baseline.expectedGrossLoss)),
                      to: format.money(Math.round(plan.expectedGrossLoss)),
                    })
                  : '—'}
              </dd>
            </div>
            <div className="uw-kpi">
              <dt>{t('underwriting.whatIf.score')}</dt>
              <dd>
                {planIsCurrent
                  ? t('underwriting.whatIf.scoreFromTo', { from: whatIf.baseline.score, to: plan.score })
                  : format.number(whatIf.baseline.score, 0)}
              </dd>
            </div>
          </dl>
          {whatIf.options.length === 0 ? (
            <p className="muted">{t('underwriting.whatIf.nothingToAdd')}</p>
          ) : (
            <div className="table-scroll">
              <table className="table uw-table--compact" data-testid="what-if-table">
                <caption className="visually-hidden">{t('underwriting.whatIf.title')}</caption>
                <thead>
                  <tr>
                    <th scope="col">{t('underwriting.whatIf.include')}</th>
                    <th scope="col">{t('underwriting.whatIf.control')}</th>
                    <th scope="col">{t('underwriting.whatIf.change')}</th>
                    <th scope="col" className="uw-num">
                      {t('underwriting.whatIf.premiumAlone')}
                    </th>
                    <th scope="col" className="uw-num">
                      {t('underwriting.whatIf.savedAlone')}
                    </th>
                    <th scope="col" className="uw-num">
                      {t('underwriting.whatIf.lossReductionAlone')}
                    </th>
                  </tr>
                </thead>
                <tbody>
                  {whatIf.options.map((option) => {
                    const inputId = `uw-whatif-${option.control}`;
                    return (
                      <tr key={option.control} data-control={option.control}>
                        <td>
                          <input
                            id={inputId}
                            type="checkbox"
                            className="uw-switch"
                            role="switch"
                            checked={selected.includes(option.control)}
                            onChange={(event) => {
                              toggle(option.control, event.target.checked);
                            }}
                          />
                        </td>
                        <th scope="row">
                          <label htmlFor={inputId}>{localised(option.name)}</label>
                        </th>
                        <td className="muted">{t(`underwriting.whatIf.changes.${option.change}`)}</td>
                        <td className="uw-num">{format.money(option.premium)}</td>
                        <td className="uw-num">{format.money(option.premiumSaved)}</td>
                        <td className="uw-num">
                          {format.money(Math.round(option.expectedGrossLossReduction))}
                        </td>
                      </tr>
                    );
                  })}
                </tbody>
              </table>
            </div>
          )}
        </>
      )}
    </section>
  );
}
