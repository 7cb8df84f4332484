import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createLossSimulator } from '@carapace/domain';
import { describeEachDatabase } from '@carapace/store/testing';
import { startApiTestServer, type ApiTestServer } from '../testing/api-test-server.js';
import { InFlightRequests } from './in-flight-requests.js';

describe('InFlightRequests', () => {
  it('resolves drained() when the last request leaves, not before', async () => {
    const inFlight = new InFlightRequests();
    inFlight.enter();
    inFlight.enter();
    let drained = false;
    const waiting = inFlight.drained(10_000).then(() => {
      drained = true;
    });
    inFlight.leave();
    await Promise.resolve();
    expect(drained).toBe(false);
    inFlight.leave();
    await waiting;
    expect(drained).toBe(true);
    expect(inFlight.count).toBe(0);
  });

  it('gives up waiting after the timeout', async () => {
    const inFlight = new InFlightRequests();
    inFlight.enter();
    await inFlight.drained(20);
    expect(inFlight.count).toBe(1);
  });
});

describeEachDatabase('a client that hangs up mid-request', ({ handle }) => {
  let server: ApiTestServer;
  const inFlight = new InFlightRequests();
  beforeEach(async () => {
    // The real engine, started a moment late, so the client can hang up while the handler awaits it.
    const engine = createLossSimulator();
    server = await startApiTestServer(handle(), {
      inFlight,
      simulate: async (spec) => {
        await new Promise((resolve) => setTimeout(resolve, 300));
        return engine(spec);
      },
    });
  });
  afterEach(async () => {
    await server.close();
  });

  it('leaves its handler counted until the simulation is done, so a stop can wait for it', async () => {
    const abort = new AbortController();
    const request = fetch(`${server.url}/api/v1/assessments`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        profile: { industry: 'C', annualRevenue: { amount: '30000000.00' }, employees: 80 },
      }),
      signal: abort.signal,
    });
    // Wait until the handler has started, then hang up.
    for (let attempt = 0; attempt < 200 && inFlight.count === 0; attempt++) {
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
    abort.abort();
    await expect(request).rejects.toThrow();
    expect(inFlight.count).toBe(1);
    await inFlight.drained(60_000);
    expect(inFlight.count).toBe(0);
    const unhandled = server.logLines.filter((line) => line['msg'] === 'unhandled error');
    expect(unhandled).toEqual([]);
  });
});
