import { execFile } from 'node:child_process';
import { randomInt } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterEach, expect, it } from 'vitest';
import { fieldLocation, registerDataSubject, type PersonalDetails } from '@carapace/domain';
import { migrateToLatest, openDatabase, type DatabaseHandle } from '@carapace/store';
import { describeEachDatabase } from '@carapace/store/testing';
import { createPrivacyFixture, type PrivacyFixture } from './testing/privacy-fixture.js';

const PG_DUMP = ['/usr/lib/postgresql/15/bin/pg_dump', '/usr/bin/pg_dump'].find((path) => existsSync(path));
const COMPANY_NAME = '宁波甬江精密制造有限公司';

/** A person nobody else is: a fresh mobile, name, ID number and email for every run. */
function canaryPerson(): PersonalDetails {
  const givenNames = '瑾瑜璇玑琮璜琬琰';
  const given = Array.from({ length: 3 }, () => givenNames[randomInt(givenNames.length)]).join('');
  const body = `110105${1950 + randomInt(50)}0${1 + randomInt(9)}1${randomInt(10)}${String(randomInt(1000)).padStart(3, '0')}`;
  const weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
  const sum = Array.from(body).reduce(
    (total, digit, index) => total + Number(digit) * (weights[index] ?? 0),
    0,
  );
  return {
    name: `诸葛${given}`,
    mobile: `139${String(randomInt(100_000_000)).padStart(8, '0')}`,
    idNumber: `${body}${'10X98765432'[sum % 11] ?? ''}`,
    email: `canary.${randomInt(1_000_000_000)}@example.com`,
  };
}

/** Each value as the bytes it would leave in a file: UTF-8 and UTF-16LE. */
function needles(person: PersonalDetails): { readonly label: string; readonly bytes: Buffer }[] {
  return Object.entries(person).flatMap(([field, value]) =>
    typeof value === 'string'
      ? [
          { label: `${field} utf8`, bytes: Buffer.from(value, 'utf8') },
          { label: `${field} utf16le`, bytes: Buffer.from(value, 'utf16le') },
        ]
      : [],
  );
}

async function filesUnder(directory: string): Promise<string[]> {
  const entries = await readdir(directory, { withFileTypes: true, recursive: true });
  return entries.filter((entry) => entry.isFile()).map((entry) => join(entry.parentPath, entry.name));
}

function found(haystack: Buffer, person: PersonalDetails): string[] {
  return needles(person)
    .filter((needle) => haystack.includes(needle.bytes))
    .map((needle) => needle.label);
}

async function registerCanary(fixture: PrivacyFixture, person: PersonalDetails): Promise<string> {
  const underwriter = await fixture.actor('underwriter');
  const subject = await registerDataSubject(fixture.services(underwriter), underwriter, {
    organisationId: fixture.companyId,
    details: person,
  });
  return subject.id;
}

async function decryptsThroughTheApp(
  database: DatabaseHandle,
  fixture: PrivacyFixture,
  subjectId: string,
  person: PersonalDetails,
): Promise<void> {
  const row = await database.db
    .selectFrom('dataSubjects')
    .select(['nameCiphertext', 'mobileCiphertext'])
    .where('id', '=', subjectId)
    .executeTakeFirstOrThrow();
  const subject = { id: subjectId, tenantId: fixture.insurerId };
  await expect(
    fixture.protection.decrypt(row.mobileCiphertext ?? '', fieldLocation(subject, 'mobile')),
  ).resolves.toBe(person.mobile);
  await expect(
    fixture.protection.decrypt(row.nameCiphertext ?? '', fieldLocation(subject, 'name')),
  ).resolves.toBe(person.name);
}

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0)) await cleanup();
});

it('leaves no byte of a canary person in any file of a PGlite data directory, nor in its dump', async () => {
  const dataDir = await mkdtemp(join(tmpdir(), 'carapace-canary-'));
  cleanups.push(() => rm(dataDir, { recursive: true, force: true }));
  const person = canaryPerson();
  let database = await openDatabase({ kind: 'pglite', dataDir });
  await migrateToLatest(database.db);
  const fixture = await createPrivacyFixture(database);
  const subjectId = await registerCanary(fixture, person);
  const dump = Buffer.from(await (await database.pglite!.dumpDataDir('none')).arrayBuffer());
  await database.close();

  const files = await filesUnder(dataDir);
  let scannedBytes = 0;
  const hits: string[] = [];
  let companyNameSeen = false;
  for (const file of files) {
    const bytes = await readFile(file);
    scannedBytes += bytes.byteLength;
    hits.push(...found(bytes, person).map((label) => `${file}: ${label}`));
    companyNameSeen ||= bytes.includes(Buffer.from(COMPANY_NAME, 'utf8'));
  }
  console.info(
    `canary (PGlite): ${files.length} files, ${scannedBytes} bytes and a ${dump.byteLength}-byte dumpDataDir tarball scanned for ${needles(person).length} needles; hits: ${hits.length + found(dump, person).length}`,
  );
  expect(files.length).toBeGreaterThan(100);
  // The scan works: a value stored in clear (the company's registered name) is found the same way.
  expect(companyNameSeen).toBe(true);
  expect(dump.includes(Buffer.from(COMPANY_NAME, 'utf8'))).toBe(true);
  expect(hits).toEqual([]);
  expect(found(dump, person)).toEqual([]);

  database = await openDatabase({ kind: 'pglite', dataDir });
  try {
    await decryptsThroughTheApp(database, fixture, subjectId, person);
  } finally {
    await database.close();
  }
});

describeEachDatabase('canary in a PostgreSQL dump', ({ handle, kind }) => {
  it.skipIf(kind !== 'postgres' || PG_DUMP === undefined)(
    'leaves no byte of a canary person in pg_dump output, while the app still decrypts it',
    async () => {
      const database = handle();
      if (database.target.kind !== 'postgres' || PG_DUMP === undefined) throw new Error('needs PostgreSQL');
      const person = canaryPerson();
      const fixture = await createPrivacyFixture(database);
      const subjectId = await registerCanary(fixture, person);
      const { stdout } = await promisify(execFile)(PG_DUMP, ['--no-password', database.target.url.reveal()], {
        encoding: 'buffer',
        maxBuffer: 256 * 1024 * 1024,
      });
      console.info(
        `canary (PostgreSQL): a ${stdout.byteLength}-byte pg_dump scanned; hits: ${found(stdout, person).length}`,
      );
      expect(stdout.includes(Buffer.from(COMPANY_NAME, 'utf8'))).toBe(true);
      expect(found(stdout, person)).toEqual([]);
      await decryptsThroughTheApp(database, fixture, subjectId, person);
    },
  );
});
