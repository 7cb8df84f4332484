import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import pino from 'pino';
import {
  createAccount,
  createLossSimulator,
  registerOrganisation,
  ROLE_TENANT_KIND,
  type LossSimulator,
  type OrganisationKind,
  type PersonalDataProtection,
  type ProductCatalogue,
  type Role,
  type UnitOfWorkFactory,
} from '@carapace/domain';
import { generateKeyring, SessionTokenCodec, type Keyring } from '@carapace/security';
import { createUnitOfWork, createUnitOfWorkFactory, type DatabaseHandle } from '@carapace/store';
import { AuditLogService } from '../audit/audit-log-service.js';
import { buildApp } from '../app.js';
import type { DocumentRenderer } from '../documents/document-renderer.js';
import type { InFlightRequests } from '../http/in-flight-requests.js';
import { createMonitoringServices } from '../monitoring/monitoring-services.js';
import { listen, type ListeningServer } from '../http-server.js';
import { loggerOptions } from '../logger.js';
import { DEFAULT_CATALOGUE_DIR } from '../platform.js';
import { loadProductCatalogue } from '../underwriting/load-product-catalogue.js';

export interface ApiTestServer {
  readonly url: string;
  /** Every log line the server wrote, parsed. */
  readonly logLines: Record<string, unknown>[];
  readonly setShuttingDown: (value: boolean) => void;
  readonly close: () => Promise<void>;
  /**
   * A session token of a test account with this one role, in the test organisation of the role's kind
   * (`tenant` picks another organisation of that kind, for cross-tenant tests). Accounts are made on first use.
   */
  readonly tokenFor: (role: Role, tenant?: string, person?: string) => Promise<string>;
  readonly keyring: Keyring;
  /** The test organisation of a kind (created on first use), by the same `tenant` label. */
  readonly tenantOf: (kind: OrganisationKind, tenant?: string) => Promise<string>;
}

/** The password of every test account. */
export const TEST_PASSWORD = 'test-password-for-carapace';

export interface ApiTestServerOptions {
  readonly webRoot?: string | null;
  readonly unitOfWorkFor?: UnitOfWorkFactory;
  /** Share another test server's keys, so its session tokens work here too (same database). */
  readonly keyring?: Keyring;
  readonly auditLog?: AuditLogService;
  readonly clock?: () => Date;
  readonly catalogue?: ProductCatalogue;
  /** Prints documents to PDF; without one the document routes answer 503. The caller closes it. */
  readonly documents?: DocumentRenderer;
  readonly inFlight?: InFlightRequests;
  /** The engine in this thread unless a test needs another (e.g. one that takes its time). */
  readonly simulate?: LossSimulator;
  /**
   * Personal-data protection (the key vault); without it the personal-data and monitoring routes are not
   * mounted (monitoring encrypts alert targets with it).
   */
  readonly privacy?: PersonalDataProtection;
}

/** The real app on a real socket (port 0), logging into memory so tests can read what it logged. */
export async function startApiTestServer(
  database: DatabaseHandle,
  options: ApiTestServerOptions = {},
): Promise<ApiTestServer> {
  const logLines: Record<string, unknown>[] = [];
  const sink = new Writable({
    write(chunk: Buffer, _encoding, callback) {
      for (const line of chunk.toString('utf8').split('\n')) {
        if (line.trim() !== '') logLines.push(JSON.parse(line) as Record<string, unknown>);
      }
      callback();
    },
  });
  let shuttingDown = false;
  const clock = options.clock ?? ((): Date => new Date());
  const keyring = options.keyring ?? generateKeyring();
  const unitOfWorkFor = options.unitOfWorkFor ?? createUnitOfWorkFactory(database.db, clock);
  const catalogue = options.catalogue ?? (await loadProductCatalogue(DEFAULT_CATALOGUE_DIR));
  // In-thread simulation: API tests check behaviour, and a pool per test server would only add start-up time.
  const simulate = options.simulate ?? createLossSimulator();
  const app = buildApp({
    database,
    unitOfWorkFor,
    sessionTokens: new SessionTokenCodec(keyring.sessionSigningKey.reveal(), 'carapace-test'),
    auditLog:
      options.auditLog ??
      new AuditLogService({
        database,
        treeHeadFile: join(await mkdtemp(join(tmpdir(), 'carapace-audit-')), 'tree-heads.jsonl'),
        signingSeed: keyring.auditSigningKey,
        clock,
      }),
    logger: pino(loggerOptions('info'), sink),
    version: '0.0.0-test',
    startedAt: new Date(),
    webRoot: options.webRoot ?? null,
    isShuttingDown: () => shuttingDown,
    ...(options.clock === undefined ? {} : { clock: options.clock }),
    catalogue,
    simulate,
    ...(options.documents === undefined ? {} : { documents: options.documents }),
    ...(options.inFlight === undefined ? {} : { inFlight: options.inFlight }),
    ...(options.privacy === undefined
      ? {}
      : {
          privacy: options.privacy,
          monitoring: createMonitoringServices({
            protection: options.privacy,
            underwriting: { catalogue, simulate },
            clock,
          }),
        }),
  });
  const server: ListeningServer = await listen(app, '127.0.0.1', 0, (error) => {
    throw error;
  });
  const system = { unitOfWork: createUnitOfWork(database.db, 'test-fixture'), now: clock };
  const tenants = new Map<string, Promise<string>>();
  const tenantOf = (kind: OrganisationKind, tenant = 'main'): Promise<string> => {
    const key = `${kind}/${tenant}`;
    let id = tenants.get(key);
    if (id === undefined) {
      id = registerOrganisation(system.unitOfWork, {
        kind,
        nameZh: `测试${kind}机构-${tenant}-${Math.random().toString(36).slice(2, 8)}`,
        nameEn: null,
        creditCode: null,
      }).then((organisation) => organisation.id);
      tenants.set(key, id);
    }
    return id;
  };
  const accounts = new Map<string, Promise<string>>();
  const sessions = new Map<string, { readonly token: string; readonly expiresAt: number }>();
  // Made by the operator's path (no actor), as privileged roles cannot be given by a security admin.
  const accountFor = (role: Role, tenant: string, person: string): Promise<string> => {
    const key = `${role}/${tenant}/${person}`;
    let email = accounts.get(key);
    if (email === undefined) {
      email = (async () => {
        const tenantId = await tenantOf(ROLE_TENANT_KIND[role], tenant);
        const address = `${role}.${tenant}.${person}.${Math.random().toString(36).slice(2, 10)}@test.carapace.test`;
        await createAccount(system, null, {
          tenantId,
          email: address,
          displayName: `${role} ${tenant}`,
          password: TEST_PASSWORD,
          roles: [role],
        });
        return address;
      })();
      accounts.set(key, email);
    }
    return email;
  };
  // A session lasts as long as the server's clock says, so a test that moves the clock signs in again.
  const tokenFor = async (role: Role, tenant = 'main', person = 'first'): Promise<string> => {
    const key = `${role}/${tenant}/${person}`;
    const cached = sessions.get(key);
    if (cached !== undefined && cached.expiresAt > clock().getTime()) return cached.token;
    const email = await accountFor(role, tenant, person);
    const response = await fetch(`${server.url}/api/v1/sessions`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email, password: TEST_PASSWORD }),
    });
    if (response.status !== 201)
      throw new Error(`test sign-in failed: ${response.status} ${await response.text()}`);
    const signedIn = (await response.json()) as { token: string; expiresAt: string };
    sessions.set(key, { token: signedIn.token, expiresAt: Date.parse(signedIn.expiresAt) });
    return signedIn.token;
  };
  return {
    url: server.url,
    logLines,
    tokenFor,
    tenantOf,
    keyring,
    setShuttingDown: (value) => {
      shuttingDown = value;
    },
    close: () => server.close(1000),
  };
}
