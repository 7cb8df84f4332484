import { useCallback, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { fetchDataAccessRequests, fetchPermissionGrants } from '../../api/compliance';
import type { Session } from '../../api/session-store';
import { useApiResource, type ApiResource } from '../../api/use-api-resource';
import { ApiErrorNotice } from '../../app/api-error-notice';
import { navigate } from '../../app/navigation';
import { Notice } from '../../app/notice';
import { useDocumentTitle } from '../../app/use-document-title';
import { useFormatters } from '../../i18n/formatters';
import { may } from './compliance-access-rules';
import { ACCESS_REQUESTS_PATH } from './compliance-paths';
import { ComplianceTabs } from './compliance-tabs';
import { RaiseRequestForm } from './raise-request-form';
import { dataAccessRow, grantRow, type RowContext } from './request-rows';
import { RequestTable, type RequestRow } from './request-table';
import { usePeople } from './use-people';
import './compliance.css';

/** `?show=all` lists decided requests too; the default is what still waits for a decision. */
function showAllFromSearch(): boolean {
  return new URLSearchParams(window.location.search).get('show') === 'all';
}

export function AccessRequestsPage({ session }: { readonly session: Session }) {
  const { t, i18n } = useTranslation();
  useDocumentTitle(t('compliance.requests.title'));
  const language = i18n.language;
  const [showAll, setShowAll] = useState(showAllFromSearch);
  const [decided, setDecided] = useState<boolean | null>(null);
  const people = usePeople(session);
  const format = useFormatters();
  const rowContext: RowContext = { session, people, t, format, language };
  const status = showAll ? undefined : 'pending';

  const mayListDataAccess = may(session, 'dataAccessList');
  const mayListGrants = may(session, 'grantList');
  const loadDataAccess = useCallback(
    (signal: AbortSignal) =>
      mayListDataAccess
        ? fetchDataAccessRequests(status, { signal, language }).then((list) => list.items)
        : Promise.resolve([]),
    [mayListDataAccess, status, language],
  );
  const loadGrants = useCallback(
    (signal: AbortSignal) =>
      mayListGrants
        ? fetchPermissionGrants(status, { signal, language }).then((list) => list.items)
        : Promise.resolve([]),
    [mayListGrants, status, language],
  );
  const dataAccess = useApiResource(loadDataAccess);
  const grants = useApiResource(loadGrants);

  const toggleShowAll = (): void => {
    const next = !showAll;
    setShowAll(next);
    navigate(next ? `${ACCESS_REQUESTS_PATH}?show=all` : ACCESS_REQUESTS_PATH, { replace: true });
  };
  const refreshAll = (): void => {
    void dataAccess.refresh();
    void grants.refresh();
  };
  const afterDecision = (approved: boolean): void => {
    setDecided(approved);
    refreshAll();
  };

  return (
    <div className="compliance-page">
      <div className="page-header">
        <div>
          <h1 className="page-header__title">{t('compliance.requests.title')}</h1>
          <p className="page-header__intro">{t('compliance.requests.intro')}</p>
        </div>
        <div className="page-header__actions">
          <button type="button" className="button button--secondary" onClick={toggleShowAll}>
            {showAll ? t('compliance.requests.showPending') : t('compliance.requests.showAll')}
          </button>
          <button type="button" className="button button--secondary" onClick={refreshAll}>
            {t('compliance.requests.refresh')}
          </button>
        </div>
      </div>
      <ComplianceTabs />
      {decided !== null && (
        <Notice
          tone="info"
          title={
            decided ? t('compliance.requests.decision.approved') : t('compliance.requests.decision.rejected')
          }
        />
      )}

      <section className="card" aria-labelledby="data-access-heading" data-testid="data-access-section">
        <h2 id="data-access-heading" className="card__title">
          {t('compliance.requests.dataAccess.title')}
        </h2>
        <p className="card__intro compliance-page__intro">{t('compliance.requests.dataAccess.intro')}</p>
        {mayListDataAccess ? (
          <RequestList
            resource={dataAccess}
            empty={
              showAll
                ? t('compliance.requests.dataAccess.emptyAll')
                : t('compliance.requests.dataAccess.empty')
            }
            caption={t('compliance.requests.dataAccess.caption')}
            testId="data-access-table"
            toRow={(request) => dataAccessRow(request, rowContext)}
            onDecided={afterDecision}
          />
        ) : (
          <p className="muted">{t('compliance.requests.dataAccess.notAllowed')}</p>
        )}
      </section>

      <section className="card" aria-labelledby="grants-heading" data-testid="grants-section">
        <h2 id="grants-heading" className="card__title">
          {t('compliance.requests.grants.title')}
        </h2>
        <p className="card__intro compliance-page__intro">{t('compliance.requests.grants.intro')}</p>
        {mayListGrants ? (
          <RequestList
            resource={grants}
            empty={showAll ? t('compliance.requests.grants.emptyAll') : t('compliance.requests.grants.empty')}
            caption={t('compliance.requests.grants.caption')}
            testId="grants-table"
            toRow={(request) => grantRow(request, rowContext)}
            onDecided={afterDecision}
          />
        ) : (
          <p className="muted">{t('compliance.requests.grants.notAllowed')}</p>
        )}
      </section>

      <RaiseRequestForm session={session} people={people} onRaised={refreshAll} />
    </div>
  );
}

interface RequestListProps<T> {
  readonly resource: ApiResource<readonly T[]>;
  readonly empty: string;
  readonly caption: string;
  readonly testId: string;
  readonly toRow: (request: T) => RequestRow;
  readonly onDecided: (approved: boolean) => void;
}

function RequestList<T>({ resource, empty, caption, testId, toRow, onDecided }: RequestListProps<T>) {
  const { t } = useTranslation();
  if (resource.data === undefined) {
    return resource.error === undefined ? (
      <p className="muted">{t('compliance.loading')}</p>
    ) : (
      <ApiErrorNotice error={resource.error} onRetry={() => void resource.refresh()} />
    );
  }
  return (
    <>
      {resource.error !== undefined && (
        <ApiErrorNotice error={resource.error} showingStaleData onRetry={() => void resource.refresh()} />
      )}
      {resource.data.length === 0 ? (
        <p className="muted" data-testid={`${testId}-empty`}>
          {empty}
        </p>
      ) : (
        <RequestTable
          caption={caption}
          rows={resource.data.map(toRow)}
          onDecided={onDecided}
          testId={testId}
        />
      )}
    </>
  );
}
