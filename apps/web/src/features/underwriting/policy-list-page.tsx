import { useCallback } from 'react';
import { useTranslation } from 'react-i18next';
import { fetchPolicies, type PolicySummaryValue } from '../../api/underwriting';
import { useApiResource } from '../../api/use-api-resource';
import { ApiErrorNotice } from '../../app/api-error-notice';
import { AppLink } from '../../app/app-link';
import { pathTo } from '../../app/page-routes';
import { useDocumentTitle } from '../../app/use-document-title';
import { useFormatters } from '../../i18n/formatters';
import { calendarDate } from './calendar-date';
import { POLICY_PATTERN } from './underwriting-paths';
import './underwriting.css';

/** The most the API gives in one page; more policies than this get a note rather than a silent cut. */
const PAGE_SIZE = 200;

/** The issued policies the reader may see: their own company's, their clients', or the insurer's book. */
export function PolicyListPage() {
  const { t, i18n } = useTranslation();
  // Everything these pages load carries its text in both languages, so a language switch loads nothing
  // again; the language only words any problem the server reports.
  useDocumentTitle(t('underwriting.policies.title'));
  const load = useCallback(
    (signal: AbortSignal) => fetchPolicies({ limit: PAGE_SIZE }, { signal, language: i18n.language }),
    [i18n],
  );
  const resource = useApiResource(load);
  const page = resource.data;

  return (
    <div className="uw-page" data-testid="policy-list-page">
      <div className="page-header">
        <div>
          <h1 className="page-header__title">{t('underwriting.policies.title')}</h1>
          <p className="page-header__intro">{t('underwriting.policies.intro')}</p>
        </div>
      </div>
      {resource.error !== undefined && (
        <ApiErrorNotice
          error={resource.error}
          showingStaleData={page !== undefined}
          onRetry={() => void resource.refresh()}
        />
      )}
      <section className="card">
        {page === undefined ? (
          resource.error === undefined && <p className="muted">{t('underwriting.policies.loading')}</p>
        ) : page.items.length === 0 ? (
          <p className="muted" data-testid="policies-empty">
            {t('underwriting.policies.empty')}
          </p>
        ) : (
          <>
            <PolicyTable policies={page.items} />
            {page.total > page.items.length && (
              <p className="hint">
                {t('underwriting.policies.showing', { shown: page.items.length, total: page.total })}
              </p>
            )}
          </>
        )}
      </section>
    </div>
  );
}

/** Policies as rows: number (a link), period, premium, aggregate. Shared with the home widget. */
export function PolicyTable({ policies }: { readonly policies: readonly PolicySummaryValue[] }) {
  const { t } = useTranslation();
  const format = useFormatters();
  return (
    <div className="table-scroll">
      <table className="table uw-table--compact" data-testid="policy-table">
        <caption className="visually-hidden">{t('underwriting.policies.title')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('underwriting.policy.number')}</th>
            <th scope="col">{t('underwriting.policy.period')}</th>
            <th scope="col" className="uw-num">
              {t('underwriting.premium.parts.premium')}
            </th>
            <th scope="col" className="uw-num">
              {t('underwriting.coverage.policyAggregate')}
            </th>
            <th scope="col">{t('underwriting.policy.issuedAt')}</th>
          </tr>
        </thead>
        <tbody>
          {policies.map((policy) => (
            <tr key={policy.id} data-testid="policy-row" data-policy-id={policy.id}>
              <th scope="row">
                <AppLink to={pathTo(POLICY_PATTERN, { policyId: policy.id })} className="mono">
                  {policy.policyNumber}
                </AppLink>
              </th>
              <td>
                {t('underwriting.policy.periodRange', {
                  from: format.date(calendarDate(policy.inceptionDate)),
                  to: format.date(calendarDate(policy.expiryDate)),
                })}
              </td>
              <td className="uw-num">{format.money(policy.premium)}</td>
              <td className="uw-num">{format.money(policy.coverage.policyAggregate)}</td>
              <td>{format.date(policy.issuedAt)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
