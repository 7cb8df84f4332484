import { useTranslation } from 'react-i18next';
import { AppLink } from './app-link';
import { PLATFORM_HEALTH_PATH } from './paths';
import { useDocumentTitle } from './use-document-title';

export function NotFoundPage({ path }: { readonly path: string }) {
  const { t } = useTranslation();
  useDocumentTitle(t('notFound.title'));
  return (
    <section className="not-found" aria-labelledby="not-found-heading">
      <h1 id="not-found-heading">{t('notFound.title')}</h1>
      <p>{t('notFound.body', { path })}</p>
      <AppLink to={PLATFORM_HEALTH_PATH} className="button button--primary">
        {t('notFound.backToHealth')}
      </AppLink>
    </section>
  );
}
