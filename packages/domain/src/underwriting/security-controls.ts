import type { LocalisedText } from '../shared/localised-text.js';

/**
 * The security controls the questionnaire asks about. What each one does to frequency or severity is rate-plan
 * data (catalogue/rate-plans), not code: this list only names them, in the order the questionnaire shows them.
 */
export const SECURITY_CONTROLS = {
  mfa_remote_access: {
    name: { 'zh-CN': '远程访问多因素认证', en: 'MFA on remote access (VPN, RDP, remote desktop)' },
  },
  mfa_email: { name: { 'zh-CN': '邮箱多因素认证', en: 'MFA on email' } },
  mfa_privileged: { name: { 'zh-CN': '管理员账号多因素认证', en: 'MFA on administrator accounts' } },
  endpoint_detection_response: {
    name: { 'zh-CN': '终端检测与响应（EDR）', en: 'Endpoint detection and response (EDR)' },
  },
  offline_backups: {
    name: { 'zh-CN': '离线或不可篡改备份', en: 'Offline or immutable backups' },
  },
  backup_restore_tested: {
    name: { 'zh-CN': '备份恢复演练（每年至少一次）', en: 'Backup restore tested at least yearly' },
  },
  critical_patching_14_days: {
    name: { 'zh-CN': '高危漏洞14天内修补', en: 'Critical patches applied within 14 days' },
  },
  end_of_life_software_removed: {
    name: { 'zh-CN': '无停止支持的软件', en: 'No end-of-life software in use' },
  },
  email_filtering: {
    name: { 'zh-CN': '邮件过滤与沙箱', en: 'Email filtering and attachment sandboxing' },
  },
  incident_response_plan_tested: {
    name: { 'zh-CN': '应急响应预案并演练', en: 'Incident response plan, tested' },
  },
  security_awareness_training: {
    name: { 'zh-CN': '安全意识培训与钓鱼演练', en: 'Security awareness training with phishing drills' },
  },
  privileged_access_management: {
    name: { 'zh-CN': '特权账号管理（PAM）', en: 'Privileged access management (PAM)' },
  },
  network_segmentation: { name: { 'zh-CN': '网络分区隔离', en: 'Network segmentation' } },
  encryption_at_rest: {
    name: {
      'zh-CN': '数据静态加密（含笔记本与移动介质）',
      en: 'Encryption at rest, laptops and media included',
    },
  },
  security_monitoring: {
    name: { 'zh-CN': '日志集中与7×24安全监测', en: 'Central logging with 24×7 security monitoring' },
  },
  vendor_risk_management: {
    name: { 'zh-CN': '供应商安全管理', en: 'Vendor security management' },
  },
  asset_inventory: { name: { 'zh-CN': '资产清单与软件物料清单', en: 'Asset inventory and SBOM' } },
  payment_change_verification: {
    name: {
      'zh-CN': '付款信息变更双人核验',
      en: 'Out-of-band verification of payment changes',
    },
  },
  data_minimisation: {
    name: { 'zh-CN': '个人信息最小化与定期删除', en: 'Personal data minimised and deleted on schedule' },
  },
  web_application_firewall: {
    name: { 'zh-CN': '对外系统Web应用防火墙', en: 'Web application firewall on internet-facing systems' },
  },
} as const satisfies Record<string, { name: LocalisedText }>;

export type SecurityControlId = keyof typeof SECURITY_CONTROLS;

export const SECURITY_CONTROL_IDS = Object.keys(SECURITY_CONTROLS) as SecurityControlId[];

export function isSecurityControlId(value: string): value is SecurityControlId {
  return Object.hasOwn(SECURITY_CONTROLS, value);
}
