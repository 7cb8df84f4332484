/** The interface languages, in the order the switch shows them. zh-CN is the product's first language. */
export const LANGUAGES = [
  // A language is named in itself, so a reader who cannot read the current one still finds their own.
  { code: 'zh-CN', nativeName: '中文' },
  { code: 'en', nativeName: 'English' },
] as const;

export type Language = (typeof LANGUAGES)[number]['code'];

export const DEFAULT_LANGUAGE: Language = 'zh-CN';

const STORAGE_KEY = 'carapace.language';

export function isLanguage(value: unknown): value is Language {
  return LANGUAGES.some((language) => language.code === value);
}

export function storedLanguage(): Language | null {
  try {
    const value = window.localStorage.getItem(STORAGE_KEY);
    return isLanguage(value) ? value : null;
  } catch {
    // Storage can be disabled (privacy modes, some embedded browsers); the default language still works.
    return null;
  }
}

export function storeLanguage(language: Language): void {
  try {
    window.localStorage.setItem(STORAGE_KEY, language);
  } catch {
    // Not remembering the choice is better than failing to switch.
  }
}
