import type { Language, Organisation, Product, Quote } from '@carapace/domain';
import { BAND_LABELS, STATUS_LABELS, fillLabel, label } from './document-labels.js';
import { formatInstantDate, formatMoney } from './document-formatting.js';
import { renderDocumentPage, renderPageFooter } from './document-page.js';
import {
  renderCoverSection,
  renderInsuredSection,
  renderKeyFacts,
  renderLossesSection,
  renderMasthead,
  renderPreBindSection,
  renderPremiumSection,
  renderReproducibility,
  renderRulesSection,
  renderScoreSection,
} from './document-sections.js';
import { html } from './safe-html.js';
import type { PrintableDocument } from './document-renderer.js';

export interface QuoteDocumentData {
  readonly quote: Quote;
  readonly organisation: Organisation;
  /** The product version the quote was priced under. */
  readonly product: Product;
  readonly generatedAt: Date;
}

/** The quotation: what is offered, at what price, why, and what must happen before it can be bound. */
export function renderQuoteDocument(data: QuoteDocumentData, language: Language): PrintableDocument {
  const { quote, organisation, product } = data;
  const { assessment } = quote;
  const title = label(language, 'quoteTitle');
  const body = html`${renderMasthead(
      {
        title,
        product,
        referenceCaption: label(language, 'quoteReference'),
        reference: quote.reference,
        status: { kind: quote.status, text: label(language, STATUS_LABELS[quote.status]) },
      },
      language,
    )}
    ${renderKeyFacts([
      { caption: label(language, 'totalPremium'), value: formatMoney(quote.premium.premium, language) },
      {
        caption: label(language, 'policyAggregate'),
        value: formatMoney(quote.coverage.policyAggregate, language),
      },
      {
        caption: label(language, 'riskScore'),
        value: `${String(assessment.score.score)} / 100`,
        sub: fillLabel(language, 'captioned', {
          caption: label(language, 'riskBand'),
          value: label(language, BAND_LABELS[assessment.score.band]),
        }),
      },
      {
        caption: label(language, 'validUntil'),
        value: formatInstantDate(quote.validUntil, language),
        sub: fillLabel(language, 'captioned', {
          caption: label(language, 'quotedOn'),
          value: formatInstantDate(quote.createdAt, language),
        }),
      },
    ])}
    <main>
      ${renderInsuredSection(organisation, assessment.profile, language)}
      ${renderRulesSection(quote.triggeredRules, language)}
      ${renderCoverSection(quote.coverage, product, language)}
      ${renderPremiumSection(quote.premium, language)}
      ${renderScoreSection(assessment.score, product.currency, language)}
      ${renderLossesSection(assessment, language)}
      ${renderPreBindSection(quote.preBindContingencies, language)}
    </main>
    ${renderReproducibility({ generatedAt: data.generatedAt, assessment, quoteReference: quote.reference, quoteId: quote.id }, language)}
    <p class="disclaimer">${label(language, 'quoteDisclaimer')}</p>`;
  return {
    html: renderDocumentPage({ language, title: `${title} ${quote.reference}`, body }),
    footerHtml: renderPageFooter(language, `${quote.reference} · ${title}`),
  };
}
