import { useTranslation } from 'react-i18next';
import type { OrganisationValue } from '../../api/underwriting';

/** An organisation's name in the interface language; its Chinese name when it has no English one. */
export function useOrganisationName(): (organisation: OrganisationValue) => string {
  const { i18n } = useTranslation();
  return (organisation) =>
    i18n.language === 'en' && organisation.nameEn !== null ? organisation.nameEn : organisation.nameZh;
}
