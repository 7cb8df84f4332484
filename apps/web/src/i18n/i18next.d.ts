import 'i18next';
import type { Messages } from './resources';

// zh-CN is the reference locale: a key missing from it is a type error wherever `t` is called.
declare module 'i18next' {
  interface CustomTypeOptions {
    defaultNS: 'translation';
    resources: { translation: Messages };
  }
}
