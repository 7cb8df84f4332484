import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { createServer, type AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeAll, beforeEach, describe, expect, inject, it } from 'vitest';
import { Organisation, OrganisationPage, Readiness } from '@carapace/contracts';
import { DEMO_ORGANISATIONS, DEMO_PASSWORD } from '@carapace/domain';
import { openDatabase } from '@carapace/store';
import { createScratchPostgresDatabase, holdMigrationLock, runRawSql } from '@carapace/store/testing';
import {
  EXAMPLE_COMPANY,
  EXAMPLE_SIMULATION,
  assertCliBuilt,
  runCarapace,
  serveCarapace,
  spawnCarapace,
  type CompletedRun,
} from './testing/carapace-process.js';

/** A failure must be exactly one line on stderr: no stack trace, no object dump. */
function expectOneLineFailure(run: CompletedRun, exitCode: number, message: RegExp): void {
  expect(run.code, run.stderr).toBe(exitCode);
  const lines = run.stderr.trim().split('\n');
  expect(lines, run.stderr).toHaveLength(1);
  expect(lines[0]).toMatch(/^carapace: /);
  expect(lines[0]).toMatch(message);
  expect(run.stderr).not.toMatch(/\n\s+at /);
}

let workDirectory: string;
beforeAll(() => {
  assertCliBuilt();
});
beforeEach(async () => {
  workDirectory = await mkdtemp(join(tmpdir(), 'carapace-cli-'));
});
afterEach(async () => {
  await rm(workDirectory, { recursive: true, force: true });
});

describe('carapace command line', () => {
  it('prints its version and help', async () => {
    const version = await runCarapace(['version'], {});
    expect(version.code).toBe(0);
    expect(version.stdout).toMatch(/^carapace \d+\.\d+\.\d+ \(node 20\./);
    const json = await runCarapace(['version', '--json'], {});
    expect(JSON.parse(json.stdout)).toMatchObject({
      carapace: expect.stringMatching(/^\d+\.\d+\.\d+$/) as unknown,
    });
    const help = await runCarapace(['--help'], {});
    expect(help.code).toBe(0);
    for (const command of ['serve', 'migrate', 'seed-demo', 'version'])
      expect(help.stdout).toContain(command);
    for (const command of ['serve', 'migrate', 'seed-demo', 'version']) {
      const commandHelp = await runCarapace([command, '--help'], {});
      expect(commandHelp.code).toBe(0);
      expect(commandHelp.stdout).toContain(`Usage: carapace ${command}`);
    }
  });

  it.each([
    [['bogus'], /unknown command 'bogus'/],
    [['serve', '--colour'], /unknown option '--colour'/],
    [['serve', '--port'], /argument missing/],
    [['serve', '--port', 'http'], /the port must be an integer from 0 to 65535/],
    [['migrate', '--down', 'two'], /steps must be a positive integer/],
  ])('refuses %j with one line and exit code 2', async (args, message) => {
    expectOneLineFailure(await runCarapace(args, {}), 2, message);
  });

  it.each([
    [
      'an unreachable DATABASE_URL',
      { DATABASE_URL: 'postgres://postgres@127.0.0.1:9/nowhere' },
      /cannot connect to PostgreSQL at 127\.0\.0\.1:9\/nowhere.*ECONNREFUSED/,
    ],
    [
      'a DATABASE_URL of another database',
      { DATABASE_URL: 'mysql://root@localhost/x' },
      /DATABASE_URL must start with postgres:\/\//,
    ],
    ['a malformed PORT', { PORT: 'eighty' }, /PORT must be an integer/],
  ])('fails cleanly on %s', async (_case, env, message) => {
    expectOneLineFailure(await runCarapace(['serve'], env), 1, message);
  });

  it('fails cleanly when the data directory cannot be written', async () => {
    const aFile = join(workDirectory, 'not-a-directory');
    await writeFile(aFile, 'x');
    expectOneLineFailure(
      await runCarapace(['migrate'], { CARAPACE_DATA_DIR: join(aFile, 'pglite') }),
      1,
      /data directory .* cannot be created or written \(ENOTDIR\); set CARAPACE_DATA_DIR/,
    );
  });

  it('refuses a non-empty directory that holds no database', async () => {
    await writeFile(join(workDirectory, 'notes.txt'), 'my own file');
    expectOneLineFailure(
      await runCarapace(['migrate'], { CARAPACE_DATA_DIR: workDirectory }),
      1,
      /is not empty and holds no database; set CARAPACE_DATA_DIR to a new or empty directory/,
    );
  });

  it('fails cleanly when the port is in use, and leaves the data directory usable', async () => {
    const blocker = createServer();
    await new Promise<void>((resolve) => blocker.listen(0, '127.0.0.1', resolve));
    const { port } = blocker.address() as AddressInfo;
    try {
      const dataDir = join(workDirectory, 'pglite');
      expectOneLineFailure(
        await runCarapace(['serve'], { PORT: String(port), CARAPACE_DATA_DIR: dataDir }),
        1,
        new RegExp(`port ${port} on 127\\.0\\.0\\.1 is already in use`),
      );
      const status = await runCarapace(['migrate', '--status'], { CARAPACE_DATA_DIR: dataDir });
      expect(status.stdout).toContain('schema is current');
    } finally {
      blocker.close();
    }
  });

  // Six child processes in turn (migrate, migrate, revert, status, seed, seed), two of them seeding the demo
  // underwriting; near the 30 s default on a loaded 2-core machine, so it gets its own limit.
  it('migrates, reports, reverts and seeds demo data exactly once', async () => {
    const env = { CARAPACE_DATA_DIR: join(workDirectory, 'pglite') };
    const migrate = await runCarapace(['migrate'], env);
    expect(migrate.code, migrate.stderr).toBe(0);
    expect(migrate.stdout).toContain('applied 0001-organisations-and-platform-settings');
    expect((await runCarapace(['migrate'], env)).stdout).not.toContain('applied 0001');

    const down = await runCarapace(['migrate', '--down'], env);
    expect(down.stdout).toContain('reverted 0005-monitoring');
    expect((await runCarapace(['migrate', '--status'], env)).stdout).toMatch(/pending\s+0005-monitoring/);

    const seeded = await runCarapace(['seed-demo'], env);
    expect(seeded.code, seeded.stderr).toBe(0);
    expect(seeded.stdout).toContain(`demo data loaded: ${DEMO_ORGANISATIONS.length} organisation(s)`);
    const again = await runCarapace(['seed-demo'], env);
    expect(again.stdout).toContain('demo data was already loaded');
  }, 60_000);
});

describe('carapace audit and user', () => {
  it('creates an account, signs audit tree heads, verifies, and catches an edited record', async () => {
    const dataDir = join(workDirectory, 'pglite');
    const env = { CARAPACE_DATA_DIR: dataDir, CARAPACE_AUDIT_DIR: join(workDirectory, 'audit') };
    expect((await runCarapace(['seed-demo'], env)).code).toBe(0);
    const database = await openDatabase({ kind: 'pglite', dataDir });
    const [insurer] = await runRawSql<{ id: string }>(
      database,
      "select id from organisations where kind = 'insurer' limit 1",
    );
    await database.close();
    const organisation = insurer?.id ?? '';

    const created = await runCarapace(
      [
        'user',
        'create',
        '--organisation',
        organisation,
        '--email',
        'New.Admin@Example.com',
        '--name',
        '新管理员',
        '--roles',
        'security_admin',
        '--password-env',
        'FIRST_PASSWORD',
      ],
      { ...env, FIRST_PASSWORD: 'a long and unusual passphrase' },
    );
    expect(created.code, created.stderr).toBe(0);
    expect(created.stdout).toMatch(
      /^created new\.admin@example\.com \([0-9a-f-]{36}\) with security_admin$/m,
    );
    expectOneLineFailure(
      await runCarapace(
        [
          'user',
          'create',
          '--organisation',
          organisation,
          '--email',
          'x@example.com',
          '--name',
          'x',
          '--roles',
          'policyholder',
          '--password-env',
          'FIRST_PASSWORD',
        ],
        { ...env, FIRST_PASSWORD: 'a long and unusual passphrase' },
      ),
      1,
      /the role policyholder is for a insured, and this organisation is a insurer|role policyholder/,
    );
    expectOneLineFailure(
      await runCarapace(
        [
          'user',
          'create',
          '--organisation',
          organisation,
          '--email',
          'y@example.com',
          '--name',
          'y',
          '--roles',
          'auditor',
          '--password-env',
          'UNSET_VARIABLE',
        ],
        env,
      ),
      1,
      /the environment variable UNSET_VARIABLE is not set/,
    );

    const checkpoint = await runCarapace(['audit', 'checkpoint'], env);
    expect(checkpoint.code, checkpoint.stderr).toBe(0);
    expect(checkpoint.stdout).toMatch(/^signed tree head: size \d+, root [0-9a-f]{64}$/m);
    const verified = await runCarapace(['audit', 'verify'], env);
    expect(verified.code, verified.stderr).toBe(0);
    expect(verified.stdout).toContain('audit log verified: OK');

    const tampered = await openDatabase({ kind: 'pglite', dataDir });
    await runRawSql(tampered, 'alter table audit_log disable trigger audit_log_append_only');
    await runRawSql(
      tampered,
      `update audit_log set record = jsonb_set(record, '{result}', '"denied"') where sequence = 2`,
    );
    await tampered.close();
    const caught = await runCarapace(['audit', 'verify'], env);
    expect(caught.code).toBe(1);
    expect(caught.stdout).toContain('PROBLEM leaf_hash_mismatch');
    expect(caught.stderr.trim()).toMatch(
      /^carapace: the audit log failed verification: \d+ problem\(s\), first /,
    );
  }, 90_000);
});

describe('carapace keys', () => {
  it('rotates the root key, rewraps tenant keys and retires the old version', async () => {
    const keyDir = join(workDirectory, 'keys');
    const env = { CARAPACE_DATA_DIR: join(workDirectory, 'pglite'), CARAPACE_KEY_DIR: keyDir };
    // The keyring is made on first use (the server, or seed-demo's monitoring data); rotation needs one.
    expectOneLineFailure(await runCarapace(['keys', 'rotate-root'], env), 1, /keyring/);
    expect((await runCarapace(['seed-demo'], env)).code).toBe(0);
    // A contact person's fields, encrypted under keys wrapped by root version 1, before the rotation.
    const served = await serveCarapace([], env);
    const signedIn = await asDemoUnderwriter(served.url);
    const headers = { 'content-type': 'application/json', ...signedIn };
    const organisations = OrganisationPage.parse(
      await (await fetch(`${served.url}/api/v1/organisations?kind=insured`, { headers })).json(),
    );
    const created = await fetch(`${served.url}/api/v1/data-subjects`, {
      method: 'POST',
      headers,
      body: JSON.stringify({
        organisationId: organisations.items[0]?.id,
        details: { name: '张三丰', mobile: '13812341234' },
      }),
    });
    expect(created.status).toBe(201);
    const subjectId = ((await created.json()) as { id: string }).id;
    expect((await served.stop('SIGTERM')).code).toBe(0);

    const rotated = await runCarapace(['keys', 'rotate-root', '--retire-old'], env);
    expect(rotated.code, rotated.stderr).toBe(0);
    expect(rotated.stdout).toMatch(/^root key version 2 is current; tenant keys rewrapped: [1-9]\d*/m);
    expect(rotated.stdout).toContain('root versions below 2 retired');
    const keyring = JSON.parse(await readFile(join(keyDir, 'keyring.json'), 'utf8')) as {
      root: { currentVersion: number; minDecryptionVersion: number };
    };
    expect(keyring.root).toMatchObject({ currentVersion: 2, minDecryptionVersion: 2 });

    // The field written before still decrypts (read masked) with version 1 retired.
    const restarted = await serveCarapace([], env);
    const read = await fetch(`${restarted.url}/api/v1/data-subjects/${subjectId}`, {
      headers: await asDemoUnderwriter(restarted.url),
    });
    expect(read.status).toBe(200);
    expect(JSON.stringify(await read.json())).toContain('138****1234');
    expect((await restarted.stop('SIGTERM')).code).toBe(0);
    const audit = await runCarapace(['audit', 'verify'], env);
    expect(audit.code, audit.stdout).toBe(0);
  }, 90_000);
});

describe('carapace simulate', () => {
  it('simulates the documented example, prints a summary and writes JSON metrics', async () => {
    const out = join(workDirectory, 'results.json');
    const run = await runCarapace(
      ['simulate', EXAMPLE_SIMULATION, '--iterations', '30000', '--seed', '42', '--out', out],
      {},
    );
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toContain('30000 years simulated');
    expect(run.stdout).toMatch(/ceded \(AEP\)/);
    expect(run.stderr).toContain('simulated 30000 of 30000 years (100%)');
    const written = JSON.parse(await readFile(out, 'utf8')) as {
      seed: string;
      iterations: number;
      summary: {
        quantities: Record<string, { mean: number; exceedance: unknown[] }>;
        sections: { id: string }[];
      };
    };
    expect(written).toMatchObject({ seed: '42', iterations: 30000 });
    expect(Object.keys(written.summary.quantities).sort()).toEqual(
      ['ceded', 'gross', 'largestOccurrenceInsured', 'largestOccurrenceGross', 'retained'].sort(),
    );
    expect(written.summary.quantities['gross']?.exceedance).toHaveLength(8);
    expect(written.summary.sections.map((section) => section.id)).toEqual([
      'extortion',
      'business_interruption',
      'privacy_liability',
    ]);
  });

  it('prints CSV to stdout, identical for the same seed', async () => {
    const first = await runCarapace(['simulate', EXAMPLE_SIMULATION, '-n', '10000', '--csv'], {});
    expect(first.code, first.stderr).toBe(0);
    expect(first.stdout.split('\n')[0]).toBe('quantity,metric,parameter,value');
    expect(first.stdout).toMatch(/^gross,return_period_loss,100,[\d.e+]+$/m);
    const second = await runCarapace(['simulate', EXAMPLE_SIMULATION, '-n', '10000', '--csv'], {});
    expect(second.stdout).toBe(first.stdout);
  });

  it('names the file and the field of an invalid input in one line', async () => {
    const bad = join(workDirectory, 'bad.json');
    await writeFile(
      bad,
      JSON.stringify({
        iterations: 10,
        seed: 1,
        sections: [
          {
            id: 's',
            processes: [
              {
                id: 'p',
                frequency: { kind: 'poisson', rate: -2 },
                severity: { kind: 'lognormal', mu: 1, sigma: 1 },
              },
            ],
          },
        ],
      }),
    );
    expectOneLineFailure(
      await runCarapace(['simulate', bad], {}),
      1,
      /bad\.json: sections\[0\]\.processes\[0\]\.frequency\.rate: must not be negative/,
    );
    await writeFile(bad, '{ "sections": [');
    expectOneLineFailure(await runCarapace(['simulate', bad], {}), 1, /bad\.json is not valid JSON/);
    expectOneLineFailure(
      await runCarapace(['simulate', join(workDirectory, 'missing.json')], {}),
      1,
      /cannot read .*missing\.json \(ENOENT\)/,
    );
    expectOneLineFailure(
      await runCarapace(['simulate', EXAMPLE_SIMULATION, '--iterations', '0'], {}),
      2,
      /expected a whole number/,
    );
  });
});

describe('carapace assess', () => {
  it('prints the score with its reasons, the premium and the top controls, in either language', async () => {
    const zh = await runCarapace(['assess', EXAMPLE_COMPANY, '--top', '3'], {}, 60_000);
    expect(zh.code, zh.stderr).toBe(0);
    expect(zh.stdout).toMatch(/^风险评分: \d{1,3} \/ 100 \(/);
    expect(zh.stdout).toContain('基准分');
    expect(zh.stdout).toMatch(/保费: CNY [\d,]+\.\d{2}/);
    expect(zh.stdout).toContain('结论：可报价');
    expect(zh.stdout.match(/^ {2}\d\. /gm)).toHaveLength(3);

    const en = await runCarapace(['assess', EXAMPLE_COMPANY, '--lang', 'en', '--top', '0'], {}, 60_000);
    expect(en.code, en.stderr).toBe(0);
    expect(en.stdout).toMatch(/^Risk score: \d{1,3} \/ 100/);
    expect(en.stdout).toContain('MFA on remote access (VPN, RDP, remote desktop) (in place, evidenced)');
    expect(en.stdout).not.toContain('Controls that lower the premium most');
  });

  it('gives the same JSON for the same input, and explains a decline', async () => {
    const first = await runCarapace(['assess', EXAMPLE_COMPANY, '--json', '--top', '0'], {}, 60_000);
    expect(first.code, first.stderr).toBe(0);
    const parsed = JSON.parse(first.stdout) as { assessment: { seed: string; score: { score: number } } };
    expect(parsed.assessment.score.score).toBeGreaterThan(0);
    const second = await runCarapace(['assess', EXAMPLE_COMPANY, '--json', '--top', '0'], {}, 60_000);
    expect(second.stdout).toBe(first.stdout);

    const clinic = EXAMPLE_COMPANY.replace('hangzhou-saas', 'chengdu-dental-clinic');
    const declined = await runCarapace(['assess', clinic, '--lang', 'en', '--top', '0'], {}, 60_000);
    expect(declined.stdout).toContain('Decision: decline');
    expect(declined.stdout).toContain('[no_mfa_and_no_offline_backups]');
  });

  it('names the file and the field of a bad company file in one line', async () => {
    const bad = join(workDirectory, 'company.json');
    await writeFile(bad, JSON.stringify({ profile: { industry: 'Z' } }));
    expectOneLineFailure(await runCarapace(['assess', bad], {}), 1, /company\.json: profile\.industry: /);
    await writeFile(
      bad,
      JSON.stringify({
        profile: { industry: 'C', annualRevenue: { amount: '1000000.00' }, employees: 5 },
        coverage: { policyAggregate: { amount: '123.00' } },
      }),
    );
    expectOneLineFailure(
      await runCarapace(['assess', bad], {}),
      1,
      /policyAggregate: 123\.00 CNY is not offered/,
    );
    expectOneLineFailure(await runCarapace(['assess', bad, '--lang', 'fr'], {}), 2, /expected zh-CN or en/);
    expectOneLineFailure(
      await runCarapace(['assess', bad], { CARAPACE_CATALOGUE_DIR: workDirectory }),
      1,
      /no product files under products\//,
    );
  });
});

/** Signs in as the demo underwriter (demo data loads the accounts) and returns the authorisation header. */
async function asDemoUnderwriter(url: string): Promise<{ authorization: string }> {
  const response = await fetch(`${url}/api/v1/sessions`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email: 'underwriter@demo.carapace.test', password: DEMO_PASSWORD }),
  });
  expect(response.status).toBe(201);
  return { authorization: `Bearer ${((await response.json()) as { token: string }).token}` };
}

async function registerOrganisation(url: string): Promise<Organisation> {
  const response = await fetch(`${url}/api/v1/organisations`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(await asDemoUnderwriter(url)) },
    body: JSON.stringify({ kind: 'insured', nameZh: '持久化验证有限公司', nameEn: null, creditCode: null }),
  });
  expect(response.status).toBe(201);
  return Organisation.parse(await response.json());
}

describe('carapace serve', () => {
  it('serves on PGlite, stops cleanly on Ctrl-C and keeps every acknowledged write', async () => {
    const env = { CARAPACE_DATA_DIR: join(workDirectory, 'pglite') };
    const first = await serveCarapace(['--demo-data'], env);
    const ready = Readiness.parse(await (await fetch(`${first.url}/readyz`)).json());
    expect(ready.database.engine).toBe('pglite');
    const organisation = await registerOrganisation(first.url);

    // A second process must not open the same embedded database.
    expectOneLineFailure(await runCarapace(['migrate'], env), 1, /is in use by another Carapace process/);

    const stopped = await first.stop('SIGINT');
    expect(stopped.code, stopped.stderr).toBe(0);
    expect(stopped.stderr).toBe('');
    expect(stopped.stdout).toContain('stopped cleanly');

    const second = await serveCarapace(['--demo-data'], env);
    const signedIn = { headers: await asDemoUnderwriter(second.url) };
    const found = await fetch(`${second.url}/api/v1/organisations/${organisation.id}`, signedIn);
    expect(Organisation.parse(await found.json())).toEqual(organisation);
    const page = OrganisationPage.parse(
      await (await fetch(`${second.url}/api/v1/organisations`, signedIn)).json(),
    );
    // The demo insurer's underwriter sees its own insurer, the companies applying to it and the one it
    // registered: not the demo broker, nor the security partner (another tenant's business).
    expect(page.total).toBe(DEMO_ORGANISATIONS.length - 2 + 1);
    const stoppedAgain = await second.stop('SIGTERM');
    expect(stoppedAgain.code).toBe(0);
    // Two starts, the first loading every demo data set (monitoring imports feeds and rescans), and a
    // migrate child: more than the default 30 s when the machine is busy.
  }, 90_000);

  it('stops cleanly when Ctrl-C arrives during start-up, after start-up finishes', async () => {
    const server = inject('testDatabaseTemplates').postgres;
    if (server === null) {
      console.warn('PostgreSQL not reachable: skipping the start-up stop test (never skipped in CI)');
      return;
    }
    const database = await createScratchPostgresDatabase(server);
    // Holding the migration lock parks start-up inside migrations for as long as the test wants.
    const migrationLock = await holdMigrationLock(database.url);
    let lockHeld = true;
    try {
      const child = spawnCarapace(['serve', '--demo-data'], { PORT: '0', DATABASE_URL: database.url });
      let stdout = '';
      let stderr = '';
      child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
      const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));
      const printed = (text: string): Promise<void> =>
        new Promise((resolve) => {
          const check = (): void => {
            if (stdout.includes(text)) resolve();
          };
          child.stdout.on('data', (chunk: Buffer) => {
            stdout += chunk.toString('utf8');
            check();
          });
          check();
        });
      await printed('database opened');
      child.kill('SIGINT');
      await printed('stop requested: stopping as soon as start-up has finished');
      lockHeld = false;
      await migrationLock.release();
      expect(await exited, stderr).toBe(0);
      expect(stderr).toBe('');
      expect(stdout).toContain('stopped cleanly');
      expect(stdout).toContain('migrations applied');
    } finally {
      if (lockHeld) await migrationLock.release();
      await database.drop();
    }
  });

  it('switches to PostgreSQL with DATABASE_URL and nothing else', async () => {
    const server = inject('testDatabaseTemplates').postgres;
    if (server === null) {
      console.warn('PostgreSQL not reachable: skipping the PostgreSQL serve test (never skipped in CI)');
      return;
    }
    const database = await createScratchPostgresDatabase(server);
    try {
      const serving = await serveCarapace(['--demo-data'], { DATABASE_URL: database.url });
      const ready = Readiness.parse(await (await fetch(`${serving.url}/readyz`)).json());
      expect(ready).toMatchObject({ status: 'ready', database: { engine: 'postgres' } });
      expect(JSON.stringify(ready)).not.toContain('postgres://');
      const organisation = await registerOrganisation(serving.url);
      const stopped = await serving.stop('SIGINT');
      expect(stopped.code, stopped.stderr).toBe(0);

      const restarted = await serveCarapace([], { DATABASE_URL: database.url });
      const signedIn = { headers: await asDemoUnderwriter(restarted.url) };
      expect((await fetch(`${restarted.url}/api/v1/organisations/${organisation.id}`, signedIn)).status).toBe(
        200,
      );
      expect((await restarted.stop()).code).toBe(0);
    } finally {
      await database.drop();
    }
  });
});
