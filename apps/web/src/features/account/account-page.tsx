import { useCallback } from 'react';
import { useTranslation } from 'react-i18next';
import type { Session } from '../../api/session-store';
import { fetchCurrentUser } from '../../api/sessions';
import { useApiResource } from '../../api/use-api-resource';
import { ApiErrorNotice } from '../../app/api-error-notice';
import { useDocumentTitle } from '../../app/use-document-title';
import { useRoleNames } from '../../app/use-role-names';
import { useFormatters } from '../../i18n/formatters';
import './account.css';

/** The signed-in account as the server sees it now. Shown only signed in: the app sends others to sign in. */
export function AccountPage({ session }: { readonly session: Session }) {
  const { t, i18n } = useTranslation();
  const format = useFormatters();
  const roleNames = useRoleNames();
  useDocumentTitle(t('account.title'));

  const language = i18n.language;
  const token = session.token;
  const loadCurrentUser = useCallback(
    (signal: AbortSignal) => fetchCurrentUser({ signal, language }),
    // Not read inside, but a new token is another session, perhaps of another account: ask again.
    [language, token],
  );
  const currentUser = useApiResource(loadCurrentUser);
  const me = currentUser.data;

  let content;
  if (me === undefined) {
    content =
      currentUser.error === undefined ? (
        <p className="muted">{t('health.loading')}</p>
      ) : (
        <ApiErrorNotice error={currentUser.error} onRetry={() => void currentUser.refresh()} />
      );
  } else {
    content = (
      <dl className="facts">
        <div className="facts__row">
          <dt>{t('account.name')}</dt>
          <dd data-testid="account-name">{me.user.displayName}</dd>
        </div>
        <div className="facts__row">
          <dt>{t('account.email')}</dt>
          <dd className="wrap" data-testid="account-email">
            {me.user.email}
          </dd>
        </div>
        <div className="facts__row">
          <dt>{t('account.organisationKind')}</dt>
          <dd>{t(`organisations.kinds.${me.tenant.kind}`)}</dd>
        </div>
        <div className="facts__row">
          <dt>{t('account.roles')}</dt>
          <dd data-testid="account-roles">{roleNames(me.roles)}</dd>
        </div>
        <div className="facts__row">
          <dt>{t('account.authentication')}</dt>
          <dd>{t(`account.authenticationMethods.${me.authentication}`)}</dd>
        </div>
        <div className="facts__row">
          <dt>{t('account.expiresAt')}</dt>
          <dd>
            <time dateTime={session.expiresAt}>{format.dateTime(session.expiresAt)}</time>
            <p className="hint">{t('account.expiresHint')}</p>
          </dd>
        </div>
      </dl>
    );
  }

  return (
    <div className="account-page">
      <div className="page-header">
        <div>
          <h1 className="page-header__title">{t('account.title')}</h1>
          <p className="page-header__intro">{t('account.intro')}</p>
        </div>
      </div>
      <section className="card" aria-label={t('account.title')}>
        {content}
      </section>
    </div>
  );
}
