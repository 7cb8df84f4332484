import { useCallback } from 'react';
import { useTranslation } from 'react-i18next';
import { fetchDataAccessRequests, fetchPermissionGrants } from '../../api/compliance';
import type { Session } from '../../api/session-store';
import { useApiResource } from '../../api/use-api-resource';
import { ApiErrorNotice } from '../../app/api-error-notice';
import { AppLink } from '../../app/app-link';
import { useFormatters } from '../../i18n/formatters';
import { may } from './compliance-access-rules';
import { ACCESS_REQUESTS_PATH, AUDIT_LOG_PATH } from './compliance-paths';
import { describeDataAccess, describeGrant } from './request-rows';
import { TreeHeadPanel } from './tree-head-panel';
import { usePeople } from './use-people';
import './compliance.css';

interface AwaitingItem {
  readonly id: string;
  readonly text: string;
  readonly createdAt: string;
}

/**
 * What waits for this reader's decision: data access for a compliance officer, role grants for a security
 * admin — never their own requests, which they may not decide.
 */
export function ApprovalsWidget({ session }: { readonly session: Session }) {
  const { t, i18n } = useTranslation();
  const format = useFormatters();
  const language = i18n.language;
  const people = usePeople(session);
  const decidesData = may(session, 'dataAccessDecide');
  const decidesGrants = may(session, 'grantDecide');
  const me = session.user.id;
  const load = useCallback(
    async (signal: AbortSignal) => {
      const [dataAccess, grants] = await Promise.all([
        decidesData ? fetchDataAccessRequests('pending', { signal, language }) : { items: [] },
        decidesGrants ? fetchPermissionGrants('pending', { signal, language }) : { items: [] },
      ]);
      return {
        dataAccess: dataAccess.items.filter((request) => request.requestedBy !== me),
        grants: grants.items.filter((request) => request.requestedBy !== me && request.userId !== me),
      };
    },
    [decidesData, decidesGrants, language, me],
  );
  const awaiting = useApiResource(load, { refreshIntervalMs: 60_000 });

  let content;
  if (awaiting.data === undefined) {
    content =
      awaiting.error === undefined ? (
        <p className="muted">{t('compliance.loading')}</p>
      ) : (
        <ApiErrorNotice error={awaiting.error} onRetry={() => void awaiting.refresh()} />
      );
  } else {
    const context = { session, people, t, format, language };
    const items: AwaitingItem[] = [
      ...awaiting.data.dataAccess.map((request) => ({
        id: request.id,
        createdAt: request.createdAt,
        text: t('compliance.widgets.approvals.dataAccess', { what: describeDataAccess(request, t) }),
      })),
      ...awaiting.data.grants.map((request) => ({
        id: request.id,
        createdAt: request.createdAt,
        text: t('compliance.widgets.approvals.grant', { what: describeGrant(request, context) }),
      })),
    ];
    content =
      items.length === 0 ? (
        <p className="muted" data-testid="approvals-none">
          {t('compliance.widgets.approvals.none')}
        </p>
      ) : (
        <ul className="compliance-widget__list" data-testid="approvals-list">
          {items.map((item) => (
            <li key={item.id}>
              {item.text}
              <span className="hint">
                {' · '}
                <time dateTime={item.createdAt}>{format.dateTime(item.createdAt)}</time>
              </span>
            </li>
          ))}
        </ul>
      );
  }
  const count =
    awaiting.data === undefined ? null : awaiting.data.dataAccess.length + awaiting.data.grants.length;

  return (
    <section className="card" aria-labelledby="approvals-widget-heading">
      <div className="card__header">
        <h2 id="approvals-widget-heading" className="card__title">
          {t('compliance.widgets.approvals.title')}
        </h2>
        {count !== null && (
          <span className="card__count">{t('compliance.widgets.approvals.count', { count })}</span>
        )}
      </div>
      {content}
      <p className="compliance-widget__link">
        <AppLink to={ACCESS_REQUESTS_PATH}>{t('compliance.widgets.approvals.open')}</AppLink>
      </p>
    </section>
  );
}

/** The latest signed tree head and the Verify button, for those who check the log. */
export function AuditStatusWidget() {
  const { t } = useTranslation();
  return (
    <div className="compliance-widget">
      <TreeHeadPanel headingLevel={2} />
      <p className="compliance-widget__link">
        <AppLink to={AUDIT_LOG_PATH}>{t('compliance.widgets.audit.open')}</AppLink>
      </p>
    </div>
  );
}
