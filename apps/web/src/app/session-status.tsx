import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { clearSession, useSession } from '../api/session-store';
import { endCurrentSession } from '../api/sessions';
import { AppLink } from './app-link';
import { navigate, usePathname } from './navigation';
import { ACCOUNT_PATH, SIGN_IN_PATH, signInPath } from './paths';
import { useRoleNames } from './use-role-names';

/** The header's corner: who is signed in with a sign-out button, or a sign-in link. */
export function SessionStatus() {
  const { t, i18n } = useTranslation();
  const session = useSession();
  const pathname = usePathname();
  const roleNames = useRoleNames();
  const [signingOut, setSigningOut] = useState(false);

  if (session === null) {
    if (pathname === SIGN_IN_PATH) return null;
    return (
      <AppLink to={signInPath(pathname)} className="button button--secondary session-status__sign-in">
        {t('session.signIn')}
      </AppLink>
    );
  }

  const signOutClicked = async (): Promise<void> => {
    if (signingOut) return;
    setSigningOut(true);
    try {
      await endCurrentSession({ language: i18n.language });
    } catch {
      // The reader asked to sign out, so forget the session here whatever the server said (unreachable, or
      // the session had already ended); a token the server still holds expires on its own.
    }
    setSigningOut(false);
    // One step, so the app never renders a signed-out reader on a page that needs a session.
    clearSession();
    navigate(SIGN_IN_PATH);
  };

  return (
    <div className="session-status" role="group" aria-label={t('session.label')}>
      <AppLink to={ACCOUNT_PATH} className="session-status__who">
        <span className="session-status__name" data-testid="signed-in-name">
          {session.user.displayName}
        </span>
        <span className="session-status__role" data-testid="signed-in-role">
          {t('session.roleAt', {
            kind: t(`organisations.kinds.${session.tenant.kind}`),
            roles: roleNames(session.roles),
          })}
        </span>
      </AppLink>
      <button
        type="button"
        className="button button--secondary session-status__sign-out"
        aria-busy={signingOut}
        onClick={() => void signOutClicked()}
      >
        {signingOut ? t('session.signingOut') : t('session.signOut')}
      </button>
    </div>
  );
}
