/** Text shown to people, in both product languages. zh-CN comes first: it is the default. */
export interface LocalisedText {
  readonly 'zh-CN': string;
  readonly en: string;
}

export type Language = keyof LocalisedText;

export const LANGUAGES: readonly Language[] = ['zh-CN', 'en'];
