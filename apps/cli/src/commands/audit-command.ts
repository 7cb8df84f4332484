import type { Command } from 'commander';
import { auditLogServiceFor, loadKeyring, openConfiguredDatabase } from '@carapace/api';
import { createUnitOfWork } from '@carapace/store';
import { commandLogger, configFrom, type CliIo } from '../cli-context.js';

/** The audit log failed verification: the command reports each problem and exits non-zero. */
export class AuditVerificationFailedError extends Error {
  override readonly name = 'AuditVerificationFailedError';
}

export function registerAuditCommand(program: Command, io: CliIo): void {
  const audit = program
    .command('audit')
    .description('the tamper-evident audit log: checkpoint and verify / 防篡改审计日志：签名检查点与校验');

  audit
    .command('checkpoint')
    .description('sign a tree head over the whole log and export it to CARAPACE_AUDIT_DIR / 签署并导出树头')
    .action(async () => {
      const config = configFrom(io);
      const logger = commandLogger(config, io);
      const database = await openConfiguredDatabase(config, logger);
      try {
        const auditLog = auditLogServiceFor(database, config, await loadKeyring(config, logger));
        const head = await auditLog.checkpoint();
        if (head === null) {
          io.stdout('audit log: no new records since the last tree head; nothing signed');
          return;
        }
        await createUnitOfWork(database.db, 'cli').run((repositories) =>
          repositories.audit.record({
            action: 'checkpoint',
            objectType: 'audit_log',
            objectId: null,
            result: 'success',
            details: { treeSize: head.treeSize, rootHash: head.rootHash },
          }),
        );
        io.stdout(`signed tree head: size ${head.treeSize}, root ${head.rootHash}`);
        io.stdout(`exported to ${auditLog.treeHeadFile}`);
      } finally {
        await database.close();
      }
    });

  audit
    .command('verify')
    .description(
      'check every record against its leaf hash and the exported signed tree heads (consistency, inclusion) / 校验审计日志',
    )
    .option('--json', 'print the full report as JSON')
    .action(async (options: { json?: boolean }) => {
      const config = configFrom(io);
      const logger = commandLogger(config, io);
      const database = await openConfiguredDatabase(config, logger);
      try {
        const auditLog = auditLogServiceFor(database, config, await loadKeyring(config, logger));
        const report = await auditLog.verify();
        if (options.json === true) {
          io.stdout(JSON.stringify(report, null, 2));
        } else {
          io.stdout(
            `audit log: ${report.checkedRecords} record(s), ${report.checkedTreeHeads} signed tree head(s), ` +
              `${report.checkedInclusionProofs} inclusion proof(s) checked`,
          );
          io.stdout(`public key (Ed25519): ${report.publicKey}`);
          if (report.latestTreeHead !== null) {
            io.stdout(
              `latest tree head: size ${report.latestTreeHead.treeSize}, root ${report.latestTreeHead.rootHash}, ${report.latestTreeHead.timestamp}`,
            );
          }
          for (const problem of report.problems) io.stdout(`  PROBLEM ${problem.code}: ${problem.message}`);
        }
        if (!report.ok) {
          throw new AuditVerificationFailedError(
            `the audit log failed verification: ${report.problems.length} problem(s), first ${report.problems[0]?.code ?? ''}`,
          );
        }
        if (options.json !== true) io.stdout('audit log verified: OK');
      } finally {
        await database.close();
      }
    });
}
