import { useTranslation } from 'react-i18next';
import type { Session } from '../../api/session-store';
import { FEATURES } from '../../app/features';
import { useDocumentTitle } from '../../app/use-document-title';
import { useRoleNames } from '../../app/use-role-names';
import './home.css';

/**
 * The signed-in start page: the panels each capability offers the reader's roles, e.g. an underwriter's
 * queue or a policyholder's risk and alerts. A role no capability serves yet gets a plain pointer onwards.
 */
export function HomePage({ session }: { readonly session: Session }) {
  const { t } = useTranslation();
  const roleNames = useRoleNames();
  useDocumentTitle(t('home.title'));
  const widgets = FEATURES.flatMap((feature) => feature.homeWidgets).filter((widget) =>
    widget.roles.some((role) => session.roles.includes(role)),
  );

  return (
    <div className="home-page">
      <div className="page-header">
        <div>
          <h1 className="page-header__title">{t('home.title')}</h1>
          <p className="page-header__intro">
            {t('home.greeting', { name: session.user.displayName, roles: roleNames(session.roles) })}
          </p>
        </div>
      </div>
      {widgets.length === 0 ? (
        <p className="muted" data-testid="home-empty">
          {t('home.nothingForRoles')}
        </p>
      ) : (
        <div className="home-page__widgets">
          {widgets.map((widget) => (
            <div key={widget.id} className="home-page__widget" data-testid={`home-widget-${widget.id}`}>
              {widget.render(session)}
            </div>
          ))}
        </div>
      )}
    </div>
  );
}
