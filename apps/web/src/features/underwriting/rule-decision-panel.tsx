import { useTranslation } from 'react-i18next';
import type { AssessmentValue } from '../../api/underwriting';
import { useLocalised } from './localised-text';

type Decision = AssessmentValue['decision'];

/** What the product's underwriting rules say: quote, refer to an underwriter, or decline, and why. */
export function RuleDecisionPanel({ decision }: { readonly decision: Decision }) {
  const { t } = useTranslation();
  const localised = useLocalised();
  return (
    <section className="card uw-panel" aria-labelledby="uw-rules-title" data-testid="rule-decision-panel">
      <h2 className="card__title" id="uw-rules-title">
        {t('underwriting.rules.title')}
      </h2>
      <p className="uw-figure" data-testid="rule-decision" data-decision={decision.kind}>
        {t(`underwriting.rules.decision.${decision.kind}`)}
      </p>
      {decision.rules.length === 0 ? (
        <p className="muted">{t('underwriting.rules.none')}</p>
      ) : (
        <ul className="uw-rules">
          {decision.rules.map((rule) => (
            <li key={rule.code}>
              <span className={`status-pill status-pill--${rule.outcome === 'decline' ? 'bad' : 'neutral'}`}>
                {t(`underwriting.rules.outcome.${rule.outcome}`)}
              </span>{' '}
              {localised(rule.reason)}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
