import { useCallback } from 'react';
import { useTranslation } from 'react-i18next';
import { fetchOrganisation, fetchPolicy, type OrganisationValue } from '../../api/underwriting';
import { useApiResource } from '../../api/use-api-resource';
import { ResourceErrorNotice } from '../../app/api-error-notice';
import { AppLink } from '../../app/app-link';
import { pathTo } from '../../app/page-routes';
import { useDocumentTitle } from '../../app/use-document-title';
import { useFormatters } from '../../i18n/formatters';
import { calendarDate } from './calendar-date';
import { CoverageTable } from './coverage-table';
import { DocumentDownloadButton } from './document-download-button';
import { useLocalised } from './localised-text';
import { useOrganisationName } from '../../i18n/organisation-name';
import { POLICIES_PATH, QUOTE_PATTERN } from './underwriting-paths';
import './underwriting.css';

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

/** One policy: insured, period, cover, premium, post-bind conditions, transactions and the schedule PDF. */
export function PolicyPage({ policyId }: { readonly policyId: string }) {
  const { t, i18n } = useTranslation();
  const format = useFormatters();
  const localised = useLocalised();
  const organisationName = useOrganisationName();
  // Everything these pages load carries its text in both languages, so a language switch loads nothing
  // again; the language only words any problem the server reports.

  const load = useCallback(
    async (signal: AbortSignal) => {
      const policy = await fetchPolicy(policyId, { signal, language: i18n.language });
      return { policy, organisation: await organisationOrNull(policy.organisationId, signal) };
    },
    [policyId],
  );
  const resource = useApiResource(load);
  const data = resource.data;
  useDocumentTitle(
    data === undefined
      ? t('underwriting.policy.title')
      : t('underwriting.policy.titleWithNumber', { number: data.policy.policyNumber }),
  );

  return (
    <div className="uw-page" data-testid="policy-page">
      <div className="page-header">
        <div>
          <p className="uw-breadcrumb">
            <AppLink to={POLICIES_PATH}>{t('underwriting.policy.backToPolicies')}</AppLink>
          </p>
          <h1 className="page-header__title" data-testid="policy-number">
            {data === undefined
              ? t('underwriting.policy.title')
              : t('underwriting.policy.titleWithNumber', { number: data.policy.policyNumber })}
          </h1>
          {data !== undefined && (
            <p className="page-header__intro">
              {data.organisation === null ? data.policy.organisationId : organisationName(data.organisation)}
            </p>
          )}
        </div>
        {data !== undefined && (
          <div className="page-header__actions">
            <DocumentDownloadButton
              kind="policies"
              documentId={data.policy.id}
              fallbackFileName={`${data.policy.policyNumber}.pdf`}
              label={t('underwriting.policy.downloadPdf')}
              testId="download-policy-pdf"
            />
          </div>
        )}
      </div>
      <ResourceErrorNotice resource={resource} />
      {data === undefined ? (
        resource.error === undefined && (
          <p className="muted" role="status">
            {t('underwriting.policy.loading')}
          </p>
        )
      ) : (
        <div className="uw-grid uw-grid--quote">
          <section className="card uw-panel" aria-labelledby="uw-policy-title">
            <h2 className="card__title" id="uw-policy-title">
              {t('underwriting.policy.summary')}
            </h2>
            <dl className="facts uw-facts">
              <div className="facts__row">
                <dt>{t('underwriting.policy.insured')}</dt>
                <dd>
                  {data.organisation === null
                    ? data.policy.organisationId
                    : organisationName(data.organisation)}
                </dd>
              </div>
              <div className="facts__row">
                <dt>{t('underwriting.policy.period')}</dt>
                <dd data-testid="policy-period">
                  {t('underwriting.policy.periodRange', {
                    from: format.date(calendarDate(data.policy.inceptionDate)),
                    to: format.date(calendarDate(data.policy.expiryDate)),
                  })}
                </dd>
              </div>
              <div className="facts__row">
                <dt>{t('underwriting.premium.parts.premium')}</dt>
                <dd data-testid="policy-premium">{format.money(data.policy.premium)}</dd>
              </div>
              <div className="facts__row">
                <dt>{t('underwriting.policy.product')}</dt>
                <dd>{`${data.policy.productId} ${data.policy.productVersion}`}</dd>
              </div>
              <div className="facts__row">
                <dt>{t('underwriting.policy.issuedAt')}</dt>
                <dd>{format.dateTime(data.policy.issuedAt)}</dd>
              </div>
              <div className="facts__row">
                <dt>{t('underwriting.policy.quote')}</dt>
                <dd>
                  <AppLink to={pathTo(QUOTE_PATTERN, { quoteId: data.policy.quoteId })}>
                    {t('underwriting.policy.openQuote')}
                  </AppLink>
                </dd>
              </div>
            </dl>
            <h3 className="uw-subtitle">{t('underwriting.coverage.title')}</h3>
            <CoverageTable coverage={data.policy.coverage} caption={t('underwriting.coverage.title')} />
          </section>
          <div className="uw-stack">
            <section className="card uw-panel" aria-labelledby="uw-post-bind-title">
              <h2 className="card__title" id="uw-post-bind-title">
                {t('underwriting.policy.postBind')}
              </h2>
              {data.policy.postBindContingencies.length === 0 ? (
                <p className="muted">{t('underwriting.policy.noPostBind')}</p>
              ) : (
                <ul className="uw-contingencies" data-testid="post-bind-contingencies">
                  {data.policy.postBindContingencies.map((contingency) => (
                    <li key={contingency.code} className="uw-contingency">
                      <div className="uw-contingency__text">
                        <span>{localised(contingency.text)}</span>
                        <span className="status-pill status-pill--neutral">
                          {t('underwriting.policy.dueBy', {
                            date: format.date(calendarDate(contingency.dueDate)),
                          })}
                        </span>
                      </div>
                    </li>
                  ))}
                </ul>
              )}
            </section>
            <section className="card uw-panel" aria-labelledby="uw-transactions-title">
              <h2 className="card__title" id="uw-transactions-title">
                {t('underwriting.policy.transactions')}
              </h2>
              <table className="table uw-table--compact uw-table--narrow">
                <caption className="visually-hidden">{t('underwriting.policy.transactions')}</caption>
                <thead>
                  <tr>
                    <th scope="col">{t('underwriting.policy.transactionKind')}</th>
                    <th scope="col">{t('underwriting.policy.effectiveDate')}</th>
                    <th scope="col" className="uw-num">
                      {t('underwriting.policy.premiumChange')}
                    </th>
                  </tr>
                </thead>
                <tbody>
                  {data.policy.transactions.map((transaction) => (
                    <tr key={transaction.sequence}>
                      <td>{t(`underwriting.policy.transactionKinds.${transaction.kind}`)}</td>
                      <td>{format.date(calendarDate(transaction.effectiveDate))}</td>
                      <td className="uw-num">{format.money(transaction.premiumChange)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </section>
          </div>
        </div>
      )}
    </div>
  );
}
