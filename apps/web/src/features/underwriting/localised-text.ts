import { useTranslation } from 'react-i18next';

/** Text the API sends in both product languages, e.g. a factor's label or a contingency. */
export interface LocalisedText {
  readonly 'zh-CN': string;
  readonly en: string;
}

/** Picks the API's text in the interface language; zh-CN is the product's first language. */
export function useLocalised(): (text: LocalisedText) => string {
  const { i18n } = useTranslation();
  return (text) => (i18n.language === 'en' ? text.en : text['zh-CN']);
}
