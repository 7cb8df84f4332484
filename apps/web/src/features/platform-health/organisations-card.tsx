import type { Organisation, OrganisationPage } from '@carapace/contracts';
import { useTranslation } from 'react-i18next';
import { ApiErrorNotice } from '../../app/api-error-notice';
import { AppLink } from '../../app/app-link';
import { usePathname } from '../../app/navigation';
import { signInPath } from '../../app/paths';
import { useFormatters } from '../../i18n/formatters';

interface OrganisationsCardProps {
  /** Signed out, the card asks the reader to sign in instead of showing the server's 401. */
  readonly signedIn: boolean;
  readonly page: OrganisationPage | undefined;
  readonly error: unknown;
  readonly onRetry: () => void;
}

function OrganisationName({ organisation }: { readonly organisation: Organisation }) {
  const { i18n } = useTranslation();
  // Lead with the name in the reader's language; `lang` on each makes the browser pick Chinese glyphs for
  // Chinese names inside an English page.
  const zh = (
    <span lang="zh-CN" key="zh">
      {organisation.nameZh}
    </span>
  );
  const en =
    organisation.nameEn === null ? null : (
      <span lang="en" key="en">
        {organisation.nameEn}
      </span>
    );
  const [primary, secondary] = i18n.language === 'zh-CN' || en === null ? [zh, en] : [en, zh];
  return (
    <>
      <span className="org-name__primary">{primary}</span>
      {secondary !== null && <span className="org-name__secondary">{secondary}</span>}
    </>
  );
}

export function OrganisationsCard({ signedIn, page, error, onRetry }: OrganisationsCardProps) {
  const { t } = useTranslation();
  const format = useFormatters();
  const pathname = usePathname();

  let content;
  if (!signedIn) {
    content = (
      <div className="sign-in-prompt" data-testid="organisations-sign-in-prompt">
        <p className="muted">{t('organisations.signInPrompt')}</p>
        <AppLink to={signInPath(pathname)} className="button button--primary">
          {t('organisations.signInLink')}
        </AppLink>
      </div>
    );
  } else if (page === undefined) {
    content =
      error === undefined ? (
        <p className="muted">{t('health.loading')}</p>
      ) : (
        <ApiErrorNotice error={error} onRetry={onRetry} />
      );
  } else if (page.items.length === 0) {
    content = <p className="muted">{t('organisations.empty')}</p>;
  } else {
    content = (
      <>
        {error !== undefined && <ApiErrorNotice error={error} showingStaleData onRetry={onRetry} />}
        <div className="table-scroll">
          <table className="table">
            <caption className="visually-hidden">{t('organisations.caption')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('organisations.columns.name')}</th>
                <th scope="col">{t('organisations.columns.kind')}</th>
                <th scope="col">{t('organisations.columns.creditCode')}</th>
                <th scope="col">{t('organisations.columns.createdAt')}</th>
              </tr>
            </thead>
            <tbody>
              {page.items.map((organisation) => (
                <tr key={organisation.id}>
                  <th scope="row" className="org-name">
                    <OrganisationName organisation={organisation} />
                  </th>
                  <td>
                    <span className={`kind-tag kind-tag--${organisation.kind}`}>
                      {t(`organisations.kinds.${organisation.kind}`)}
                    </span>
                  </td>
                  <td className="mono">
                    {organisation.creditCode ?? (
                      <span className="muted">{t('organisations.noCreditCode')}</span>
                    )}
                  </td>
                  <td>
                    <time dateTime={organisation.createdAt}>{format.date(organisation.createdAt)}</time>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </>
    );
  }

  return (
    <section className="card card--wide" aria-labelledby="organisations-heading">
      <div className="card__header">
        <div>
          <h2 id="organisations-heading" className="card__title">
            {t('organisations.title')}
          </h2>
          <p className="card__intro">{t('organisations.intro')}</p>
        </div>
        {signedIn && page !== undefined && page.total > 0 && (
          <p className="card__count">
            {page.total > page.items.length
              ? t('organisations.showing', { shown: page.items.length, total: page.total })
              : t('organisations.total', { count: page.total })}
          </p>
        )}
      </div>
      {content}
    </section>
  );
}
