import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeEach, expect, it } from 'vitest';
import { registerOrganisation, type UnitOfWork } from '@carapace/domain';
import { generateKeyring } from '@carapace/security';
import { auditLeafHash, createUnitOfWork, type CanonicalAuditRecord } from '@carapace/store';
import { describeEachDatabase, runRawSql } from '@carapace/store/testing';
import { AuditLogService, AuditLogTamperedError } from './audit-log-service.js';

// Tampering uses raw SQL on purpose: it is what someone with direct database access would run. The
// repositories have no update or delete and the trigger refuses both, so the tamperer disables the trigger.

describeEachDatabase('tamper-evident audit log', ({ handle }) => {
  let unitOfWork: UnitOfWork;
  let auditLog: AuditLogService;
  let treeHeadFile: string;
  beforeEach(async () => {
    unitOfWork = createUnitOfWork(handle().db, 'audit-test');
    treeHeadFile = join(await mkdtemp(join(tmpdir(), 'carapace-audit-test-')), 'tree-heads.jsonl');
    auditLog = new AuditLogService({
      database: handle(),
      treeHeadFile,
      signingSeed: generateKeyring().auditSigningKey,
    });
  });

  async function someActivity(count: number): Promise<void> {
    for (let index = 0; index < count; index += 1) {
      await registerOrganisation(unitOfWork, {
        kind: 'insured',
        nameZh: `审计测试公司${index}-${Math.random().toString(36).slice(2, 8)}`,
        nameEn: null,
        creditCode: null,
      });
    }
  }

  async function tamper(statement: string): Promise<void> {
    await runRawSql(handle(), 'alter table audit_log disable trigger audit_log_append_only');
    await runRawSql(handle(), statement);
    await runRawSql(handle(), 'alter table audit_log enable trigger audit_log_append_only');
  }

  async function problemCodes(): Promise<string[]> {
    const report = await auditLog.verify();
    return [...new Set(report.problems.map((problem) => problem.code))];
  }

  it('records each write in the same transaction, signs heads, and verifies clean', async () => {
    await someActivity(3);
    const first = await auditLog.checkpoint();
    expect(first?.treeSize).toBe(3);
    expect(await auditLog.checkpoint()).toBeNull();
    await someActivity(2);
    const second = await auditLog.checkpoint();
    expect(second?.treeSize).toBe(5);
    const report = await auditLog.verify();
    expect(report).toMatchObject({ ok: true, checkedRecords: 5, checkedTreeHeads: 2, problems: [] });
    expect((await readFile(treeHeadFile, 'utf8')).trim().split('\n')).toHaveLength(2);
  });

  it('a rolled-back change leaves no audit record, and a committed one exactly one', async () => {
    await expect(
      unitOfWork.run(async (repositories) => {
        await repositories.organisations.insert({
          kind: 'insured',
          nameZh: '回滚公司',
          nameEn: null,
          creditCode: null,
        });
        throw new Error('roll back');
      }),
    ).rejects.toThrow('roll back');
    expect((await auditLog.verify()).checkedRecords).toBe(0);
    await someActivity(1);
    expect((await auditLog.verify()).checkedRecords).toBe(1);
  });

  it('refuses UPDATE, DELETE and TRUNCATE of audit records in the database itself', async () => {
    await someActivity(1);
    await expect(runRawSql(handle(), "update audit_log set action = 'x'")).rejects.toThrow(/append-only/);
    await expect(runRawSql(handle(), 'delete from audit_log')).rejects.toThrow(/append-only/);
    await expect(runRawSql(handle(), 'truncate audit_log')).rejects.toThrow(/append-only/);
  });

  it('detects an edited record (its leaf hash no longer matches)', async () => {
    await someActivity(4);
    await auditLog.checkpoint();
    await tamper(
      `update audit_log set record = jsonb_set(record, '{objectType}', '"user"') where sequence = 2`,
    );
    expect(await problemCodes()).toContain('leaf_hash_mismatch');
  });

  it('detects an edited searchable column whose record was left alone', async () => {
    await someActivity(2);
    await auditLog.checkpoint();
    await tamper(`update audit_log set actor_id = 'someone-else' where sequence = 1`);
    expect(await problemCodes()).toEqual(['column_mismatch']);
  });

  it('detects a record rewritten with a recomputed leaf hash, by the signed tree head', async () => {
    await someActivity(4);
    await auditLog.checkpoint();
    // A careful attacker rewrites the record and its leaf hash consistently; only the exported head knows.
    const [row] = await runRawSql<{ record: CanonicalAuditRecord }>(
      handle(),
      'select record from audit_log where sequence = 3',
    );
    if (row === undefined) throw new Error('no record 3');
    const forged: CanonicalAuditRecord = { ...row.record, action: 'read' };
    await tamper(
      `update audit_log set record = '${JSON.stringify(forged)}'::jsonb, action = 'read', leaf_hash = '${auditLeafHash(forged)}' where sequence = 3`,
    );
    expect(await problemCodes()).toContain('tree_head_root_mismatch');
  });

  it('detects a record deleted from the middle as a gap in the sequence', async () => {
    await someActivity(5);
    await auditLog.checkpoint();
    await tamper('delete from audit_log where sequence = 3');
    expect(await problemCodes()).toContain('sequence_gap');
  });

  it('detects the newest records deleted after a head was signed', async () => {
    await someActivity(5);
    await auditLog.checkpoint();
    await tamper('delete from audit_log where sequence >= 4');
    expect(await problemCodes()).toContain('tree_head_size_exceeds_log');
  });

  it('detects a forged tree head in the export, and refuses to sign over a tampered log', async () => {
    await someActivity(3);
    await auditLog.checkpoint();
    const [line = ''] = (await readFile(treeHeadFile, 'utf8')).trim().split('\n');
    const head = JSON.parse(line) as { rootHash: string };
    await writeFile(treeHeadFile, `${JSON.stringify({ ...head, rootHash: '0'.repeat(64) })}\n`);
    expect(await problemCodes()).toContain('tree_head_signature_invalid');
    await expect(auditLog.checkpoint()).rejects.toBeInstanceOf(AuditLogTamperedError);
  });
});
