import type { LocalisedText } from '../shared/localised-text.js';

/**
 * GB/T 4754-2017 (国民经济行业分类) sections, the industry classification Chinese insureds know, each with
 * the NAICS 2017 two-digit sectors it corresponds to. The NAICS side is how calibration data (VCDB, which
 * codes victims by NAICS) reaches a Chinese industry; where a section spans several NAICS sectors all are
 * listed, the first being the closest.
 */
export const INDUSTRY_SECTIONS = {
  A: {
    name: { 'zh-CN': '农、林、牧、渔业', en: 'Agriculture, forestry, animal husbandry and fishery' },
    naics: ['11'],
  },
  B: { name: { 'zh-CN': '采矿业', en: 'Mining' }, naics: ['21'] },
  C: { name: { 'zh-CN': '制造业', en: 'Manufacturing' }, naics: ['31', '32', '33'] },
  D: {
    name: { 'zh-CN': '电力、热力、燃气及水生产和供应业', en: 'Electricity, heat, gas and water supply' },
    naics: ['22'],
  },
  E: { name: { 'zh-CN': '建筑业', en: 'Construction' }, naics: ['23'] },
  F: { name: { 'zh-CN': '批发和零售业', en: 'Wholesale and retail trade' }, naics: ['42', '44', '45'] },
  G: {
    name: { 'zh-CN': '交通运输、仓储和邮政业', en: 'Transport, storage and postal services' },
    naics: ['48', '49'],
  },
  H: { name: { 'zh-CN': '住宿和餐饮业', en: 'Accommodation and catering' }, naics: ['72'] },
  I: {
    name: {
      'zh-CN': '信息传输、软件和信息技术服务业',
      en: 'Information transmission, software and IT services',
    },
    naics: ['51', '54'],
  },
  J: { name: { 'zh-CN': '金融业', en: 'Finance' }, naics: ['52'] },
  K: { name: { 'zh-CN': '房地产业', en: 'Real estate' }, naics: ['53'] },
  L: { name: { 'zh-CN': '租赁和商务服务业', en: 'Leasing and business services' }, naics: ['56', '55'] },
  M: {
    name: { 'zh-CN': '科学研究和技术服务业', en: 'Scientific research and technical services' },
    naics: ['54'],
  },
  N: {
    name: {
      'zh-CN': '水利、环境和公共设施管理业',
      en: 'Water conservancy, environment and public facilities',
    },
    naics: ['56', '92'],
  },
  O: {
    name: { 'zh-CN': '居民服务、修理和其他服务业', en: 'Resident, repair and other services' },
    naics: ['81'],
  },
  P: { name: { 'zh-CN': '教育', en: 'Education' }, naics: ['61'] },
  Q: { name: { 'zh-CN': '卫生和社会工作', en: 'Health and social work' }, naics: ['62'] },
  R: { name: { 'zh-CN': '文化、体育和娱乐业', en: 'Culture, sports and entertainment' }, naics: ['71'] },
  S: {
    name: {
      'zh-CN': '公共管理、社会保障和社会组织',
      en: 'Public administration, social security and social organisations',
    },
    naics: ['92'],
  },
  T: { name: { 'zh-CN': '国际组织', en: 'International organisations' }, naics: ['92'] },
} as const satisfies Record<string, { name: LocalisedText; naics: readonly string[] }>;

export type IndustrySection = keyof typeof INDUSTRY_SECTIONS;

export const INDUSTRY_SECTION_CODES = Object.keys(INDUSTRY_SECTIONS) as IndustrySection[];

export function isIndustrySection(value: string): value is IndustrySection {
  return Object.hasOwn(INDUSTRY_SECTIONS, value);
}
