/**
 * Local receivers for anything that sends alerts, for tests and benchmarks outside this workspace
 * (`@carapace/api/testing`). Source only, like `@carapace/store/testing`: the build leaves the testing
 * folders out of `dist`, so import it with `--conditions=@carapace/source`.
 */
export {
  startSmtpSink,
  type ReceivedEmail,
  type SmtpRefusal,
  type SmtpSink,
  type SmtpSinkOptions,
} from './smtp-sink.js';
export {
  startWebhookReceiver,
  type ReceivedWebhook,
  type RefusedWebhook,
  type WebhookReceiver,
  type WebhookReceiverOptions,
  type WebhookReply,
} from './webhook-receiver.js';
