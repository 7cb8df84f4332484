import type { Language, Organisation, Policy, Product, Quote } from '@carapace/domain';
import { BAND_LABELS, fillLabel, label } from './document-labels.js';
import { formatCalendarDate, formatInstantDate, formatMoney } from './document-formatting.js';
import { renderDocumentPage, renderPageFooter } from './document-page.js';
import type { PrintableDocument } from './document-renderer.js';
import {
  renderCoverSection,
  renderInsuredSection,
  renderKeyFacts,
  renderLossesSection,
  renderMasthead,
  renderPostBindSection,
  renderPremiumSection,
  renderReproducibility,
  renderRulesSection,
  renderScoreSection,
} from './document-sections.js';
import { html } from './safe-html.js';

export interface PolicyDocumentData {
  readonly policy: Policy;
  /** The quote the policy was issued from: its assessment explains the premium. */
  readonly quote: Quote;
  readonly organisation: Organisation;
  readonly product: Product;
  readonly generatedAt: Date;
}

/** The day before a YYYY-MM-DD date: cover ends at 24:00 on it. */
function dayBefore(date: string): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) - 86_400_000).toISOString().slice(0, 10);
}

/** The policy schedule: who is insured, for what, for when, at what premium, and what is still owed. */
export function renderPolicySchedule(data: PolicyDocumentData, language: Language): PrintableDocument {
  const { policy, quote, organisation, product } = data;
  const { assessment } = quote;
  const title = label(language, 'policyTitle');
  const lastDay = dayBefore(policy.expiryDate);
  const body = html`${renderMasthead(
      { title, product, referenceCaption: label(language, 'policyNumber'), reference: policy.policyNumber },
      language,
    )}
    ${renderKeyFacts([
      { caption: label(language, 'totalPremium'), value: formatMoney(policy.premium, language) },
      {
        caption: label(language, 'policyAggregate'),
        value: formatMoney(policy.coverage.policyAggregate, language),
      },
      {
        caption: label(language, 'period'),
        value: fillLabel(language, 'termMonths', { months: product.termMonths }),
        sub: `${formatCalendarDate(policy.inceptionDate, language)} – ${formatCalendarDate(lastDay, language)}`,
        wide: true,
      },
      {
        caption: label(language, 'riskScore'),
        value: `${String(assessment.score.score)} / 100`,
        sub: fillLabel(language, 'captioned', {
          caption: label(language, 'riskBand'),
          value: label(language, BAND_LABELS[assessment.score.band]),
        }),
      },
    ])}
    <main>
      <section class="keep">
        <h2>${label(language, 'period')}</h2>
        <dl class="details">
          <dt>${label(language, 'period')}</dt>
          <dd class="wide">
            ${fillLabel(language, 'periodText', {
              start: formatCalendarDate(policy.inceptionDate, language),
              end: formatCalendarDate(lastDay, language),
            })}
          </dd>
          <dt>${label(language, 'issuedOn')}</dt>
          <dd>${formatInstantDate(policy.issuedAt, language)}</dd>
          <dt>${label(language, 'quoteReference')}</dt>
          <dd>${quote.reference}</dd>
        </dl>
      </section>
      ${renderInsuredSection(organisation, assessment.profile, language)}
      ${renderCoverSection(policy.coverage, product, language)}
      ${renderPremiumSection(quote.premium, language)}
      ${renderPostBindSection(policy.postBindContingencies, language)}
      ${renderScoreSection(assessment.score, product.currency, language)}
      ${renderLossesSection(assessment, language)} ${renderRulesSection(quote.triggeredRules, language)}
    </main>
    ${renderReproducibility({ generatedAt: data.generatedAt, assessment, quoteReference: quote.reference, quoteId: quote.id }, language)}
    <p class="disclaimer">${label(language, 'policyDisclaimer')}</p>`;
  return {
    html: renderDocumentPage({ language, title: `${title} ${policy.policyNumber}`, body }),
    footerHtml: renderPageFooter(language, `${policy.policyNumber} · ${title}`),
  };
}
