import {
  INDUSTRY_SECTIONS,
  isIndustrySection,
  moneyFromDecimal,
  moneyToMajorUnits,
  type Assessment,
  type CoverageSelection,
  type CurrencyCode,
  type Language,
  type Money,
  type Organisation,
  type PolicyContingency,
  type PremiumBreakdown,
  type Product,
  type QuoteContingency,
  type RiskProfile,
  type RiskScore,
  type ScoreContribution,
  type TriggeredRule,
} from '@carapace/domain';
import { BAND_LABELS, SOURCE_LABELS, fillLabel, label, type LabelKey } from './document-labels.js';
import {
  formatCountry,
  formatInstant,
  formatInstantDate,
  formatInteger,
  formatMoney,
  formatPercent,
  formatPoints,
  formatShare,
  formatSimulatedAmount,
  formatCalendarDate,
} from './document-formatting.js';
import { renderLossExceedanceChart } from './loss-exceedance-chart.js';
import { html, type SafeHtml } from './safe-html.js';

/** The parts the quote document and the policy schedule share, each a function of data and language. */

export interface MastheadInput {
  readonly title: string;
  readonly product: Product;
  readonly referenceCaption: string;
  readonly reference: string;
  /** A status badge under the reference: its CSS class and its text. */
  readonly status?: { readonly kind: string; readonly text: string };
}

export function renderMasthead(input: MastheadInput, language: Language): SafeHtml {
  return html`<header class="masthead">
    <div>
      <div class="brand">CARAPACE</div>
      <h1>${input.title}</h1>
      <div class="product">
        ${input.product.name[language]} ·
        ${fillLabel(language, 'productVersion', {
          version: input.product.version,
        })}
      </div>
    </div>
    <div class="reference">
      <div class="caption">${input.referenceCaption}</div>
      <div class="value">${input.reference}</div>
      ${input.status === undefined ? null : html`<div class="status ${input.status.kind}">${input.status.text}</div>`}
    </div>
  </header>`;
}

export interface KeyFact {
  readonly caption: string;
  readonly value: string;
  readonly sub?: string;
  /** Takes more of the row: for a sub-line such as a date range that should not wrap. */
  readonly wide?: boolean;
}

export function renderKeyFacts(facts: readonly KeyFact[]): SafeHtml {
  return html`<div class="facts">
    ${facts.map(
      (fact) =>
        html`<div class="${fact.wide === true ? 'wide' : ''}">
          <div class="caption">${fact.caption}</div>
          <div class="value">${fact.value}</div>
          ${fact.sub === undefined ? null : html`<div class="sub">${fact.sub}</div>`}
        </div>`,
    )}
  </div>`;
}

function detail(caption: string, value: string, wide = false): SafeHtml {
  return html`<dt>${caption}</dt>
    <dd class="${wide ? 'wide' : ''}">${value}</dd>`;
}

export function renderInsuredSection(
  organisation: Organisation,
  profile: RiskProfile,
  language: Language,
): SafeHtml {
  const industry = isIndustrySection(profile.industry)
    ? `${INDUSTRY_SECTIONS[profile.industry].name[language]} (${profile.industry})`
    : profile.industry;
  const records = profile.recordsHeld;
  return html`<section class="keep">
    <h2>${label(language, 'insured')}</h2>
    <dl class="details">
      ${detail(label(language, 'insuredName'), organisation.nameZh, true)}
      ${detail(label(language, 'insuredNameEn'), organisation.nameEn ?? label(language, 'notGiven'), true)}
      ${detail(label(language, 'creditCode'), organisation.creditCode ?? label(language, 'notGiven'))}
      ${detail(label(language, 'country'), formatCountry(profile.country, language))}
      ${detail(label(language, 'industry'), industry, true)}
      ${detail(label(language, 'annualRevenue'), formatMoney(profile.annualRevenue, language))}
      ${detail(label(language, 'employees'), formatInteger(profile.employees, language))}
      ${detail(
        label(language, 'recordsHeld'),
        fillLabel(language, 'recordsHeldBreakdown', {
          personal: formatInteger(records.personal, language),
          sensitive: formatInteger(records.sensitive, language),
          payment: formatInteger(records.payment, language),
        }),
        true,
      )}
    </dl>
  </section>`;
}

export function renderCoverSection(
  coverage: CoverageSelection,
  product: Product,
  language: Language,
): SafeHtml {
  const rows = coverage.sections.map((selection) => {
    const section = product.sections.find((candidate) => candidate.id === selection.section);
    const hasWaitingPeriod =
      selection.waitingPeriodHours > 0 || (section?.waitingPeriodHoursOptions.length ?? 0) > 0;
    return html`<tr>
      <td>${section?.name[language] ?? selection.section}</td>
      <td>
        ${section === undefined ? '' : label(language, section.party === 'first' ? 'partyFirst' : 'partyThird')}
      </td>
      <td class="num">${formatMoney(selection.limit, language)}</td>
      <td class="num">${formatMoney(selection.retention, language)}</td>
      <td class="num">
        ${
          hasWaitingPeriod
            ? fillLabel(language, 'waitingHours', { hours: selection.waitingPeriodHours })
            : '—'
        }
      </td>
    </tr>`;
  });
  return html`<section class="keep">
    <h2>${label(language, 'cover')}</h2>
    <table>
      <thead>
        <tr>
          <th>${label(language, 'coverSection')}</th>
          <th>${label(language, 'coverParty')}</th>
          <th class="num">${label(language, 'limit')}</th>
          <th class="num">${label(language, 'retention')}</th>
          <th class="num">${label(language, 'waitingPeriod')}</th>
        </tr>
      </thead>
      <tbody>
        ${rows}
        <tr class="total">
          <td colspan="2">${label(language, 'policyAggregate')}</td>
          <td class="num">${formatMoney(coverage.policyAggregate, language)}</td>
          <td></td>
          <td></td>
        </tr>
      </tbody>
    </table>
    <p class="note">${label(language, 'policyAggregateNote')}</p>
  </section>`;
}

const PREMIUM_PARTS = [
  ['expectedInsuredLoss', 'expectedInsuredLoss'],
  ['riskLoad', 'riskLoad'],
  ['expenses', 'expenses'],
  ['profit', 'profit'],
  ['rounding', 'rounding'],
  ['minimumPremiumTopUp', 'minimumPremiumTopUp'],
] as const satisfies readonly (readonly [Exclude<keyof PremiumBreakdown, 'premium'>, LabelKey])[];

/** Every part of the premium, which add up to the total (the breakdown guarantees it, to the fen). */
export function renderPremiumSection(premium: PremiumBreakdown, language: Language): SafeHtml {
  const total = premium.premium.minor;
  const share = (amount: Money): string => (total === 0 ? '' : formatShare(amount.minor / total, language));
  return html`<section class="keep">
    <h2>${label(language, 'premium')}</h2>
    <table>
      <thead>
        <tr>
          <th>${label(language, 'premiumComponent')}</th>
          <th class="num">${label(language, 'premiumAmount')}</th>
          <th class="num">${label(language, 'premiumShare')}</th>
        </tr>
      </thead>
      <tbody>
        ${PREMIUM_PARTS.filter(
          ([part]) => premium[part].minor !== 0 || (part !== 'rounding' && part !== 'minimumPremiumTopUp'),
        ).map(
          ([part, key]) =>
            html`<tr>
              <td>${label(language, key)}</td>
              <td class="num">${formatMoney(premium[part], language)}</td>
              <td class="num">${share(premium[part])}</td>
            </tr>`,
        )}
        <tr class="total">
          <td>${label(language, 'totalPremium')}</td>
          <td class="num">${formatMoney(premium.premium, language)}</td>
          <td class="num">${share(premium.premium)}</td>
        </tr>
      </tbody>
    </table>
    <p class="note">${label(language, 'premiumNote')}</p>
  </section>`;
}

const CONTROL_ANSWER_LABELS: Readonly<Record<string, LabelKey>> = {
  evidenced: 'controlEvidenced',
  attested: 'controlAttested',
  absent: 'controlAbsent',
};

const COUNTED_FACTORS: ReadonlySet<ScoreContribution['factor']> = new Set([
  'recordsHeld',
  'priorClaims',
  'openCriticalFindings',
  'openKnownExploitedFindings',
  'scale_bound',
]);

/** A factor's value in words: the domain keeps stable codes and decimal strings, the reader sees prose. */
export function presentFactorValue(
  contribution: ScoreContribution,
  currency: CurrencyCode,
  language: Language,
): string {
  const { factor, value } = contribution;
  if (factor.startsWith('control:')) {
    const key = CONTROL_ANSWER_LABELS[value];
    return key === undefined ? value : label(language, key);
  }
  if (factor === 'annualRevenue') {
    try {
      return formatMoney(moneyFromDecimal(value, currency), language);
    } catch {
      return value;
    }
  }
  if (factor === 'country') return formatCountry(value, language);
  if (COUNTED_FACTORS.has(factor) && /^-?\d+$/.test(value)) return formatInteger(Number(value), language);
  // The base (rate plan and version) and the industry (its GB/T 4754 letter, named by the label) as they are.
  return value;
}

export function renderScoreSection(score: RiskScore, currency: CurrencyCode, language: Language): SafeHtml {
  return html`<section class="keep">
    <h2>${label(language, 'riskScore')}</h2>
    <div class="stats">
      <div>
        <div class="caption">${label(language, 'riskScore')}</div>
        <div class="value">${fillLabel(language, 'scoreOutOf', { score: score.score })}</div>
      </div>
      <div>
        <div class="caption">${label(language, 'riskBand')}</div>
        <div class="value">${label(language, BAND_LABELS[score.band])}</div>
      </div>
    </div>
    <table>
      <thead>
        <tr>
          <th>${label(language, 'factor')}</th>
          <th>${label(language, 'factorValue')}</th>
          <th>${label(language, 'factorSource')}</th>
          <th class="num">${label(language, 'points')}</th>
        </tr>
      </thead>
      <tbody>
        ${score.contributions.map(
          (contribution) =>
            html`<tr>
              <td>${contribution.label[language]}</td>
              <td>${presentFactorValue(contribution, currency, language)}</td>
              <td class="muted">${label(language, SOURCE_LABELS[contribution.source])}</td>
              <td
                class="num ${contribution.factor === 'base' ? '' : contribution.points > 0 ? 'positive' : contribution.points < 0 ? 'negative' : ''}"
              >
                ${
                  contribution.factor === 'base'
                    ? formatInteger(contribution.points, language)
                    : formatPoints(contribution.points, language)
                }
              </td>
            </tr>`,
        )}
        <tr class="total">
          <td colspan="3">${label(language, 'scoreTotal')}</td>
          <td class="num">${formatInteger(score.score, language)}</td>
        </tr>
      </tbody>
    </table>
    <p class="note">${label(language, 'scoreNote')}</p>
  </section>`;
}

export function renderLossesSection(assessment: Assessment, language: Language): SafeHtml {
  const currency = assessment.coverage.policyAggregate.currency;
  const { gross, insured, retained } = assessment.losses;
  const insuredByYears = new Map(insured.returnPeriodLosses.map((entry) => [entry.years, entry.loss]));
  const amount = (major: number): string => formatSimulatedAmount(major, currency, language);
  return html`<section>
    <div class="keep">
      <h2>${label(language, 'losses')}</h2>
      <div class="stats">
        <div>
          <div class="caption">${label(language, 'meanGross')}</div>
          <div class="value">${amount(gross.mean)}</div>
        </div>
        <div>
          <div class="caption">${label(language, 'meanInsured')}</div>
          <div class="value">${amount(insured.mean)}</div>
        </div>
        <div>
          <div class="caption">${label(language, 'meanRetained')}</div>
          <div class="value">${amount(retained.mean)}</div>
        </div>
      </div>
      <div class="chart">
        <div class="title">${label(language, 'chartTitle')}</div>
        ${renderLossExceedanceChart(
          {
            gross: gross.exceedance,
            insured: insured.exceedance,
            aggregateLimit: moneyToMajorUnits(assessment.coverage.policyAggregate),
            currency,
          },
          language,
        )}
      </div>
    </div>
    <h3>${label(language, 'returnPeriods')}</h3>
    <table>
      <thead>
        <tr>
          <th>${label(language, 'returnPeriod')}</th>
          <th class="num">${label(language, 'annualProbability')}</th>
          <th class="num">${label(language, 'grossLoss')}</th>
          <th class="num">${label(language, 'insuredLoss')}</th>
        </tr>
      </thead>
      <tbody>
        ${gross.returnPeriodLosses.map(
          (entry) =>
            html`<tr>
              <td>${fillLabel(language, 'oneInYears', { years: formatInteger(entry.years, language) })}</td>
              <td class="num">${formatPercent(1 / entry.years, language)}</td>
              <td class="num">${amount(entry.loss)}</td>
              <td class="num">${amount(insuredByYears.get(entry.years) ?? 0)}</td>
            </tr>`,
        )}
      </tbody>
    </table>
    <p class="note">
      ${fillLabel(language, 'lossesNote', {
        iterations: formatInteger(assessment.iterations, language),
        currency,
      })}
    </p>
  </section>`;
}

/** A titled table of contingencies — the text of each and one more column — or a line saying there are none. */
function renderConditionsSection(
  title: LabelKey,
  secondColumn: SafeHtml,
  rows: readonly { readonly text: string; readonly second: SafeHtml }[],
  language: Language,
): SafeHtml {
  return html`<section class="keep">
    <h2>${label(language, title)}</h2>
    ${
      rows.length === 0
        ? html`<p>${label(language, 'noConditions')}</p>`
        : html`<table>
            <thead>
              <tr>
                <th>${label(language, 'condition')}</th>
                ${secondColumn}
              </tr>
            </thead>
            <tbody>
              ${rows.map(
                (row) =>
                  html`<tr>
                    <td>${row.text}</td>
                    ${row.second}
                  </tr>`,
              )}
            </tbody>
          </table>`
    }
  </section>`;
}

export function renderPreBindSection(
  contingencies: readonly QuoteContingency[],
  language: Language,
): SafeHtml {
  return renderConditionsSection(
    'preBindContingencies',
    html`<th>${label(language, 'conditionStatus')}</th>`,
    contingencies.map((contingency) => ({
      text: contingency.text[language],
      second: html`<td>
        ${
          contingency.satisfiedAt === null
            ? label(language, 'conditionOutstanding')
            : fillLabel(language, 'conditionMet', {
                date: formatInstantDate(contingency.satisfiedAt, language),
              })
        }
      </td>`,
    })),
    language,
  );
}

export function renderPostBindSection(
  contingencies: readonly PolicyContingency[],
  language: Language,
): SafeHtml {
  return renderConditionsSection(
    'postBindContingencies',
    html`<th class="num">${label(language, 'dueBy')}</th>`,
    contingencies.map((contingency) => ({
      text: contingency.text[language],
      second: html`<td class="num">${formatCalendarDate(contingency.dueDate, language)}</td>`,
    })),
    language,
  );
}

/** The rules that referred or declined the quote, with their reasons; nothing when none fired. */
export function renderRulesSection(rules: readonly TriggeredRule[], language: Language): SafeHtml | null {
  if (rules.length === 0) return null;
  const declined = rules.some((rule) => rule.outcome === 'decline');
  return html`<section class="keep">
    <h2>${label(language, declined ? 'declineReasons' : 'referralReasons')}</h2>
    <table>
      <tbody>
        ${rules.map(
          (rule) =>
            html`<tr>
              <td style="width: 18%">
                ${label(language, rule.outcome === 'decline' ? 'ruleOutcomeDecline' : 'ruleOutcomeRefer')}
              </td>
              <td>${rule.reason[language]}</td>
            </tr>`,
        )}
      </tbody>
    </table>
  </section>`;
}

export interface ReproducibilityInput {
  readonly generatedAt: Date;
  readonly assessment: Assessment;
  readonly quoteReference: string;
  readonly quoteId: string;
}

/** What anyone needs to re-run the numbers in this document and get them again. */
export function renderReproducibility(input: ReproducibilityInput, language: Language): SafeHtml {
  const { assessment } = input;
  return html`<div class="reproducibility">
    <strong>${label(language, 'reproducibility')}</strong>
    <dl>
      <dt>${label(language, 'generatedAt')}</dt>
      <dd>${formatInstant(input.generatedAt, language)}</dd>
      <dt>${label(language, 'quoteRecord')}</dt>
      <dd>${input.quoteReference} (${input.quoteId})</dd>
      <dt>${label(language, 'product')}</dt>
      <dd>${assessment.product.id} ${assessment.product.version}</dd>
      <dt>${label(language, 'ratePlan')}</dt>
      <dd>${assessment.ratePlan.id} ${assessment.ratePlan.version}</dd>
      <dt>${label(language, 'seed')}</dt>
      <dd>${assessment.seed}</dd>
      <dt>${label(language, 'simulatedYears')}</dt>
      <dd>${formatInteger(assessment.iterations, language)}</dd>
    </dl>
    <div>${label(language, 'reproducibilityNote')}</div>
  </div>`;
}
