import { useCallback, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Session } from '../../api/session-store';
import {
  fetchOrganisation,
  fetchPolicies,
  fetchQuote,
  type OrganisationValue,
  type QuoteDetailValue,
} from '../../api/underwriting';
import { useApiResource } from '../../api/use-api-resource';
import { ResourceErrorNotice } from '../../app/api-error-notice';
import { AppLink } from '../../app/app-link';
import { pathTo } from '../../app/page-routes';
import { useDocumentTitle } from '../../app/use-document-title';
import { useFormatters } from '../../i18n/formatters';
import { CoverageTable } from './coverage-table';
import { DocumentDownloadButton } from './document-download-button';
import { useOrganisationName } from '../../i18n/organisation-name';
import { PremiumBreakdownPanel } from './premium-breakdown-panel';
import { QuoteActions } from './quote-actions';
import { QuoteHistory } from './quote-history';
import { QuoteStatusPill } from './quote-status-pill';
import { RuleDecisionPanel } from './rule-decision-panel';
import { ASSESSMENT_PATTERN, POLICY_PATTERN } from './underwriting-paths';
import './underwriting.css';

interface LoadedQuote {
  readonly quote: QuoteDetailValue;
  readonly organisation: OrganisationValue | null;
  /** The policy issued from this quote, once there is one. */
  readonly policyId: string | null;
}

/** The policy list has no filter by quote; an issued quote's policy is among the insured's policies. */
async function policyIdOf(
  quote: QuoteDetailValue,
  signal: AbortSignal,
  language: string,
): Promise<string | null> {
  if (quote.status !== 'policy_issued') return null;
  const page = await fetchPolicies(
    { organisationId: quote.organisationId, limit: 200 },
    { signal, language },
  );
  return page.items.find((policy) => policy.quoteId === quote.id)?.id ?? null;
}

async function organisationOrNull(
  organisationId: string,
  signal: AbortSignal,
): Promise<OrganisationValue | null> {
  try {
    return await fetchOrganisation(organisationId, { signal });
  } catch (error) {
    if (signal.aborted) throw error;
    return null;
  }
}

/** One quote: its terms, the next steps its status allows (referral, bind, contingencies, policy), its PDF and history. */
export function QuotePage({ quoteId, session }: { readonly quoteId: string; readonly session: Session }) {
  const { t, i18n } = useTranslation();
  const format = useFormatters();
  const organisationName = useOrganisationName();
  // Everything these pages load carries its text in both languages, so a language switch loads nothing
  // again; the language only words any problem the server reports.
  const [notice, setNotice] = useState<string | null>(null);

  const load = useCallback(
    async (signal: AbortSignal): Promise<LoadedQuote> => {
      const quote = await fetchQuote(quoteId, { signal, language: i18n.language });
      const [organisation, policyId] = await Promise.all([
        organisationOrNull(quote.organisationId, signal),
        policyIdOf(quote, signal, i18n.language),
      ]);
      return { quote, organisation, policyId };
    },
    [quoteId],
  );
  const resource = useApiResource(load);
  const data = resource.data;
  useDocumentTitle(
    data === undefined
      ? t('underwriting.quote.title')
      : t('underwriting.quote.titleWithReference', { reference: data.quote.reference }),
  );

  return (
    <div className="uw-page" data-testid="quote-page">
      <div className="page-header">
        <div>
          {data !== undefined && (
            <p className="uw-breadcrumb">
              <AppLink to={pathTo(ASSESSMENT_PATTERN, { submissionId: data.quote.submissionId })}>
                {t('underwriting.quote.backToAssessment')}
              </AppLink>
            </p>
          )}
          <h1 className="page-header__title">
            {data === undefined
              ? t('underwriting.quote.title')
              : t('underwriting.quote.titleWithReference', { reference: data.quote.reference })}
          </h1>
          {data !== undefined && (
            <p className="page-header__intro">
              {data.organisation === null ? data.quote.organisationId : organisationName(data.organisation)}
            </p>
          )}
        </div>
        {data !== undefined && (
          <div className="page-header__actions">
            <QuoteStatusPill status={data.quote.status} />
            <DocumentDownloadButton
              kind="quotes"
              documentId={data.quote.id}
              fallbackFileName={`${data.quote.reference}.pdf`}
              label={t('underwriting.quote.downloadPdf')}
              testId="download-quote-pdf"
            />
          </div>
        )}
      </div>

      <ResourceErrorNotice resource={resource} />
      {notice !== null && (
        <p className="uw-success" role="status" data-testid="quote-step-done">
          {notice}
        </p>
      )}
      {data === undefined ? (
        resource.error === undefined && (
          <p className="muted" role="status">
            {t('underwriting.quote.loading')}
          </p>
        )
      ) : (
        <>
          {data.policyId !== null && (
            <p className="uw-success" data-testid="quote-policy-link">
              {t('underwriting.quote.policyIssued')}{' '}
              <AppLink to={pathTo(POLICY_PATTERN, { policyId: data.policyId })}>
                {t('underwriting.quote.openPolicy')}
              </AppLink>
            </p>
          )}
          <div className="uw-grid uw-grid--quote">
            <section className="card uw-panel" aria-labelledby="uw-terms-title">
              <h2 className="card__title" id="uw-terms-title">
                {t('underwriting.quote.terms')}
              </h2>
              <dl className="facts uw-facts">
                <div className="facts__row">
                  <dt>{t('underwriting.premium.parts.premium')}</dt>
                  <dd data-testid="quote-premium">{format.money(data.quote.premium.premium)}</dd>
                </div>
                <div className="facts__row">
                  <dt>{t('underwriting.quote.score')}</dt>
                  <dd>
                    {t('underwriting.score.summary', {
                      score: data.quote.score.score,
                      band: t(`underwriting.band.${data.quote.score.band}`),
                    })}
                  </dd>
                </div>
                <div className="facts__row">
                  <dt>{t('underwriting.expectedLoss.gross')}</dt>
                  <dd>{format.money(Math.round(data.quote.expectedGrossLoss))}</dd>
                </div>
                <div className="facts__row">
                  <dt>{t('underwriting.quote.createdAt')}</dt>
                  <dd>{format.dateTime(data.quote.createdAt)}</dd>
                </div>
                <div className="facts__row">
                  <dt>{t('underwriting.quote.validUntil')}</dt>
                  <dd>{format.dateTime(data.quote.validUntil)}</dd>
                </div>
              </dl>
              <h3 className="uw-subtitle">{t('underwriting.coverage.title')}</h3>
              <CoverageTable coverage={data.quote.coverage} caption={t('underwriting.coverage.title')} />
            </section>
            <div className="uw-stack">
              <QuoteActions
                session={session}
                quote={data.quote}
                onChanged={(message) => {
                  setNotice(message);
                  void resource.refresh();
                }}
              />
              <PremiumBreakdownPanel premium={data.quote.premium} />
              <RuleDecisionPanel decision={data.quote.assessment.decision} />
            </div>
          </div>
          <QuoteHistory events={data.quote.events} />
        </>
      )}
    </div>
  );
}
