/**
 * What one attempt to deliver a message came to. `delivered` carries the receiver's status: the HTTP
 * status for a webhook, the SMTP reply code for an e-mail. A `failed` attempt says whether the same
 * message may succeed later (`retryable`) and why it failed, in one line an operator can read; the reason
 * never contains a secret.
 */
export type DeliveryResult =
  | { readonly kind: 'delivered'; readonly status: number }
  | { readonly kind: 'failed'; readonly retryable: boolean; readonly reason: string };
