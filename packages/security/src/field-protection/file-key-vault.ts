import { randomBytes, randomUUID } from 'node:crypto';
import { open, readdir, readFile, unlink } from 'node:fs/promises';
import { join } from 'node:path';
import { Redacted } from '../redacted.js';
import { decodeBase64Url, encodeBase64Url } from './base64-text.js';
import { encodeAssociatedData } from './associated-data.js';
import {
  AES_256_KEY_BYTES,
  GCM_NONCE_BYTES,
  GCM_TAG_BYTES,
  openAes256Gcm,
  sealAes256Gcm,
} from './aes-256-gcm.js';
import { ensurePrivateDirectory, isErrorCode, writeFileAtomically } from './atomic-file.js';
import { decryptField, encryptField, FieldDecryptionError, type FieldContext } from './field-cipher.js';
import { assertSafeIdentifier, isSafeIdentifier } from './key-identifiers.js';
import type { KeyProvider, WrappedKey } from './key-provider.js';
import type { SubjectDataKey, SubjectKeyLookup } from './subject-data-key.js';

const TENANT_KEY_FORMAT = 'carapace-tenant-key/1';
const SUBJECT_KEY_FORMAT = 'carapace-subject-key/1';
const TOMBSTONE_FORMAT = 'carapace-subject-key-tombstone/1';
const SUBJECT_KEY_WRAP_LABEL = 'carapace-subject-key-wrap/1';
const JSON_SUFFIX = '.json';

/** How many wraps a rewrap job moved to the current version, and how many were there already. */
export interface RewrapCounts {
  readonly rewrapped: number;
  readonly alreadyCurrent: number;
}

/**
 * The record of a crypto-shredding, with its verification: the key file is gone and a decryption made
 * with the key just before it was destroyed is now refused. Both must be true for the erasure to count.
 */
export interface SubjectKeyDestruction {
  readonly tenantId: string;
  readonly subjectId: string;
  /** `null` when the subject never had a key; the tombstone still blocks creating one. */
  readonly dataKeyId: string | null;
  readonly destroyedAt: string;
  readonly verification: {
    readonly keyFileRemoved: boolean;
    readonly decryptionRefused: boolean;
  };
}

/** A key vault file that cannot be used (corrupt, unreadable, wrong format). One line, no key material. */
export class KeyVaultError extends Error {
  override readonly name = 'KeyVaultError';
}

/** A data key was requested for a subject whose key has been destroyed; it is never recreated. */
export class SubjectKeyDestroyedError extends Error {
  override readonly name = 'SubjectKeyDestroyedError';
  readonly code = 'subject_key_destroyed';

  constructor(readonly destroyedAt: string) {
    super(`the data key of this subject was destroyed at ${destroyedAt}; a new one is never created`);
  }
}

export interface FileKeyVaultOptions {
  /** The clock for `destroyedAt` and `createdAt`; tests pass a fixed one. */
  readonly clock?: () => Date;
}

interface TenantKeyVersionRecord {
  readonly wrappedKey: WrappedKey;
  readonly createdAt: string;
}

interface TenantKeyRecord {
  readonly format: typeof TENANT_KEY_FORMAT;
  readonly tenantId: string;
  readonly currentVersion: number;
  readonly versions: Record<string, TenantKeyVersionRecord>;
}

interface SubjectKeyRecord {
  readonly format: typeof SUBJECT_KEY_FORMAT;
  readonly tenantId: string;
  readonly subjectId: string;
  readonly dataKeyId: string;
  readonly tenantKeyVersion: number;
  /** `<nonce>.<ciphertext>.<tag>`, unpadded base64url, AES-256-GCM under the tenant key version. */
  readonly wrappedKey: string;
  readonly createdAt: string;
}

interface TombstoneRecord {
  readonly format: typeof TOMBSTONE_FORMAT;
  readonly tenantId: string;
  readonly subjectId: string;
  readonly dataKeyId: string | null;
  readonly destroyedAt: string;
}

/**
 * Tenant key-encryption keys (KEKs) and per-subject data keys (DEKs) in a directory outside the database,
 * so that destroying a subject's key makes every copy of their fields unreadable, database backups
 * included. Back this directory up separately from the database, and keep no copy longer than the
 * erasure deadline, or crypto-shredding is a fiction.
 *
 * Layout, all files 0600 and directories 0700, written by temp file + rename:
 * - `tenants/<tenantId>/tenant-key.json`: the tenant's KEK versions, each wrapped by the `KeyProvider`
 *   with context `tenant-kek|<tenantId>|<version>`;
 * - `tenants/<tenantId>/subjects/<subjectId>.json`: the subject's DEK, wrapped under a KEK version with
 *   AES-256-GCM, bound to tenant, subject, key id and KEK version;
 * - `tenants/<tenantId>/destroyed/<subjectId>.json`: the tombstone of a destroyed DEK.
 *
 * Calls for one tenant are serialised within this process. One process owns a directory: two processes
 * writing the same tenant may lose a rotation. Unwrapped KEKs are cached in memory; DEKs are not, so a
 * destroyed key is unusable at once. Ids must be UUIDs or 1–64 characters of `[A-Za-z0-9_-]`; on a
 * case-insensitive file system, ids differing only in case collide.
 */
export class FileKeyVault {
  readonly #directory: string;
  readonly #keyProvider: KeyProvider;
  readonly #clock: () => Date;
  readonly #tenantKeyCache = new Map<string, Uint8Array>();
  readonly #tenantQueues = new Map<string, Promise<void>>();

  constructor(directory: string, keyProvider: KeyProvider, options: FileKeyVaultOptions = {}) {
    this.#directory = directory;
    this.#keyProvider = keyProvider;
    this.#clock = options.clock ?? (() => new Date());
  }

  /**
   * Creates the subject's data key, and the tenant's KEK if this is the tenant's first key. Returns the
   * data key id; if the subject already has a key, returns its id and creates nothing.
   * @throws SubjectKeyDestroyedError if the subject's key was destroyed.
   * @throws TypeError if an id is not a UUID or 1–64 characters of `[A-Za-z0-9_-]`.
   */
  async createSubjectKey(tenantId: string, subjectId: string): Promise<string> {
    assertSafeIdentifier('tenantId', tenantId);
    assertSafeIdentifier('subjectId', subjectId);
    return await this.#serialised(tenantId, async () => {
      const tombstone = await this.#readTombstone(tenantId, subjectId);
      if (tombstone !== null) throw new SubjectKeyDestroyedError(tombstone.destroyedAt);
      const existing = await this.#readSubjectRecord(tenantId, subjectId);
      if (existing !== null) return existing.dataKeyId;
      const tenantRecord =
        (await this.#readTenantRecord(tenantId)) ?? (await this.#createTenantRecord(tenantId));
      const tenantKey = await this.#tenantKey(tenantRecord, tenantRecord.currentVersion);
      const dataKeyId = randomUUID();
      const dataKey = new Uint8Array(randomBytes(AES_256_KEY_BYTES));
      try {
        await ensurePrivateDirectory(this.#subjectsDirectory(tenantId));
        await this.#writeJson(this.#subjectPath(tenantId, subjectId), {
          format: SUBJECT_KEY_FORMAT,
          tenantId,
          subjectId,
          dataKeyId,
          tenantKeyVersion: tenantRecord.currentVersion,
          wrappedKey: wrapDataKey(
            tenantKey,
            dataKey,
            tenantId,
            subjectId,
            dataKeyId,
            tenantRecord.currentVersion,
          ),
          createdAt: this.#clock().toISOString(),
        } satisfies SubjectKeyRecord);
      } finally {
        dataKey.fill(0);
      }
      return dataKeyId;
    });
  }

  /**
   * The subject's unwrapped data key, or `destroyed` / `missing`. Fits `decryptField` as its resolver:
   * `(reference) => vault.subjectKey(reference.tenantId, reference.subjectId)`.
   * @throws KeyUnwrapError if the tenant KEK's root version is retired or unknown to the key provider.
   * @throws KeyVaultError if a key file is corrupt.
   */
  async subjectKey(tenantId: string, subjectId: string): Promise<SubjectKeyLookup> {
    assertSafeIdentifier('tenantId', tenantId);
    assertSafeIdentifier('subjectId', subjectId);
    // Reads take no lock. Destruction writes the tombstone before it deletes the key file, so reading the
    // key file first and the tombstone second can never report a destroyed key as missing.
    const record = await this.#readSubjectRecord(tenantId, subjectId);
    const tombstone = await this.#readTombstone(tenantId, subjectId);
    if (tombstone !== null) {
      return { state: 'destroyed', dataKeyId: tombstone.dataKeyId, destroyedAt: tombstone.destroyedAt };
    }
    if (record === null) return { state: 'missing' };
    const tenantRecord = await this.#requireTenantRecord(tenantId);
    const tenantKey = await this.#tenantKey(tenantRecord, record.tenantKeyVersion);
    return {
      state: 'active',
      key: {
        tenantId,
        subjectId,
        dataKeyId: record.dataKeyId,
        tenantKeyVersion: record.tenantKeyVersion,
        material: Redacted.of(unwrapDataKey(tenantKey, record, this.#subjectPath(tenantId, subjectId))),
      },
    };
  }

  /**
   * Adds a new KEK version for the tenant and makes it current for new data keys; returns its version.
   * Existing data keys stay wrapped under older versions until `rewrapSubjectKeys`.
   */
  async rotateTenantKey(tenantId: string): Promise<number> {
    assertSafeIdentifier('tenantId', tenantId);
    return await this.#serialised(tenantId, async () => {
      const existing = await this.#readTenantRecord(tenantId);
      if (existing === null) return (await this.#createTenantRecord(tenantId)).currentVersion;
      const version = existing.currentVersion + 1;
      const versionRecord = await this.#newTenantKeyVersion(tenantId, version);
      await this.#writeJson(this.#tenantKeyPath(tenantId), {
        ...existing,
        currentVersion: version,
        versions: { ...existing.versions, [String(version)]: versionRecord },
      } satisfies TenantKeyRecord);
      return version;
    });
  }

  /**
   * Re-wraps every data key of the tenant under the tenant's current KEK version. Field ciphertexts are
   * untouched: they name the data key, which does not change.
   */
  async rewrapSubjectKeys(tenantId: string): Promise<RewrapCounts> {
    assertSafeIdentifier('tenantId', tenantId);
    return await this.#serialised(tenantId, async () => {
      const tenantRecord = await this.#readTenantRecord(tenantId);
      if (tenantRecord === null) return { rewrapped: 0, alreadyCurrent: 0 };
      const currentVersion = tenantRecord.currentVersion;
      const currentKey = await this.#tenantKey(tenantRecord, currentVersion);
      let rewrapped = 0;
      let alreadyCurrent = 0;
      for (const subjectId of await listIds(this.#subjectsDirectory(tenantId), JSON_SUFFIX)) {
        const path = this.#subjectPath(tenantId, subjectId);
        const record = await this.#readSubjectRecord(tenantId, subjectId);
        if (record === null) continue;
        if (record.tenantKeyVersion === currentVersion) {
          alreadyCurrent += 1;
          continue;
        }
        const dataKey = unwrapDataKey(
          await this.#tenantKey(tenantRecord, record.tenantKeyVersion),
          record,
          path,
        );
        try {
          const wrappedKey = wrapDataKey(
            currentKey,
            dataKey,
            tenantId,
            subjectId,
            record.dataKeyId,
            currentVersion,
          );
          await this.#writeJson(path, {
            ...record,
            tenantKeyVersion: currentVersion,
            wrappedKey,
          } satisfies SubjectKeyRecord);
        } finally {
          dataKey.fill(0);
        }
        rewrapped += 1;
      }
      return { rewrapped, alreadyCurrent };
    });
  }

  /**
   * Re-wraps every tenant KEK version under the key provider's current root version (Vault `rewrap`), so
   * older root versions can then be retired.
   */
  async rewrapTenantKeys(): Promise<RewrapCounts> {
    let rewrapped = 0;
    let alreadyCurrent = 0;
    for (const tenantId of await listIds(join(this.#directory, 'tenants'), '')) {
      const counts = await this.#serialised(tenantId, async () => {
        const record = await this.#readTenantRecord(tenantId);
        if (record === null) return { rewrapped: 0, alreadyCurrent: 0 };
        const rootVersion = await this.#keyProvider.currentVersion();
        const versions: Record<string, TenantKeyVersionRecord> = {};
        let changed = 0;
        for (const [version, versionRecord] of Object.entries(record.versions)) {
          if (versionRecord.wrappedKey.keyVersion >= rootVersion) {
            versions[version] = versionRecord;
            continue;
          }
          const wrappedKey = await this.#keyProvider.rewrapKey(
            versionRecord.wrappedKey,
            tenantKeyContext(tenantId, Number(version)),
          );
          versions[version] = { ...versionRecord, wrappedKey };
          changed += 1;
        }
        if (changed > 0)
          await this.#writeJson(this.#tenantKeyPath(tenantId), {
            ...record,
            versions,
          } satisfies TenantKeyRecord);
        return { rewrapped: changed, alreadyCurrent: Object.keys(record.versions).length - changed };
      });
      rewrapped += counts.rewrapped;
      alreadyCurrent += counts.alreadyCurrent;
    }
    return { rewrapped, alreadyCurrent };
  }

  /**
   * Crypto-shreds the subject: writes a tombstone, overwrites the key file's bytes, deletes it, and checks
   * that a value encrypted with the key just before can no longer be decrypted. Safe to repeat: a second
   * call finishes an interrupted one and returns the same tombstone. A subject without a key gets a
   * tombstone too, so no key is ever created for it later.
   *
   * Overwriting is best effort: on copy-on-write or flash storage the old blocks may survive. They hold
   * only the wrapped DEK, which is useless without the tenant KEK and the root key.
   */
  async destroySubjectKey(tenantId: string, subjectId: string): Promise<SubjectKeyDestruction> {
    assertSafeIdentifier('tenantId', tenantId);
    assertSafeIdentifier('subjectId', subjectId);
    return await this.#serialised(tenantId, async () => {
      const path = this.#subjectPath(tenantId, subjectId);
      const record = await this.#readSubjectRecord(tenantId, subjectId);
      const probe = record === null ? null : await this.#encryptProbe(tenantId, subjectId).catch(() => null);
      let tombstone = await this.#readTombstone(tenantId, subjectId);
      if (tombstone === null) {
        tombstone = {
          format: TOMBSTONE_FORMAT,
          tenantId,
          subjectId,
          dataKeyId: record?.dataKeyId ?? null,
          destroyedAt: this.#clock().toISOString(),
        };
        await ensurePrivateDirectory(this.#tombstonesDirectory(tenantId));
        await this.#writeJson(this.#tombstonePath(tenantId, subjectId), tombstone);
      }
      if (record !== null) await overwriteAndDelete(path);
      return {
        tenantId,
        subjectId,
        dataKeyId: tombstone.dataKeyId,
        destroyedAt: tombstone.destroyedAt,
        verification: {
          keyFileRemoved: (await readOptionalText(path)) === null,
          decryptionRefused: await this.#decryptionRefused(tenantId, subjectId, probe),
        },
      };
    });
  }

  async #encryptProbe(
    tenantId: string,
    subjectId: string,
  ): Promise<{ ciphertext: string; context: FieldContext } | null> {
    const lookup = await this.subjectKey(tenantId, subjectId);
    if (lookup.state !== 'active') return null;
    const context = probeContext(lookup.key);
    return { ciphertext: encryptField('destruction probe', lookup.key, context), context };
  }

  async #decryptionRefused(
    tenantId: string,
    subjectId: string,
    probe: { ciphertext: string; context: FieldContext } | null,
  ): Promise<boolean> {
    if (probe === null) return (await this.subjectKey(tenantId, subjectId)).state === 'destroyed';
    try {
      await decryptField(
        probe.ciphertext,
        (reference) => this.subjectKey(reference.tenantId, reference.subjectId),
        probe.context,
      );
      return false;
    } catch (error) {
      return error instanceof FieldDecryptionError && error.reason === 'key_destroyed';
    }
  }

  async #createTenantRecord(tenantId: string): Promise<TenantKeyRecord> {
    await ensurePrivateDirectory(this.#directory);
    await ensurePrivateDirectory(join(this.#directory, 'tenants'));
    await ensurePrivateDirectory(this.#tenantDirectory(tenantId));
    const record: TenantKeyRecord = {
      format: TENANT_KEY_FORMAT,
      tenantId,
      currentVersion: 1,
      versions: { '1': await this.#newTenantKeyVersion(tenantId, 1) },
    };
    await this.#writeJson(this.#tenantKeyPath(tenantId), record);
    return record;
  }

  async #newTenantKeyVersion(tenantId: string, version: number): Promise<TenantKeyVersionRecord> {
    const tenantKey = new Uint8Array(randomBytes(AES_256_KEY_BYTES));
    const wrappedKey = await this.#keyProvider.wrapKey(tenantKey, tenantKeyContext(tenantId, version));
    this.#tenantKeyCache.set(tenantKeyCacheKey(tenantId, version), tenantKey);
    return { wrappedKey, createdAt: this.#clock().toISOString() };
  }

  async #tenantKey(record: TenantKeyRecord, version: number): Promise<Uint8Array> {
    const cacheKey = tenantKeyCacheKey(record.tenantId, version);
    const cached = this.#tenantKeyCache.get(cacheKey);
    if (cached !== undefined) return cached;
    const versionRecord = record.versions[String(version)];
    if (versionRecord === undefined) {
      throw new KeyVaultError(
        `tenant key version ${version} is missing from ${this.#tenantKeyPath(record.tenantId)}; restore the file from the key vault backup`,
      );
    }
    const tenantKey = await this.#keyProvider.unwrapKey(
      versionRecord.wrappedKey,
      tenantKeyContext(record.tenantId, version),
    );
    this.#tenantKeyCache.set(cacheKey, tenantKey);
    return tenantKey;
  }

  async #requireTenantRecord(tenantId: string): Promise<TenantKeyRecord> {
    const record = await this.#readTenantRecord(tenantId);
    if (record === null) {
      throw new KeyVaultError(
        `${this.#tenantKeyPath(tenantId)} is missing but subject keys exist; restore it from the key vault backup`,
      );
    }
    return record;
  }

  async #readTenantRecord(tenantId: string): Promise<TenantKeyRecord | null> {
    const path = this.#tenantKeyPath(tenantId);
    const document = await readJson(path);
    if (document === null) return null;
    return parseTenantKeyRecord(document, tenantId, path);
  }

  async #readSubjectRecord(tenantId: string, subjectId: string): Promise<SubjectKeyRecord | null> {
    const path = this.#subjectPath(tenantId, subjectId);
    const document = await readJson(path);
    if (document === null) return null;
    return parseSubjectKeyRecord(document, tenantId, subjectId, path);
  }

  async #readTombstone(tenantId: string, subjectId: string): Promise<TombstoneRecord | null> {
    const path = this.#tombstonePath(tenantId, subjectId);
    const document = await readJson(path);
    if (document === null) return null;
    return parseTombstoneRecord(document, tenantId, subjectId, path);
  }

  async #writeJson(
    path: string,
    document: TenantKeyRecord | SubjectKeyRecord | TombstoneRecord,
  ): Promise<void> {
    await writeFileAtomically(path, `${JSON.stringify(document, null, 2)}\n`);
  }

  /** Runs `task` after every earlier task for the same tenant has settled. */
  async #serialised<T>(tenantId: string, task: () => Promise<T>): Promise<T> {
    const previous = this.#tenantQueues.get(tenantId) ?? Promise.resolve();
    const run = previous.then(task);
    const settled = run.then(
      () => undefined,
      () => undefined,
    );
    this.#tenantQueues.set(tenantId, settled);
    try {
      return await run;
    } finally {
      if (this.#tenantQueues.get(tenantId) === settled) this.#tenantQueues.delete(tenantId);
    }
  }

  #tenantDirectory(tenantId: string): string {
    return join(this.#directory, 'tenants', tenantId);
  }

  #tenantKeyPath(tenantId: string): string {
    return join(this.#tenantDirectory(tenantId), 'tenant-key.json');
  }

  #subjectsDirectory(tenantId: string): string {
    return join(this.#tenantDirectory(tenantId), 'subjects');
  }

  #subjectPath(tenantId: string, subjectId: string): string {
    return join(this.#subjectsDirectory(tenantId), `${subjectId}${JSON_SUFFIX}`);
  }

  #tombstonesDirectory(tenantId: string): string {
    return join(this.#tenantDirectory(tenantId), 'destroyed');
  }

  #tombstonePath(tenantId: string, subjectId: string): string {
    return join(this.#tombstonesDirectory(tenantId), `${subjectId}${JSON_SUFFIX}`);
  }
}

function tenantKeyContext(tenantId: string, version: number): string {
  return `tenant-kek|${tenantId}|${version}`;
}

function tenantKeyCacheKey(tenantId: string, version: number): string {
  return `${tenantId}|${version}`;
}

function probeContext(key: SubjectDataKey): FieldContext {
  return {
    tenantId: key.tenantId,
    subjectId: key.subjectId,
    table: 'key-vault',
    column: 'destruction-probe',
    rowId: key.dataKeyId,
  };
}

function dataKeyAssociatedData(
  tenantId: string,
  subjectId: string,
  dataKeyId: string,
  tenantKeyVersion: number,
): Uint8Array {
  return encodeAssociatedData([
    SUBJECT_KEY_WRAP_LABEL,
    tenantId,
    subjectId,
    dataKeyId,
    String(tenantKeyVersion),
  ]);
}

function wrapDataKey(
  tenantKey: Uint8Array,
  dataKey: Uint8Array,
  tenantId: string,
  subjectId: string,
  dataKeyId: string,
  tenantKeyVersion: number,
): string {
  const sealed = sealAes256Gcm(
    tenantKey,
    dataKey,
    dataKeyAssociatedData(tenantId, subjectId, dataKeyId, tenantKeyVersion),
  );
  return [sealed.nonce, sealed.ciphertext, sealed.tag].map(encodeBase64Url).join('.');
}

function unwrapDataKey(tenantKey: Uint8Array, record: SubjectKeyRecord, path: string): Uint8Array {
  const [nonce, ciphertext, tag, ...extra] = record.wrappedKey.split('.').map(decodeBase64Url);
  if (
    nonce?.byteLength !== GCM_NONCE_BYTES ||
    !ciphertext ||
    tag?.byteLength !== GCM_TAG_BYTES ||
    extra.length > 0
  ) {
    throw new KeyVaultError(`${path} holds a malformed wrapped key; restore it from the key vault backup`);
  }
  const associatedData = dataKeyAssociatedData(
    record.tenantId,
    record.subjectId,
    record.dataKeyId,
    record.tenantKeyVersion,
  );
  const dataKey = openAes256Gcm(tenantKey, { nonce, ciphertext, tag }, associatedData);
  if (dataKey?.byteLength !== AES_256_KEY_BYTES) {
    throw new KeyVaultError(
      `${path} does not authenticate under its tenant key; the file was altered or moved`,
    );
  }
  return dataKey;
}

/**
 * Overwrites the file's bytes with random data and flushes them before unlinking, so that on file systems
 * that write in place the wrapped key does not linger in free blocks.
 */
async function overwriteAndDelete(path: string): Promise<void> {
  const handle = await open(path, 'r+').catch((error: unknown) => {
    if (isErrorCode(error, 'ENOENT')) return null;
    throw error;
  });
  if (handle !== null) {
    try {
      const { size } = await handle.stat();
      await handle.write(randomBytes(size), 0, size, 0);
      await handle.sync();
    } finally {
      await handle.close();
    }
  }
  await unlink(path).catch((error: unknown) => {
    if (!isErrorCode(error, 'ENOENT')) throw error;
  });
}

async function listIds(directory: string, suffix: string): Promise<string[]> {
  let names: string[];
  try {
    names = await readdir(directory);
  } catch (error) {
    if (isErrorCode(error, 'ENOENT')) return [];
    throw error;
  }
  return names
    .filter((name) => name.endsWith(suffix))
    .map((name) => name.slice(0, name.length - suffix.length))
    .filter(isSafeIdentifier)
    .sort();
}

async function readOptionalText(path: string): Promise<string | null> {
  try {
    return await readFile(path, 'utf8');
  } catch (error) {
    if (isErrorCode(error, 'ENOENT')) return null;
    throw error;
  }
}

async function readJson(path: string): Promise<unknown> {
  const text = await readOptionalText(path);
  if (text === null) return null;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw corrupt(path, 'is not valid JSON');
  }
}

function parseTenantKeyRecord(document: unknown, tenantId: string, path: string): TenantKeyRecord {
  const record = requireRecord(document, path);
  if (record.format !== TENANT_KEY_FORMAT || record.tenantId !== tenantId)
    throw corrupt(path, 'has the wrong format or tenant');
  const currentVersion = requireVersion(record.currentVersion, path);
  const versions = requireRecord(record.versions, path);
  const parsed: Record<string, TenantKeyVersionRecord> = {};
  for (const [version, value] of Object.entries(versions)) {
    const versionRecord = requireRecord(value, path);
    const wrappedKey = requireRecord(versionRecord.wrappedKey, path);
    if (
      !/^[1-9][0-9]{0,8}$/.test(version) ||
      typeof wrappedKey.ciphertext !== 'string' ||
      typeof versionRecord.createdAt !== 'string'
    ) {
      throw corrupt(path, `has a malformed tenant key version`);
    }
    parsed[version] = {
      wrappedKey: {
        keyVersion: requireVersion(wrappedKey.keyVersion, path),
        ciphertext: wrappedKey.ciphertext,
      },
      createdAt: versionRecord.createdAt,
    };
  }
  if (parsed[String(currentVersion)] === undefined) throw corrupt(path, 'lacks its current version');
  return { format: TENANT_KEY_FORMAT, tenantId, currentVersion, versions: parsed };
}

function parseSubjectKeyRecord(
  document: unknown,
  tenantId: string,
  subjectId: string,
  path: string,
): SubjectKeyRecord {
  const record = requireRecord(document, path);
  if (
    record.format !== SUBJECT_KEY_FORMAT ||
    record.tenantId !== tenantId ||
    record.subjectId !== subjectId ||
    typeof record.dataKeyId !== 'string' ||
    !isSafeIdentifier(record.dataKeyId) ||
    typeof record.wrappedKey !== 'string' ||
    typeof record.createdAt !== 'string'
  ) {
    throw corrupt(path, 'is not a subject key of this tenant and subject');
  }
  return {
    format: SUBJECT_KEY_FORMAT,
    tenantId,
    subjectId,
    dataKeyId: record.dataKeyId,
    tenantKeyVersion: requireVersion(record.tenantKeyVersion, path),
    wrappedKey: record.wrappedKey,
    createdAt: record.createdAt,
  };
}

function parseTombstoneRecord(
  document: unknown,
  tenantId: string,
  subjectId: string,
  path: string,
): TombstoneRecord {
  const record = requireRecord(document, path);
  const dataKeyId = record.dataKeyId;
  if (
    record.format !== TOMBSTONE_FORMAT ||
    record.tenantId !== tenantId ||
    record.subjectId !== subjectId ||
    !(dataKeyId === null || (typeof dataKeyId === 'string' && isSafeIdentifier(dataKeyId))) ||
    typeof record.destroyedAt !== 'string'
  ) {
    throw corrupt(path, 'is not a tombstone of this tenant and subject');
  }
  return { format: TOMBSTONE_FORMAT, tenantId, subjectId, dataKeyId, destroyedAt: record.destroyedAt };
}

function requireRecord(value: unknown, path: string): Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value))
    throw corrupt(path, 'is malformed');
  return value as Record<string, unknown>;
}

function requireVersion(value: unknown, path: string): number {
  if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < 1)
    throw corrupt(path, 'has a bad version number');
  return value;
}

function corrupt(path: string, problem: string): KeyVaultError {
  return new KeyVaultError(`key vault file ${path} ${problem}; restore it from the key vault backup`);
}
