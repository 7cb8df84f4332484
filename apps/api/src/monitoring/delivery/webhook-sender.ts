import { signWebhook, type WebhookSecrets } from '@carapace/security';
import type { DeliveryResult } from './delivery-result.js';

export interface WebhookDelivery {
  /** The receiver's endpoint: http or https, without credentials. */
  readonly url: string;
  /** The message's dedupe id, sent as `webhook-id`: the same on every attempt. */
  readonly id: string;
  /** Sent as the JSON body. */
  readonly payload: unknown;
  readonly secret: WebhookSecrets;
}

export interface WebhookSenderOptions {
  /** Limit for one attempt, response body included; 10 s unless set. */
  readonly timeoutMs?: number;
  /** Bytes of a failed response's body kept for the reason; 2 KiB unless set. */
  readonly maxResponseBytes?: number;
  /** The signature's timestamp; the system clock unless set. */
  readonly clock?: () => Date;
}

export interface WebhookSender {
  /** One delivery attempt. Never throws: every outcome, a network failure included, is a `DeliveryResult`. */
  send(delivery: WebhookDelivery): Promise<DeliveryResult>;
}

const DEFAULT_TIMEOUT_MS = 10_000;
const DEFAULT_MAX_RESPONSE_BYTES = 2048;
const MAX_REDIRECTS = 3;
const USER_AGENT = 'Carapace-Webhooks/1';

function failed(retryable: boolean, reason: string): DeliveryResult {
  return { kind: 'failed', retryable, reason };
}

/** Standard Webhooks asks senders to retry on timeouts, 408 and 429 and server errors, and not on other 4xx. */
function isRetryableStatus(status: number): boolean {
  return status === 408 || status === 429 || status >= 500;
}

/** The endpoint as a URL, or why it cannot be one. */
function endpointOf(text: string): URL | string {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    return 'the webhook URL is not a valid URL';
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    return `the webhook URL must be http or https, not ${url.protocol.replace(/:$/, '')}`;
  }
  if (url.username !== '' || url.password !== '') return 'the webhook URL must not contain credentials';
  return url;
}

function bodyOf(payload: unknown): string | undefined {
  try {
    // undefined, a function or a symbol has no JSON form: stringify answers undefined for them.
    const text = JSON.stringify(payload) as unknown;
    return typeof text === 'string' ? text : undefined;
  } catch {
    return undefined;
  }
}

/** Up to `maxBytes` of the body as one line of text; the rest is never read. */
async function responseExcerpt(response: Response, maxBytes: number): Promise<string> {
  if (response.body === null) return '';
  const reader = (response.body as ReadableStream<Uint8Array>).getReader();
  const chunks: Uint8Array[] = [];
  let length = 0;
  try {
    while (length < maxBytes) {
      const { done, value } = await reader.read();
      if (done) break;
      chunks.push(value);
      length += value.byteLength;
    }
  } catch {
    // A body cut off by the timeout or the peer still explains the status with what arrived.
  } finally {
    await reader.cancel().catch(() => undefined);
  }
  const text = new TextDecoder().decode(Buffer.concat(chunks).subarray(0, maxBytes));
  return text.replace(/\s+/g, ' ').trim();
}

function locationOf(response: Response, base: URL): URL | undefined {
  const location = response.headers.get('location');
  if (location === null) return undefined;
  try {
    return new URL(location, base);
  } catch {
    return undefined;
  }
}

function networkFailure(error: unknown, timeoutMs: number): DeliveryResult {
  const name = error instanceof Error ? error.name : '';
  if (name === 'TimeoutError' || name === 'AbortError') {
    return failed(true, `no response within ${timeoutMs} ms`);
  }
  // fetch reports "fetch failed" and puts the reason (ECONNREFUSED, a TLS error, …) in `cause`.
  const cause =
    error instanceof Error ? (error.cause as { code?: unknown; message?: unknown } | undefined) : undefined;
  const detail =
    typeof cause?.code === 'string'
      ? cause.code
      : typeof cause?.message === 'string'
        ? cause.message
        : error instanceof Error
          ? error.message
          : String(error);
  return failed(true, `network error: ${detail}`);
}

/**
 * Sends webhooks signed in the Standard Webhooks scheme (https://www.standardwebhooks.com/): a JSON POST
 * with `webhook-id`, `webhook-timestamp` and `webhook-signature`. 2xx is delivered; 408, 429, 5xx, network
 * errors and timeouts are retryable; any other status is a permanent failure. A redirect is followed only
 * for 307 and 308 (which keep the method and body) to the same origin, at most three times: following one to
 * another host would hand the signed alert to whoever the receiver's server points at.
 *
 * @throws RangeError if timeoutMs or maxResponseBytes is not a positive whole number.
 */
export function createWebhookSender(options: WebhookSenderOptions = {}): WebhookSender {
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const maxResponseBytes = options.maxResponseBytes ?? DEFAULT_MAX_RESPONSE_BYTES;
  const clock = options.clock ?? ((): Date => new Date());
  for (const [name, value] of [
    ['timeoutMs', timeoutMs],
    ['maxResponseBytes', maxResponseBytes],
  ] as const) {
    if (!Number.isInteger(value) || value <= 0)
      throw new RangeError(`${name} must be a positive whole number`);
  }

  return {
    send: async (delivery) => {
      const endpoint = endpointOf(delivery.url);
      if (typeof endpoint === 'string') return failed(false, endpoint);
      const body = bodyOf(delivery.payload);
      if (body === undefined) return failed(false, 'the payload cannot be written as JSON');
      let headers: Record<string, string>;
      try {
        headers = {
          'content-type': 'application/json',
          'user-agent': USER_AGENT,
          ...signWebhook({ id: delivery.id, timestamp: clock(), body, secret: delivery.secret }),
        };
      } catch (error) {
        // A malformed id or secret fails the same way on every attempt.
        return failed(
          false,
          `cannot sign the webhook: ${error instanceof Error ? error.message : String(error)}`,
        );
      }

      const signal = AbortSignal.timeout(timeoutMs);
      let url = endpoint;
      try {
        for (let redirects = 0; ; redirects += 1) {
          const response = await fetch(url, { method: 'POST', headers, body, redirect: 'manual', signal });
          if (response.status >= 200 && response.status < 300) {
            await response.body?.cancel().catch(() => undefined);
            return { kind: 'delivered', status: response.status };
          }
          if (response.status >= 300 && response.status < 400) {
            await response.body?.cancel().catch(() => undefined);
            const next = locationOf(response, url);
            if (
              (response.status === 307 || response.status === 308) &&
              next?.origin === url.origin &&
              redirects < MAX_REDIRECTS
            ) {
              url = next;
              continue;
            }
            const where =
              next === undefined ? 'nowhere' : next.origin === url.origin ? 'the same host' : next.host;
            return failed(false, `HTTP ${response.status} redirect to ${where} not followed`);
          }
          const excerpt = await responseExcerpt(response, maxResponseBytes);
          const reason = `HTTP ${response.status}${excerpt === '' ? '' : `: ${excerpt}`}`;
          return failed(isRetryableStatus(response.status), reason);
        }
      } catch (error) {
        return networkFailure(error, timeoutMs);
      }
    },
  };
}
