import { useCallback } from 'react';
import { useTranslation } from 'react-i18next';
import { fetchPolicies } from '../../api/underwriting';
import { useApiResource } from '../../api/use-api-resource';
import { ApiErrorNotice } from '../../app/api-error-notice';
import { AppLink } from '../../app/app-link';
import { PolicyTable } from './policy-list-page';
import { POLICIES_PATH } from './underwriting-paths';
import './underwriting.css';

/** How many policies the home page shows before pointing to the full list. */
const WIDGET_POLICIES = 5;

/** A policyholder's or broker's policies on the home page. */
export function PoliciesWidget() {
  const { t, i18n } = useTranslation();
  // Everything these pages load carries its text in both languages, so a language switch loads nothing
  // again; the language only words any problem the server reports.
  const load = useCallback(
    (signal: AbortSignal) => fetchPolicies({ limit: WIDGET_POLICIES }, { signal, language: i18n.language }),
    [i18n],
  );
  const resource = useApiResource(load);
  const page = resource.data;
  return (
    <section className="card" aria-labelledby="uw-widget-policies-title">
      <div className="card__header">
        <div>
          <h2 className="card__title" id="uw-widget-policies-title">
            {t('underwriting.widget.title')}
          </h2>
          <p className="card__intro">{t('underwriting.widget.intro')}</p>
        </div>
        {page !== undefined && (
          <span className="card__count">{t('underwriting.widget.count', { total: page.total })}</span>
        )}
      </div>
      {resource.error !== undefined && (
        <ApiErrorNotice error={resource.error} onRetry={() => void resource.refresh()} />
      )}
      {page === undefined ? (
        resource.error === undefined && <p className="muted">{t('underwriting.policies.loading')}</p>
      ) : page.items.length === 0 ? (
        <p className="muted">{t('underwriting.policies.empty')}</p>
      ) : (
        <PolicyTable policies={page.items} />
      )}
      <p className="uw-widget-more">
        <AppLink to={POLICIES_PATH}>{t('underwriting.widget.all')}</AppLink>
      </p>
    </section>
  );
}
