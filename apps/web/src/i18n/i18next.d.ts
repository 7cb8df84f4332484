import 'i18next';
import type zhCN from './locales/zh-CN.json';

// zh-CN is the reference locale: a key missing from it is a type error wherever `t` is called.
declare module 'i18next' {
  interface CustomTypeOptions {
    defaultNS: 'translation';
    resources: { translation: typeof zhCN };
  }
}
