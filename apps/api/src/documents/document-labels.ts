import type { Language, LocalisedText, QuoteStatus, RiskFactorSource, RiskScore } from '@carapace/domain';

/**
 * Every fixed piece of text the documents print, in both product languages (zh-CN first). A template never
 * writes a word of its own: it asks this table, so a label cannot exist in one language only. `{name}`
 * marks a value the template fills in with `fillLabel`.
 */
export const DOCUMENT_LABELS = {
  quoteTitle: { 'zh-CN': '网络安全保险报价单', en: 'Cyber insurance quotation' },
  policyTitle: { 'zh-CN': '网络安全保险保单明细表', en: 'Cyber insurance policy schedule' },
  quoteReference: { 'zh-CN': '报价编号', en: 'Quote reference' },
  policyNumber: { 'zh-CN': '保险单号', en: 'Policy number' },
  status: { 'zh-CN': '状态', en: 'Status' },
  product: { 'zh-CN': '保险产品', en: 'Product' },
  productVersion: { 'zh-CN': '产品版本 {version}', en: 'version {version}' },
  quotedOn: { 'zh-CN': '报价日期', en: 'Quoted on' },
  validUntil: { 'zh-CN': '报价有效期至', en: 'Valid until' },
  issuedOn: { 'zh-CN': '签单日期', en: 'Issued on' },
  period: { 'zh-CN': '保险期间', en: 'Period of insurance' },
  periodText: {
    'zh-CN': '自{start}零时起至{end}二十四时止（北京时间）',
    en: 'From 00:00 on {start} to 24:00 on {end} (China Standard Time)',
  },
  termMonths: { 'zh-CN': '{months}个月', en: '{months} months' },

  insured: { 'zh-CN': '被保险人', en: 'The insured' },
  insuredName: { 'zh-CN': '名称', en: 'Name' },
  insuredNameEn: { 'zh-CN': '英文名称', en: 'Name in English' },
  creditCode: { 'zh-CN': '统一社会信用代码', en: 'Unified social credit code' },
  industry: { 'zh-CN': '行业（GB/T 4754-2017）', en: 'Industry (GB/T 4754-2017)' },
  annualRevenue: { 'zh-CN': '年营业收入', en: 'Annual revenue' },
  employees: { 'zh-CN': '员工人数', en: 'Employees' },
  recordsHeld: { 'zh-CN': '持有的个人信息记录', en: 'Personal-information records held' },
  recordsHeldBreakdown: {
    'zh-CN': '个人信息 {personal} 条，敏感个人信息 {sensitive} 条，支付信息 {payment} 条',
    en: '{personal} personal, {sensitive} sensitive, {payment} payment',
  },
  country: { 'zh-CN': '主要经营地', en: 'Main country of operation' },
  notGiven: { 'zh-CN': '未提供', en: 'Not given' },

  cover: { 'zh-CN': '保障内容', en: 'Cover' },
  coverSection: { 'zh-CN': '保障项目', en: 'Section' },
  coverParty: { 'zh-CN': '类别', en: 'Type' },
  partyFirst: { 'zh-CN': '第一方', en: 'First party' },
  partyThird: { 'zh-CN': '第三方', en: 'Third party' },
  limit: { 'zh-CN': '赔偿限额', en: 'Limit' },
  retention: { 'zh-CN': '免赔额', en: 'Retention' },
  waitingPeriod: { 'zh-CN': '等待期', en: 'Waiting period' },
  waitingHours: { 'zh-CN': '{hours}小时', en: '{hours} hours' },
  policyAggregate: { 'zh-CN': '累计赔偿限额', en: 'Policy aggregate limit' },
  policyAggregateNote: {
    'zh-CN': '保险期间内各保障项目的赔偿总额以此为限；每次事故扣除相应免赔额。',
    en: "All sections together pay at most this amount in the period; each claim bears its section's retention.",
  },

  premium: { 'zh-CN': '保险费', en: 'Premium' },
  premiumComponent: { 'zh-CN': '构成', en: 'Component' },
  premiumAmount: { 'zh-CN': '金额', en: 'Amount' },
  premiumShare: { 'zh-CN': '占比', en: 'Share' },
  expectedInsuredLoss: { 'zh-CN': '预期赔付成本', en: 'Expected insured loss' },
  riskLoad: { 'zh-CN': '风险附加', en: 'Risk load' },
  expenses: { 'zh-CN': '费用', en: 'Expenses' },
  profit: { 'zh-CN': '利润', en: 'Profit' },
  rounding: { 'zh-CN': '取整', en: 'Rounding' },
  minimumPremiumTopUp: { 'zh-CN': '最低保险费补足', en: 'Minimum premium top-up' },
  totalPremium: { 'zh-CN': '保险费合计', en: 'Total premium' },
  premiumNote: {
    'zh-CN':
      '保险费 =（预期赔付成本 + 风险附加）÷（1 − 费用率 − 利润率），按产品规则取整；各项之和等于合计。',
    en: "Premium = (expected insured loss + risk load) ÷ (1 − expense ratio − profit ratio), rounded by the product's rule; the parts add up to the total.",
  },

  riskScore: { 'zh-CN': '风险评分', en: 'Risk score' },
  scoreOutOf: { 'zh-CN': '{score} 分（满分 100）', en: '{score} out of 100' },
  riskBand: { 'zh-CN': '风险等级', en: 'Risk band' },
  bandLow: { 'zh-CN': '低', en: 'Low' },
  bandModerate: { 'zh-CN': '中', en: 'Moderate' },
  bandElevated: { 'zh-CN': '较高', en: 'Elevated' },
  bandHigh: { 'zh-CN': '高', en: 'High' },
  scoreNote: {
    'zh-CN': '0 分风险最低，100 分最高。每一分均可追溯至表中的一项事实，各项分值之和即为评分。',
    en: '0 is the least risk and 100 the most. Every point traces to a fact in the table; the points add up to the score.',
  },
  factor: { 'zh-CN': '因素', en: 'Factor' },
  factorValue: { 'zh-CN': '取值', en: 'Value' },
  factorSource: { 'zh-CN': '来源', en: 'Source' },
  points: { 'zh-CN': '分值', en: 'Points' },
  sourceFirmographic: { 'zh-CN': '企业信息', en: 'Company facts' },
  sourceAnswer: { 'zh-CN': '问卷回答', en: 'Questionnaire' },
  sourceFinding: { 'zh-CN': '监测发现', en: 'Monitoring' },
  sourceHistory: { 'zh-CN': '历史记录', en: 'Claims history' },
  sourceRatePlan: { 'zh-CN': '费率方案', en: 'Rate plan' },
  controlEvidenced: { 'zh-CN': '已采用（有证明）', en: 'In place, evidenced' },
  controlAttested: { 'zh-CN': '已采用（未提供证明）', en: 'In place, not evidenced' },
  controlAbsent: { 'zh-CN': '未采用', en: 'Not in place' },
  scoreTotal: { 'zh-CN': '合计', en: 'Total' },

  losses: { 'zh-CN': '损失模拟', en: 'Simulated losses' },
  lossesNote: {
    'zh-CN': '基于 {iterations} 个模拟年度的蒙特卡洛模拟；金额单位为{currency}。',
    en: 'Monte Carlo simulation of {iterations} years; amounts in {currency}.',
  },
  meanGross: { 'zh-CN': '年均总损失', en: 'Expected annual gross loss' },
  meanInsured: { 'zh-CN': '年均保险赔付', en: 'Expected annual insured loss' },
  meanRetained: { 'zh-CN': '年均自留损失', en: 'Expected annual retained loss' },
  chartTitle: { 'zh-CN': '损失超越概率曲线', en: 'Loss-exceedance curve' },
  chartLossAxis: { 'zh-CN': '年度损失（{currency}，对数刻度）', en: 'Annual loss ({currency}, log scale)' },
  chartProbabilityAxis: { 'zh-CN': '超越概率', en: 'Probability of exceeding' },
  chartGross: { 'zh-CN': '总损失', en: 'Gross loss' },
  chartInsured: { 'zh-CN': '保险赔付', en: 'Insured loss' },
  chartAggregate: { 'zh-CN': '累计赔偿限额', en: 'Aggregate limit' },
  chartNoLosses: { 'zh-CN': '模拟中未出现损失', en: 'No loss in the simulation' },
  returnPeriods: { 'zh-CN': '重现期损失', en: 'Return-period losses' },
  returnPeriod: { 'zh-CN': '重现期', en: 'Return period' },
  oneInYears: { 'zh-CN': '{years}年一遇', en: '1 in {years} years' },
  annualProbability: { 'zh-CN': '年发生概率', en: 'Annual probability' },
  grossLoss: { 'zh-CN': '总损失', en: 'Gross loss' },
  insuredLoss: { 'zh-CN': '保险赔付', en: 'Insured loss' },

  preBindContingencies: { 'zh-CN': '出单前须满足的条件', en: 'Conditions before binding' },
  postBindContingencies: { 'zh-CN': '出单后须满足的条件', en: 'Conditions after binding' },
  condition: { 'zh-CN': '条件', en: 'Condition' },
  conditionStatus: { 'zh-CN': '状态', en: 'Status' },
  dueBy: { 'zh-CN': '截止日期', en: 'Due by' },
  conditionMet: { 'zh-CN': '已满足（{date}）', en: 'Met on {date}' },
  conditionOutstanding: { 'zh-CN': '待满足', en: 'Outstanding' },
  noConditions: { 'zh-CN': '无', en: 'None' },

  referralReasons: { 'zh-CN': '需核保人审核的原因', en: 'Why an underwriter must review' },
  declineReasons: { 'zh-CN': '拒保原因', en: 'Why cover is declined' },
  ruleOutcomeRefer: { 'zh-CN': '转人工核保', en: 'Refer' },
  ruleOutcomeDecline: { 'zh-CN': '拒保', en: 'Decline' },

  statusReferred: { 'zh-CN': '待核保审核', en: 'Referred' },
  statusQuoted: { 'zh-CN': '已报价', en: 'Quoted' },
  statusDeclined: { 'zh-CN': '已拒保', en: 'Declined' },
  statusExpired: { 'zh-CN': '已过期', en: 'Expired' },
  statusBindRequested: { 'zh-CN': '已申请承保', en: 'Bind requested' },
  statusBound: { 'zh-CN': '已承保', en: 'Bound' },
  statusPolicyIssued: { 'zh-CN': '已签发保单', en: 'Policy issued' },

  reproducibility: { 'zh-CN': '复现信息', en: 'Reproducibility' },
  generatedAt: { 'zh-CN': '生成时间', en: 'Generated' },
  seed: { 'zh-CN': '随机种子', en: 'Random seed' },
  ratePlan: { 'zh-CN': '费率方案', en: 'Rate plan' },
  simulatedYears: { 'zh-CN': '模拟年度数', en: 'Simulated years' },
  quoteRecord: { 'zh-CN': '报价记录', en: 'Quote record' },
  reproducibilityNote: {
    'zh-CN': '以相同的产品版本、费率方案、企业信息与随机种子重新评估，所得数字完全相同。',
    en: 'Re-assessing with the same product version, rate plan, company facts and seed gives the same figures.',
  },
  quoteDisclaimer: {
    'zh-CN': '本报价单不构成保险合同。保险责任以正式签发的保险单及其条款为准。',
    en: 'This quotation is not a contract of insurance. Cover is only as stated in the issued policy and its wording.',
  },
  policyDisclaimer: {
    'zh-CN': '本明细表是保险单的组成部分，须与保险条款一并阅读。',
    en: 'This schedule forms part of the policy and must be read with the policy wording.',
  },
  captioned: { 'zh-CN': '{caption}：{value}', en: '{caption}: {value}' },
  pageOf: { 'zh-CN': '第 {page} 页，共 {pages} 页', en: 'Page {page} of {pages}' },
} as const satisfies Record<string, LocalisedText>;

export type LabelKey = keyof typeof DOCUMENT_LABELS;

/** The label in the reader's language. */
export function label(language: Language, key: LabelKey): string {
  return DOCUMENT_LABELS[key][language];
}

/**
 * Fills `{name}` placeholders with plain text. The result is text, not markup: templates escape it like any
 * other value. A placeholder with no value is a programming error.
 *
 * @throws RangeError if the label names a placeholder that `values` does not give
 */
export function fillLabel(
  language: Language,
  key: LabelKey,
  values: Readonly<Record<string, string | number>>,
): string {
  return label(language, key).replace(/\{(\w+)\}/g, (_placeholder, name: string) => {
    const value = values[name];
    if (value === undefined) throw new RangeError(`label ${key} needs a value for {${name}}`);
    return String(value);
  });
}

export const STATUS_LABELS = {
  referred: 'statusReferred',
  quoted: 'statusQuoted',
  declined: 'statusDeclined',
  expired: 'statusExpired',
  bind_requested: 'statusBindRequested',
  bound: 'statusBound',
  policy_issued: 'statusPolicyIssued',
} as const satisfies Record<QuoteStatus, LabelKey>;

export const BAND_LABELS = {
  low: 'bandLow',
  moderate: 'bandModerate',
  elevated: 'bandElevated',
  high: 'bandHigh',
} as const satisfies Record<RiskScore['band'], LabelKey>;

export const SOURCE_LABELS = {
  firmographic: 'sourceFirmographic',
  answer: 'sourceAnswer',
  finding: 'sourceFinding',
  history: 'sourceHistory',
  rate_plan: 'sourceRatePlan',
} as const satisfies Record<RiskFactorSource | 'rate_plan', LabelKey>;
