import { useCallback } from 'react';
import { useTranslation } from 'react-i18next';

interface NamedOrganisation {
  readonly nameZh: string;
  readonly nameEn: string | null;
}

/**
 * A company's name in the interface language: the registered Chinese name in Chinese, the English name in
 * English when the company has one (many registered only in Chinese).
 */
export function organisationName(organisation: NamedOrganisation, language: string): string {
  return language.startsWith('zh') || organisation.nameEn === null
    ? organisation.nameZh
    : organisation.nameEn;
}

/** organisationName bound to the interface language. */
export function useOrganisationName(): (organisation: NamedOrganisation) => string {
  const { i18n } = useTranslation();
  const language = i18n.language;
  return useCallback((organisation) => organisationName(organisation, language), [language]);
}
