import { useTranslation } from 'react-i18next';
import type { QuoteValue } from '../../api/underwriting';
import { AppLink } from '../../app/app-link';
import { pathTo } from '../../app/page-routes';
import { useFormatters } from '../../i18n/formatters';
import { QUOTE_PATTERN } from './underwriting-paths';
import { QuoteStatusPill } from './quote-status-pill';

/** Quotes side by side, one column each, so premiums, limits and retentions compare across a row. */
export function QuoteComparison({ quotes }: { readonly quotes: readonly QuoteValue[] }) {
  const { t } = useTranslation();
  const format = useFormatters();
  const sections = quotes[0]?.coverage.sections.map((item) => item.section) ?? [];
  const sectionOf = (quote: QuoteValue, section: string) =>
    quote.coverage.sections.find((item) => item.section === section);

  return (
    <div className="table-scroll">
      <table className="table uw-table--compact uw-comparison" data-testid="quote-comparison">
        <caption className="visually-hidden">{t('underwriting.options.comparisonCaption')}</caption>
        <thead>
          <tr>
            <td />
            {quotes.map((quote) => (
              <th key={quote.id} scope="col" data-testid="quote-column" data-quote-id={quote.id}>
                <AppLink to={pathTo(QUOTE_PATTERN, { quoteId: quote.id })} className="uw-quote-link">
                  {quote.reference}
                </AppLink>
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          <tr>
            <th scope="row">{t('underwriting.quote.status')}</th>
            {quotes.map((quote) => (
              <td key={quote.id}>
                <QuoteStatusPill status={quote.status} />
              </td>
            ))}
          </tr>
          <tr className="uw-comparison__premium">
            <th scope="row">{t('underwriting.premium.parts.premium')}</th>
            {quotes.map((quote) => (
              <td key={quote.id} className="uw-num" data-testid="quote-column-premium">
                {format.money(quote.premium.premium)}
              </td>
            ))}
          </tr>
          <tr>
            <th scope="row">{t('underwriting.coverage.policyAggregate')}</th>
            {quotes.map((quote) => (
              <td key={quote.id} className="uw-num" data-testid="quote-column-aggregate">
                {format.money(quote.coverage.policyAggregate)}
              </td>
            ))}
          </tr>
          {sections.map((section) => (
            <tr key={section}>
              <th scope="row">
                {t(`underwriting.sections.${section}`)}
                <span className="uw-row-hint">{t('underwriting.options.limitOverRetention')}</span>
              </th>
              {quotes.map((quote) => {
                const chosen = sectionOf(quote, section);
                return (
                  <td key={quote.id} className="uw-num">
                    {chosen === undefined
                      ? '—'
                      : t('underwriting.options.limitAndRetention', {
                          limit: format.money(chosen.limit),
                          retention: format.money(chosen.retention),
                        })}
                  </td>
                );
              })}
            </tr>
          ))}
          <tr>
            <th scope="row">{t('underwriting.quote.score')}</th>
            {quotes.map((quote) => (
              <td key={quote.id} className="uw-num">
                {format.number(quote.score.score, 0)}
              </td>
            ))}
          </tr>
          <tr>
            <th scope="row">{t('underwriting.quote.validUntil')}</th>
            {quotes.map((quote) => (
              <td key={quote.id} className="uw-num">
                {format.date(quote.validUntil)}
              </td>
            ))}
          </tr>
        </tbody>
      </table>
    </div>
  );
}
