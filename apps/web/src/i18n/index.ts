import i18next from 'i18next';
import { initReactI18next } from 'react-i18next';
import { DEFAULT_LANGUAGE, LANGUAGES, isLanguage, storeLanguage, storedLanguage } from './languages';
import { resources } from './resources';

/** The i18next instance of the web UI, initialised synchronously so the first render is already translated. */
export const i18n = i18next.createInstance();

function reflectLanguageInDocument(language: string): void {
  // `lang` picks the right CJK glyphs and the screen reader's voice; it must follow every switch.
  document.documentElement.lang = language;
}

void i18n.use(initReactI18next).init({
  resources,
  lng: storedLanguage() ?? DEFAULT_LANGUAGE,
  fallbackLng: DEFAULT_LANGUAGE,
  supportedLngs: LANGUAGES.map((language) => language.code),
  load: 'currentOnly',
  initAsync: false,
  // React escapes what it renders; escaping here as well would show entities such as &amp; to users.
  interpolation: { escapeValue: false },
  returnEmptyString: false,
});

reflectLanguageInDocument(i18n.language);
i18n.on('languageChanged', (language) => {
  reflectLanguageInDocument(language);
  if (isLanguage(language)) storeLanguage(language);
});
