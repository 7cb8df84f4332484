import { useState, type SubmitEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { Session } from '../../api/session-store';
import {
  requestQuotes,
  type CoverageChoiceValue,
  type ProductValue,
  type QuoteValue,
  type SubmissionValue,
} from '../../api/underwriting';
import { ApiErrorNotice } from '../../app/api-error-notice';
import { useFormatters } from '../../i18n/formatters';
import { QuoteComparison } from './quote-comparison';

/** The API takes one to three cover options per request. */
const MAX_OPTIONS = 3;

function defaultOption(product: ProductValue): CoverageChoiceValue {
  return {
    sections: product.sections.map((section) => ({
      section: section.id,
      limit: section.defaultLimit,
      retention: section.defaultRetention,
    })),
    policyAggregate: product.defaultPolicyAggregate,
  };
}

interface QuoteOptionsPanelProps {
  readonly session: Session;
  readonly submission: SubmissionValue;
  readonly product: ProductValue;
  readonly quotes: readonly QuoteValue[];
  readonly onQuoted: () => void;
}

/** Up to three cover options to quote, and the submission's quotes side by side. */
export function QuoteOptionsPanel({
  session,
  submission,
  product,
  quotes,
  onQuoted,
}: QuoteOptionsPanelProps) {
  const { t } = useTranslation();
  const [options, setOptions] = useState<readonly CoverageChoiceValue[]>(() => [defaultOption(product)]);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(undefined);
  const mayQuote = session.roles.includes('underwriter');

  const update = (index: number, change: (option: CoverageChoiceValue) => CoverageChoiceValue): void => {
    setOptions((current) => current.map((option, at) => (at === index ? change(option) : option)));
  };

  const submit = async (event: SubmitEvent<HTMLFormElement>): Promise<void> => {
    event.preventDefault();
    if (busy) return;
    setBusy(true);
    setError(undefined);
    try {
      await requestQuotes(submission.id, options);
      onQuoted();
    } catch (caught) {
      setError(caught);
    } finally {
      setBusy(false);
    }
  };

  return (
    <section className="card uw-panel" aria-labelledby="uw-options-title" data-testid="quote-options-panel">
      <h2 className="card__title" id="uw-options-title">
        {t('underwriting.options.title')}
      </h2>
      {!mayQuote ? (
        <p className="muted">{t('underwriting.options.underwritersOnly')}</p>
      ) : submission.status !== 'submitted' ? (
        <p className="muted" data-testid="quote-options-draft">
          {t('underwriting.options.notSubmitted')}
        </p>
      ) : (
        <form
          className="uw-options"
          onSubmit={(event) => void submit(event)}
          aria-describedby="uw-options-intro"
        >
          <p className="card__intro" id="uw-options-intro">
            {t('underwriting.options.intro', { max: MAX_OPTIONS })}
          </p>
          <div className="uw-options__grid">
            {options.map((option, index) => (
              <CoverOptionFieldset
                // The options have no identity of their own; their position is what the reader sees.
                key={index}
                index={index}
                option={option}
                product={product}
                onChange={(change) => {
                  update(index, change);
                }}
                onRemove={
                  options.length > 1
                    ? () => {
                        setOptions((current) => current.filter((_, at) => at !== index));
                      }
                    : undefined
                }
              />
            ))}
          </div>
          {error !== undefined && <ApiErrorNotice error={error} />}
          <div className="uw-actions">
            <button
              type="button"
              className="button button--secondary"
              data-testid="add-cover-option"
              disabled={options.length >= MAX_OPTIONS}
              onClick={() => {
                setOptions((current) => [...current, defaultOption(product)]);
              }}
            >
              {t('underwriting.options.add')}
            </button>
            <button
              type="submit"
              className="button button--primary"
              data-testid="request-quotes"
              aria-busy={busy}
              disabled={busy}
            >
              {busy
                ? t('underwriting.options.requesting')
                : t('underwriting.options.request', { options: options.length })}
            </button>
          </div>
        </form>
      )}
      <h3 className="uw-subtitle">{t('underwriting.options.existing')}</h3>
      {quotes.length === 0 ? (
        <p className="muted" data-testid="no-quotes">
          {t('underwriting.options.noQuotes')}
        </p>
      ) : (
        <QuoteComparison quotes={quotes} />
      )}
    </section>
  );
}

interface CoverOptionFieldsetProps {
  readonly index: number;
  readonly option: CoverageChoiceValue;
  readonly product: ProductValue;
  readonly onChange: (change: (option: CoverageChoiceValue) => CoverageChoiceValue) => void;
  readonly onRemove: (() => void) | undefined;
}

function CoverOptionFieldset({ index, option, product, onChange, onRemove }: CoverOptionFieldsetProps) {
  const { t } = useTranslation();
  const format = useFormatters();
  const prefix = `uw-option-${index}`;
  const amountOf = (amount: string) => product.policyAggregateOptions.find((o) => o.amount === amount);

  return (
    <fieldset className="uw-option" data-testid={`cover-option-${index}`}>
      <legend className="uw-option__legend">{t('underwriting.options.option', { number: index + 1 })}</legend>
      <div className="field">
        <label className="field__label" htmlFor={`${prefix}-aggregate`}>
          {t('underwriting.coverage.policyAggregate')}
        </label>
        <select
          id={`${prefix}-aggregate`}
          className="field__input"
          data-testid={`cover-option-${index}-aggregate`}
          value={option.policyAggregate.amount}
          onChange={(event) => {
            const chosen = amountOf(event.target.value);
            if (chosen !== undefined) onChange((current) => ({ ...current, policyAggregate: chosen }));
          }}
        >
          {product.policyAggregateOptions.map((amount) => (
            <option key={amount.amount} value={amount.amount}>
              {format.money(amount)}
            </option>
          ))}
        </select>
      </div>
      {product.sections.map((section) => {
        const chosen = option.sections.find((item) => item.section === section.id);
        const setSection = (field: 'limit' | 'retention', amount: string): void => {
          const choices = field === 'limit' ? section.limitOptions : section.retentionOptions;
          const money = choices.find((choice) => choice.amount === amount);
          if (money === undefined) return;
          onChange((current) => ({
            ...current,
            sections: current.sections.map((item) =>
              item.section === section.id ? { ...item, [field]: money } : item,
            ),
          }));
        };
        return (
          <div key={section.id} className="uw-option__section">
            <p className="uw-option__section-name">{t(`underwriting.sections.${section.id}`)}</p>
            <div className="uw-option__pair">
              <div className="field">
                <label className="field__label" htmlFor={`${prefix}-${section.id}-limit`}>
                  {t('underwriting.coverage.limit')}
                </label>
                <select
                  id={`${prefix}-${section.id}-limit`}
                  className="field__input"
                  value={chosen?.limit.amount ?? section.defaultLimit.amount}
                  onChange={(event) => {
                    setSection('limit', event.target.value);
                  }}
                >
                  {section.limitOptions.map((amount) => (
                    <option key={amount.amount} value={amount.amount}>
                      {format.money(amount)}
                    </option>
                  ))}
                </select>
              </div>
              <div className="field">
                <label className="field__label" htmlFor={`${prefix}-${section.id}-retention`}>
                  {t('underwriting.coverage.retention')}
                </label>
                <select
                  id={`${prefix}-${section.id}-retention`}
                  className="field__input"
                  value={chosen?.retention.amount ?? section.defaultRetention.amount}
                  onChange={(event) => {
                    setSection('retention', event.target.value);
                  }}
                >
                  {section.retentionOptions.map((amount) => (
                    <option key={amount.amount} value={amount.amount}>
                      {format.money(amount)}
                    </option>
                  ))}
                </select>
              </div>
            </div>
          </div>
        );
      })}
      {onRemove !== undefined && (
        <button type="button" className="button button--secondary uw-option__remove" onClick={onRemove}>
          {t('underwriting.options.remove', { number: index + 1 })}
        </button>
      )}
    </fieldset>
  );
}
