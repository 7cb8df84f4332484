import { useTranslation } from 'react-i18next';
import { LANGUAGES } from '../i18n/languages';

export function LanguageSwitch() {
  const { t, i18n } = useTranslation();
  return (
    <div className="language-switch" role="group" aria-label={t('language.switchLabel')}>
      {LANGUAGES.map((language) => {
        const active = i18n.language === language.code;
        return (
          <button
            key={language.code}
            type="button"
            lang={language.code}
            aria-pressed={active}
            className="language-switch__option"
            onClick={() => {
              if (!active) void i18n.changeLanguage(language.code);
            }}
          >
            {language.nativeName}
          </button>
        );
      })}
    </div>
  );
}
