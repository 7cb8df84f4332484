import type { NewOrganisation } from '../organisations/organisation.js';

/**
 * Fictional organisations for the demo: one of each kind the platform serves. The credit codes carry a
 * valid check character but use the made-up registration body "CRP…", so they match no real company.
 */
/** The demo insurer: every demo application is made to it, and its staff are the demo accounts. */
export const DEMO_INSURER_CREDIT_CODE = '91110000CRP000001U';

export const DEMO_ORGANISATIONS: readonly NewOrganisation[] = [
  {
    kind: 'insurer',
    nameZh: '甲壳财产保险股份有限公司（演示）',
    nameEn: 'Carapace Property & Casualty Insurance Co., Ltd. (demo)',
    creditCode: '91110000CRP000001U',
  },
  {
    kind: 'broker',
    nameZh: '远帆保险经纪有限公司（演示）',
    nameEn: 'Far Sail Insurance Brokers Ltd. (demo)',
    creditCode: '91310000CRP000002C',
  },
  {
    kind: 'insured',
    nameZh: '杭州青石软件科技有限公司（演示）',
    nameEn: 'Hangzhou Bluestone Software Technology Co., Ltd. (demo)',
    creditCode: '91330106CRP000003K',
  },
  {
    kind: 'insured',
    nameZh: '深圳海湾医疗器械有限公司（演示）',
    nameEn: 'Shenzhen Bayside Medical Devices Co., Ltd. (demo)',
    creditCode: '91440300CRP0000045',
  },
  {
    kind: 'insured',
    nameZh: '苏州运河物流有限公司（演示）',
    nameEn: 'Suzhou Canal Logistics Co., Ltd. (demo)',
    creditCode: '91320500CRP000005K',
  },
  {
    kind: 'insured',
    nameZh: '杭州西子优选电子商务有限公司（演示）',
    nameEn: 'Hangzhou West Lake Select E-commerce Co., Ltd. (demo)',
    creditCode: '91330100CRP0000079',
  },
  {
    kind: 'insured',
    nameZh: '广州南粤精密制造有限公司（演示）',
    nameEn: 'Guangzhou Nanyue Precision Manufacturing Co., Ltd. (demo)',
    creditCode: '91440100CRP0000087',
  },
  {
    kind: 'insured',
    nameZh: '成都锦江口腔门诊部有限公司（演示）',
    nameEn: 'Chengdu Jinjiang Dental Clinic Co., Ltd. (demo)',
    creditCode: '91510100CRP000009L',
  },
  {
    kind: 'security_partner',
    nameZh: '北京长城网络安全服务有限公司（演示）',
    nameEn: 'Beijing Great Wall Cyber Security Services Co., Ltd. (demo)',
    creditCode: '91110108CRP0000064',
  },
];
