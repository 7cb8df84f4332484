export { buildApp, type ApiDependencies } from './app.js';
export {
  loadConfig,
  ConfigError,
  ENVIRONMENT_VARIABLES,
  LOG_LEVELS,
  type PlatformConfig,
  type LogLevel,
  type ConfigSources,
} from './config.js';
export { createLogger, type Logger } from './logger.js';
export { listen, ServerStartError, type ListeningServer } from './http-server.js';
export {
  startPlatform,
  openConfiguredDatabase,
  loadDemoData,
  loadKeyring,
  auditLogServiceFor,
  DEFAULT_WEB_ROOT,
  DEFAULT_CATALOGUE_DIR,
  type RunningPlatform,
  type StartOptions,
} from './platform.js';
export { CARAPACE_VERSION } from './version.js';
export { loadProductCatalogue } from './underwriting/load-product-catalogue.js';
export * from './underwriting/underwriting-wire-format.js';
export { PROBLEM_CATALOGUE, type ProblemCode } from './http/problem-catalogue.js';
export { AuditLogService, AuditLogTamperedError, AUDIT_LOG_ID } from './audit/audit-log-service.js';
/** The keyring file is missing a key or malformed: the CLI reports it in one line. */
export { KeyringError, KeyVaultError } from '@carapace/security';
export {
  rotateRootKeyAndRewrap,
  rotateTenantKeyAndRewrap,
  type RootKeyRotation,
} from './keys/key-operations.js';
export { createMonitoringServices, type MonitoringServiceParts } from './monitoring/monitoring-services.js';
export { personalDataProtectionFor } from './privacy/vault-personal-data-protection.js';
export {
  startAlertDelivery,
  ALERT_DELIVERY_QUEUE,
  type AlertDelivery,
  type AlertDeliveryFailure,
  type AlertDeliveryMessage,
  type AlertDeliveryOptions,
  type AlertDeliveryRetry,
  type AlertOutbox,
  type AlertSenders,
  type UndispatchedAlert,
} from './monitoring/delivery/alert-delivery-worker.js';
export { type DeliveryResult } from './monitoring/delivery/delivery-result.js';
export {
  createWebhookSender,
  type WebhookDelivery,
  type WebhookSender,
  type WebhookSenderOptions,
} from './monitoring/delivery/webhook-sender.js';
export {
  createEmailSender,
  type EmailSender,
  type EmailSenderOptions,
  type OutgoingEmail,
} from './monitoring/delivery/email-sender.js';
