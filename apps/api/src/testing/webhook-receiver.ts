import { createServer, type IncomingHttpHeaders, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import { verifyWebhook, type WebhookRejectionReason, type WebhookSecrets } from '@carapace/security';

export interface ReceivedWebhook {
  /** `webhook-id`: the message's dedupe id. */
  readonly id: string;
  /** `webhook-timestamp`. */
  readonly timestamp: Date;
  /** The request path, query included. */
  readonly path: string;
  readonly rawBody: string;
  /** The body parsed as JSON (undefined if it is not JSON). */
  readonly body: unknown;
  readonly headers: IncomingHttpHeaders;
  /** `Date.now()` when the body had arrived in full. */
  readonly receivedAtMs: number;
}

/** The answer to one verified delivery: a status, and optionally a body and headers (e.g. Location). */
export interface WebhookReply {
  readonly status: number;
  readonly body?: string;
  readonly headers?: Readonly<Record<string, string>>;
}

export interface RefusedWebhook {
  readonly path: string;
  readonly reason: WebhookRejectionReason | 'body_too_large';
}

export interface WebhookReceiverOptions {
  /** The secret(s) the receiver verifies with, as a receiver configured from a `whsec_` value would. */
  readonly secret: WebhookSecrets;
  /**
   * Answers each delivery whose signature verified; 204 unless it says otherwise. `attempt` counts the
   * verified deliveries with the same `webhook-id` so far, this one included (1 for the first).
   */
  readonly respond?: (webhook: ReceivedWebhook, attempt: number) => WebhookReply | undefined;
  /** The receiver's clock for the timestamp tolerance; the system clock unless set. */
  readonly clock?: () => Date;
}

export interface WebhookReceiver {
  /** `http://127.0.0.1:port`: append any path. */
  readonly url: string;
  /** Verified deliveries answered with 2xx, in arrival order: what the receiver accepted. */
  readonly received: readonly ReceivedWebhook[];
  /** Every verified delivery, whatever the answer. */
  readonly attempts: readonly ReceivedWebhook[];
  /** Requests refused with 401 (bad or missing signature, stale timestamp) or 413. */
  readonly refused: readonly RefusedWebhook[];
  /** Resolves once `count` deliveries were accepted. @throws Error if that takes longer than `timeoutMs`. */
  waitForReceived(count: number, timeoutMs?: number): Promise<void>;
  close(): Promise<void>;
}

const MAX_BODY_BYTES = 1024 * 1024;

async function readBody(request: IncomingMessage): Promise<Buffer | undefined> {
  const chunks: Buffer[] = [];
  let length = 0;
  for await (const chunk of request) {
    const bytes = chunk as Buffer;
    length += bytes.length;
    if (length > MAX_BODY_BYTES) return undefined;
    chunks.push(bytes);
  }
  return Buffer.concat(chunks);
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

/**
 * A real HTTP server on 127.0.0.1 (a free port) that receives webhooks the way a customer's endpoint
 * should: it verifies every request with `verifyWebhook` against the raw body and refuses unsigned or
 * stale ones with 401. For tests and benchmarks of anything that sends webhooks.
 */
export async function startWebhookReceiver(options: WebhookReceiverOptions): Promise<WebhookReceiver> {
  const received: ReceivedWebhook[] = [];
  const attempts: ReceivedWebhook[] = [];
  const refused: RefusedWebhook[] = [];
  const attemptsById = new Map<string, number>();
  const clock = options.clock ?? ((): Date => new Date());

  const server = createServer((request, response) => {
    const path = request.url ?? '/';
    readBody(request).then(
      (bytes) => {
        if (bytes === undefined) {
          refused.push({ path, reason: 'body_too_large' });
          response.writeHead(413).end();
          return;
        }
        const verification = verifyWebhook({
          headers: request.headers,
          body: bytes,
          secret: options.secret,
          now: clock(),
        });
        if (verification.kind === 'rejected') {
          refused.push({ path, reason: verification.reason });
          response.writeHead(401, { 'content-type': 'text/plain' }).end(verification.reason);
          return;
        }
        const rawBody = bytes.toString('utf8');
        const webhook: ReceivedWebhook = {
          id: verification.id,
          timestamp: verification.timestamp,
          path,
          rawBody,
          body: parseJson(rawBody),
          headers: request.headers,
          receivedAtMs: Date.now(),
        };
        const attempt = (attemptsById.get(webhook.id) ?? 0) + 1;
        attemptsById.set(webhook.id, attempt);
        attempts.push(webhook);
        const reply = options.respond?.(webhook, attempt) ?? { status: 204 };
        if (reply.status >= 200 && reply.status < 300) received.push(webhook);
        response.writeHead(reply.status, reply.headers).end(reply.body);
      },
      () => {
        response.destroy();
      },
    );
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });
  const { port } = server.address() as AddressInfo;

  return {
    url: `http://127.0.0.1:${port}`,
    received,
    attempts,
    refused,
    waitForReceived: async (count, timeoutMs = 10_000) => {
      const deadline = Date.now() + timeoutMs;
      while (received.length < count) {
        if (Date.now() > deadline) {
          throw new Error(
            `the webhook receiver accepted ${received.length} of ${count} deliveries in ${timeoutMs} ms`,
          );
        }
        await sleep(10);
      }
    },
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((error) => {
          if (error === undefined) resolve();
          else reject(error);
        });
        // A sender's keep-alive connections would otherwise hold close() until they time out.
        server.closeAllConnections();
      }),
  };
}
