import enCommon from './locales/en/common.json';
import enCompliance from './locales/en/compliance.json';
import enHome from './locales/en/home.json';
import enMonitoring from './locales/en/monitoring.json';
import enSubmissions from './locales/en/submissions.json';
import enUnderwriting from './locales/en/underwriting.json';
import zhCommon from './locales/zh-CN/common.json';
import zhCompliance from './locales/zh-CN/compliance.json';
import zhHome from './locales/zh-CN/home.json';
import zhMonitoring from './locales/zh-CN/monitoring.json';
import zhSubmissions from './locales/zh-CN/submissions.json';
import zhUnderwriting from './locales/zh-CN/underwriting.json';

// One file per feature, so the screens of one capability are translated (and reviewed) together; each
// feature's file sits under its own top-level key of the single `translation` namespace, e.g.
// `t('monitoring.findings.title')`. locales.test.ts reads the same directories and checks both languages.
const zhCN = {
  ...zhCommon,
  home: zhHome,
  submissions: zhSubmissions,
  underwriting: zhUnderwriting,
  monitoring: zhMonitoring,
  compliance: zhCompliance,
};

const en = {
  ...enCommon,
  home: enHome,
  submissions: enSubmissions,
  underwriting: enUnderwriting,
  monitoring: enMonitoring,
  compliance: enCompliance,
};

/** The zh-CN messages: the reference locale, whose shape types every `t` call. */
export type Messages = typeof zhCN;

export const resources = {
  'zh-CN': { translation: zhCN },
  en: { translation: en },
} as const;
