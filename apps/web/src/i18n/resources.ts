import en from './locales/en.json';
import zhCN from './locales/zh-CN.json';

export const resources = {
  'zh-CN': { translation: zhCN },
  en: { translation: en },
} as const;
