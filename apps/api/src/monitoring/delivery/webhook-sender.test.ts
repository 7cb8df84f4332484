import { createServer, type RequestListener } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { generateWebhookSecret } from '@carapace/security';
import {
  startWebhookReceiver,
  type WebhookReceiver,
  type WebhookReply,
} from '../../testing/webhook-receiver.js';
import { createWebhookSender } from './webhook-sender.js';

const SECRET = generateWebhookSecret();
const PAYLOAD = { type: 'alert.raised', alertId: 'a-1', title: 'xz 后门 (CVE-2024-3094)', epss: 0.94 };

describe('webhook sender', () => {
  const opened: { close(): Promise<void> }[] = [];

  afterEach(async () => {
    await Promise.all(opened.splice(0).map((resource) => resource.close()));
  });

  async function receiver(
    respond?: (path: string, attempt: number) => WebhookReply,
  ): Promise<WebhookReceiver> {
    const started = await startWebhookReceiver({
      secret: SECRET,
      ...(respond === undefined ? {} : { respond: (webhook, attempt) => respond(webhook.path, attempt) }),
    });
    opened.push(started);
    return started;
  }

  async function rawServer(handle: RequestListener): Promise<string> {
    const server = createServer(handle);
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    opened.push({
      close: () =>
        new Promise<void>((resolve) => {
          server.close(() => {
            resolve();
          });
          server.closeAllConnections();
        }),
    });
    return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  }

  it('POSTs the payload as JSON with Standard Webhooks headers the receiver verifies', async () => {
    const endpoint = await receiver();
    const result = await createWebhookSender().send({
      url: `${endpoint.url}/hooks/carapace?tenant=7`,
      id: 'alert_a-1_webhook',
      payload: PAYLOAD,
      secret: SECRET,
    });
    expect(result).toEqual({ kind: 'delivered', status: 204 });
    expect(endpoint.refused).toEqual([]);
    const [delivery] = endpoint.received;
    expect(delivery?.id).toBe('alert_a-1_webhook');
    expect(delivery?.path).toBe('/hooks/carapace?tenant=7');
    expect(delivery?.body).toEqual(PAYLOAD);
    expect(delivery?.headers['content-type']).toBe('application/json');
    expect(Math.abs((delivery?.timestamp.getTime() ?? 0) - Date.now())).toBeLessThan(60_000);
  });

  it('sends the same webhook-id on every attempt, so the receiver can drop a repeat', async () => {
    const endpoint = await receiver();
    const sender = createWebhookSender();
    const delivery = { url: endpoint.url, id: 'alert_a-1_webhook', payload: PAYLOAD, secret: SECRET };
    await sender.send(delivery);
    await sender.send(delivery);
    expect(endpoint.received.map((webhook) => webhook.id)).toEqual([
      'alert_a-1_webhook',
      'alert_a-1_webhook',
    ]);
  });

  it('retries 408, 429 and 5xx, and gives up on other 4xx, with the status and body in the reason', async () => {
    const statuses = [408, 429, 500, 502, 503, 400, 401, 404, 410, 422];
    const endpoint = await receiver((path) => ({
      status: Number(path.slice(1)),
      body: `refused by ${path}\n`,
    }));
    const sender = createWebhookSender();
    const results = [];
    for (const status of statuses) {
      results.push(
        await sender.send({ url: `${endpoint.url}/${status}`, id: 'a1', payload: {}, secret: SECRET }),
      );
    }
    expect(results).toEqual(
      statuses.map((status) => ({
        kind: 'failed',
        retryable: status === 408 || status === 429 || status >= 500,
        reason: `HTTP ${status}: refused by /${status}`,
      })),
    );
  });

  it('reads at most maxResponseBytes of a failed response for the reason', async () => {
    const endpoint = await receiver(() => ({ status: 500, body: 'x'.repeat(200_000) }));
    const result = await createWebhookSender({ maxResponseBytes: 1024 }).send({
      url: endpoint.url,
      id: 'a1',
      payload: {},
      secret: SECRET,
    });
    expect(result).toEqual({ kind: 'failed', retryable: true, reason: `HTTP 500: ${'x'.repeat(1024)}` });
  });

  it('is refused by a receiver that holds another secret, without retrying', async () => {
    const endpoint = await receiver();
    const result = await createWebhookSender().send({
      url: endpoint.url,
      id: 'a1',
      payload: {},
      secret: generateWebhookSecret(),
    });
    expect(result).toEqual({ kind: 'failed', retryable: false, reason: 'HTTP 401: no_valid_signature' });
    expect(endpoint.received).toEqual([]);
  });

  it('gives up on a receiver that does not answer within the timeout, as retryable', async () => {
    const url = await rawServer(() => undefined);
    const result = await createWebhookSender({ timeoutMs: 300 }).send({
      url,
      id: 'a1',
      payload: {},
      secret: SECRET,
    });
    expect(result).toEqual({ kind: 'failed', retryable: true, reason: 'no response within 300 ms' });
  });

  it('reports a refused connection as retryable', async () => {
    const url = await rawServer(() => undefined);
    await Promise.all(opened.splice(0).map((resource) => resource.close()));
    const result = await createWebhookSender().send({ url, id: 'a1', payload: {}, secret: SECRET });
    expect(result).toEqual({ kind: 'failed', retryable: true, reason: 'network error: ECONNREFUSED' });
  });

  it('refuses URLs that are not http or https, or carry credentials, without sending anything', async () => {
    const sender = createWebhookSender();
    const outcomes = await Promise.all(
      [
        'ftp://127.0.0.1/x',
        'file:///etc/passwd',
        'javascript:alert(1)',
        'not a url',
        'http://u:p@127.0.0.1/',
      ].map((url) => sender.send({ url, id: 'a1', payload: {}, secret: SECRET })),
    );
    expect(outcomes.map((outcome) => outcome.kind === 'failed' && !outcome.retryable)).toEqual([
      true,
      true,
      true,
      true,
      true,
    ]);
    expect(outcomes[0]).toEqual({
      kind: 'failed',
      retryable: false,
      reason: 'the webhook URL must be http or https, not ftp',
    });
  });

  it('refuses an id or payload that cannot be signed or written, without sending anything', async () => {
    const endpoint = await receiver();
    const sender = createWebhookSender();
    const badId = await sender.send({ url: endpoint.url, id: 'has.dot', payload: {}, secret: SECRET });
    const circular: Record<string, unknown> = {};
    circular['self'] = circular;
    const badPayload = await sender.send({ url: endpoint.url, id: 'a1', payload: circular, secret: SECRET });
    expect([badId.kind, badPayload.kind]).toEqual(['failed', 'failed']);
    expect(badPayload).toEqual({
      kind: 'failed',
      retryable: false,
      reason: 'the payload cannot be written as JSON',
    });
    expect(endpoint.attempts).toEqual([]);
  });

  it('follows a 307 or 308 on the same origin, keeping the method, body and signature', async () => {
    const endpoint = await receiver((path) =>
      path === '/old'
        ? { status: 308, headers: { location: '/moved' } }
        : path === '/moved'
          ? { status: 307, headers: { location: `/final` } }
          : { status: 200 },
    );
    const result = await createWebhookSender().send({
      url: `${endpoint.url}/old`,
      id: 'a1',
      payload: PAYLOAD,
      secret: SECRET,
    });
    expect(result).toEqual({ kind: 'delivered', status: 200 });
    expect(endpoint.attempts.map((webhook) => [webhook.path, webhook.body])).toEqual([
      ['/old', PAYLOAD],
      ['/moved', PAYLOAD],
      ['/final', PAYLOAD],
    ]);
  });

  it('never follows a redirect to another host, a 301/302/303, or more than three redirects', async () => {
    const elsewhere = await receiver();
    const endpoint = await receiver((path) =>
      path === '/away'
        ? { status: 307, headers: { location: `${elsewhere.url}/stolen` } }
        : path === '/found'
          ? { status: 302, headers: { location: '/other' } }
          : { status: 307, headers: { location: '/loop' } },
    );
    const sender = createWebhookSender();
    const send = (path: string) =>
      sender.send({ url: `${endpoint.url}${path}`, id: 'a1', payload: {}, secret: SECRET });
    expect(await send('/away')).toEqual({
      kind: 'failed',
      retryable: false,
      reason: `HTTP 307 redirect to ${new URL(elsewhere.url).host} not followed`,
    });
    expect(await send('/found')).toEqual({
      kind: 'failed',
      retryable: false,
      reason: 'HTTP 302 redirect to the same host not followed',
    });
    expect(await send('/loop')).toMatchObject({ kind: 'failed', retryable: false });
    expect(endpoint.attempts.filter((webhook) => webhook.path === '/loop')).toHaveLength(4);
    expect(elsewhere.attempts).toEqual([]);
  });
});
