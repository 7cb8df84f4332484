import { useCallback, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { fetchAccounts, type Account } from '../../api/compliance';
import type { Session } from '../../api/session-store';
import { useApiResource } from '../../api/use-api-resource';
import { ApiErrorNotice } from '../../app/api-error-notice';
import { Notice } from '../../app/notice';
import { useDocumentTitle } from '../../app/use-document-title';
import { useFormatters } from '../../i18n/formatters';
import { may } from './compliance-access-rules';
import { ComplianceTabs } from './compliance-tabs';
import { CreateAccountForm } from './create-account-form';
import './compliance.css';

export function UsersPage({ session }: { readonly session: Session }) {
  const { t, i18n } = useTranslation();
  useDocumentTitle(t('compliance.users.title'));
  const language = i18n.language;
  const mayList = may(session, 'userList');
  const mayCreate = may(session, 'userCreate');
  const [creating, setCreating] = useState(false);
  const [created, setCreated] = useState<string | null>(null);
  const load = useCallback(
    (signal: AbortSignal) =>
      mayList ? fetchAccounts({ signal, language }).then((list) => list.items) : Promise.resolve([]),
    [mayList, language],
  );
  const accounts = useApiResource(load);

  return (
    <div className="compliance-page">
      <div className="page-header">
        <div>
          <h1 className="page-header__title">{t('compliance.users.title')}</h1>
          <p className="page-header__intro">{t('compliance.users.intro')}</p>
        </div>
        {mayCreate && !creating && (
          <div className="page-header__actions">
            <button
              type="button"
              className="button button--primary"
              onClick={() => {
                setCreating(true);
                setCreated(null);
              }}
            >
              {t('compliance.users.create.open')}
            </button>
          </div>
        )}
      </div>
      <ComplianceTabs />
      {created !== null && (
        <Notice tone="info" title={t('compliance.users.create.created', { email: created })} />
      )}
      {creating && (
        <CreateAccountForm
          session={session}
          onCancel={() => {
            setCreating(false);
          }}
          onCreated={(email) => {
            setCreating(false);
            setCreated(email);
            void accounts.refresh();
          }}
        />
      )}
      <section className="card" aria-labelledby="users-heading">
        <div className="card__header">
          <h2 id="users-heading" className="card__title">
            {t('compliance.users.caption')}
          </h2>
          {accounts.data !== undefined && mayList && (
            <span className="card__count">
              {t('compliance.users.count', { count: accounts.data.length })}
            </span>
          )}
        </div>
        {!mayList ? (
          <p className="muted">{t('compliance.users.notAllowed')}</p>
        ) : accounts.data === undefined ? (
          accounts.error === undefined ? (
            <p className="muted">{t('compliance.loading')}</p>
          ) : (
            <ApiErrorNotice error={accounts.error} onRetry={() => void accounts.refresh()} />
          )
        ) : (
          <>
            {accounts.error !== undefined && (
              <ApiErrorNotice
                error={accounts.error}
                showingStaleData
                onRetry={() => void accounts.refresh()}
              />
            )}
            {accounts.data.length === 0 ? (
              <p className="muted">{t('compliance.users.empty')}</p>
            ) : (
              <UsersTable accounts={accounts.data} />
            )}
          </>
        )}
      </section>
    </div>
  );
}

function UsersTable({ accounts }: { readonly accounts: readonly Account[] }) {
  const { t } = useTranslation();
  const format = useFormatters();
  return (
    <div className="table-scroll">
      <table className="table compliance-table" data-testid="users-table">
        <caption className="visually-hidden">{t('compliance.users.caption')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('compliance.users.columns.name')}</th>
            <th scope="col">{t('compliance.users.columns.email')}</th>
            <th scope="col">{t('compliance.users.columns.roles')}</th>
            <th scope="col">{t('compliance.users.columns.status')}</th>
            <th scope="col">{t('compliance.users.columns.createdAt')}</th>
          </tr>
        </thead>
        <tbody>
          {accounts.map((account) => (
            <tr key={account.id} data-testid="user-row" data-email={account.email}>
              <th scope="row">{account.displayName}</th>
              <td className="wrap">{account.email}</td>
              <td data-testid="user-roles">
                {account.roles.length === 0 ? (
                  <span className="muted">{t('compliance.users.noRoles')}</span>
                ) : (
                  <ul className="compliance-roles">
                    {account.roles.map((held) => (
                      <li key={held.role}>
                        {t(`session.roles.${held.role}`)}
                        {held.expiresAt !== null && (
                          <span className="hint compliance-roles__temporary">
                            {' '}
                            {t('compliance.users.temporaryUntil', { time: format.dateTime(held.expiresAt) })}
                          </span>
                        )}
                      </li>
                    ))}
                  </ul>
                )}
              </td>
              <td>
                <span
                  className={`status-pill status-pill--${account.status === 'active' ? 'good' : 'neutral'}`}
                >
                  {t(`compliance.users.statuses.${account.status}`)}
                </span>
              </td>
              <td>
                <time dateTime={account.createdAt}>{format.date(account.createdAt)}</time>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
