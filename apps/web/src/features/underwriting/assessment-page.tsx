import { useCallback } from 'react';
import { useTranslation } from 'react-i18next';
import type { Session } from '../../api/session-store';
import {
  assessSubmission,
  fetchOrganisation,
  fetchProduct,
  fetchSubmission,
  fetchSubmissionQuotes,
  type OrganisationValue,
} from '../../api/underwriting';
import { useApiResource } from '../../api/use-api-resource';
import { ApiErrorNotice, ResourceErrorNotice } from '../../app/api-error-notice';
import { AppLink } from '../../app/app-link';
import { useDocumentTitle } from '../../app/use-document-title';
import { useFormatters } from '../../i18n/formatters';
import { ControlWhatIfPanel } from './control-what-if-panel';
import { ExpectedLossPanel } from './expected-loss-panel';
import { LossExceedancePanel } from './loss-exceedance-panel';
import { PremiumBreakdownPanel } from './premium-breakdown-panel';
import { QuoteOptionsPanel } from './quote-options-panel';
import { RiskScorePanel } from './risk-score-panel';
import { RuleDecisionPanel } from './rule-decision-panel';
import { useOrganisationName } from '../../i18n/organisation-name';
import './underwriting.css';

/** The insured's name is a courtesy on this page: without it the assessment is still whole. */
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

/**
 * A submission's assessment: score with its factors, loss-exceedance curve, expected loss gross vs insured,
 * premium breakdown, the rules' decision, the control what-if, and the cover options to quote.
 */
export function AssessmentPage({
  submissionId,
  session,
}: {
  readonly submissionId: string;
  readonly session: Session;
}) {
  const { t, i18n } = useTranslation();
  const format = useFormatters();
  const organisationName = useOrganisationName();
  const language = i18n.language;
  // Everything these pages load carries its text in both languages, so a language switch loads nothing
  // again; the language only words any problem the server reports.
  useDocumentTitle(t('underwriting.assessment.title'));

  const loadAssessment = useCallback(
    async (signal: AbortSignal) => {
      const submission = await fetchSubmission(submissionId, { signal, language: i18n.language });
      const [assessment, product, organisation] = await Promise.all([
        assessSubmission(submission, { signal, language: i18n.language }),
        fetchProduct(submission.productId, submission.productVersion, { signal, language: i18n.language }),
        organisationOrNull(submission.organisationId, signal),
      ]);
      return { submission, assessment, product, organisation };
    },
    [submissionId],
  );
  const assessed = useApiResource(loadAssessment);

  const loadQuotes = useCallback(
    (signal: AbortSignal) => fetchSubmissionQuotes(submissionId, { signal, language: i18n.language }),
    [submissionId],
  );
  const quotes = useApiResource(loadQuotes);

  const data = assessed.data;
  return (
    <div className="uw-page" data-testid="assessment-page">
      <div className="page-header">
        <div>
          <p className="uw-breadcrumb">
            <AppLink to="/submissions">{t('underwriting.assessment.backToSubmissions')}</AppLink>
          </p>
          <h1 className="page-header__title">{t('underwriting.assessment.title')}</h1>
          {data !== undefined && (
            <p className="page-header__intro" data-testid="assessment-insured">
              {t('underwriting.assessment.intro', {
                insured:
                  data.organisation === null
                    ? data.submission.organisationId
                    : organisationName(data.organisation),
                product: `${data.product.name[language === 'en' ? 'en' : 'zh-CN']} ${data.product.version}`,
              })}
            </p>
          )}
        </div>
        {data !== undefined && (
          <dl className="uw-header-facts">
            <div>
              <dt>{t('underwriting.assessment.revenue')}</dt>
              <dd>{format.money(data.submission.profile.annualRevenue)}</dd>
            </div>
            <div>
              <dt>{t('underwriting.assessment.employees')}</dt>
              <dd>{format.number(data.submission.profile.employees, 0)}</dd>
            </div>
            <div>
              <dt>{t('underwriting.assessment.simulatedYears')}</dt>
              <dd>{format.number(data.assessment.iterations, 0)}</dd>
            </div>
          </dl>
        )}
      </div>

      <ResourceErrorNotice resource={assessed} />
      {data === undefined ? (
        assessed.error === undefined && (
          <p className="muted" role="status">
            {t('underwriting.assessment.loading')}
          </p>
        )
      ) : (
        <>
          <div className="uw-grid uw-grid--score">
            <RiskScorePanel score={data.assessment.score} />
            <div className="uw-stack">
              <PremiumBreakdownPanel premium={data.assessment.premium} />
              <RuleDecisionPanel decision={data.assessment.decision} />
            </div>
          </div>
          <LossExceedancePanel losses={data.assessment.losses} />
          <ExpectedLossPanel losses={data.assessment.losses} />
          <ControlWhatIfPanel submission={data.submission} />
          {quotes.error !== undefined && (
            <ApiErrorNotice error={quotes.error} onRetry={() => void quotes.refresh()} />
          )}
          <QuoteOptionsPanel
            session={session}
            submission={data.submission}
            product={data.product}
            quotes={quotes.data ?? []}
            onQuoted={() => void quotes.refresh()}
          />
        </>
      )}
    </div>
  );
}
