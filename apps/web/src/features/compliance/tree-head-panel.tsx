import { useCallback, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { fetchTreeHead, verifyAuditLog, type AuditVerificationReport } from '../../api/compliance';
import { useApiResource } from '../../api/use-api-resource';
import { ApiErrorNotice } from '../../app/api-error-notice';
import { Notice } from '../../app/notice';
import { useFormatters } from '../../i18n/formatters';

/**
 * The newest signed tree head and the Verify button. After a verification the head it checked against is
 * shown, since a checkpoint may have been signed in between.
 */
export function TreeHeadPanel({ headingLevel = 2 }: { readonly headingLevel?: 2 | 3 }) {
  const { t, i18n } = useTranslation();
  const format = useFormatters();
  const language = i18n.language;
  const load = useCallback((signal: AbortSignal) => fetchTreeHead({ signal, language }), [language]);
  const treeHead = useApiResource(load);
  const [report, setReport] = useState<{
    readonly at: Date;
    readonly result: AuditVerificationReport;
  } | null>(null);
  const [failure, setFailure] = useState<unknown>(undefined);
  const [verifying, setVerifying] = useState(false);
  const Heading = headingLevel === 2 ? 'h2' : 'h3';

  const verify = async (): Promise<void> => {
    if (verifying) return;
    setVerifying(true);
    setFailure(undefined);
    try {
      setReport({ at: new Date(), result: await verifyAuditLog({ language }) });
    } catch (error) {
      setFailure(error);
    }
    setVerifying(false);
    void treeHead.refresh();
  };

  const head = report?.result.latestTreeHead ?? treeHead.data;
  let headContent;
  if (head === undefined) {
    headContent =
      treeHead.error === undefined ? (
        <p className="muted">{t('compliance.loading')}</p>
      ) : (
        <ApiErrorNotice error={treeHead.error} onRetry={() => void treeHead.refresh()} />
      );
  } else if (head === null) {
    headContent = (
      <Notice tone="info" title={t('compliance.audit.treeHead.none')}>
        <p data-testid="tree-head-none">{t('compliance.audit.treeHead.noneHint')}</p>
      </Notice>
    );
  } else {
    headContent = (
      <dl className="facts" data-testid="tree-head">
        <div className="facts__row">
          <dt>{t('compliance.audit.treeHead.treeSize')}</dt>
          <dd data-testid="tree-head-size">{format.number(head.treeSize, 0)}</dd>
        </div>
        <div className="facts__row">
          <dt>{t('compliance.audit.treeHead.rootHash')}</dt>
          <dd className="mono wrap">{head.rootHash}</dd>
        </div>
        <div className="facts__row">
          <dt>{t('compliance.audit.treeHead.signature')}</dt>
          <dd className="mono wrap compliance-hash">{head.signature}</dd>
        </div>
        <div className="facts__row">
          <dt>{t('compliance.audit.treeHead.logId')}</dt>
          <dd className="mono wrap">{head.logId}</dd>
        </div>
        <div className="facts__row">
          <dt>{t('compliance.audit.treeHead.signedAt')}</dt>
          <dd>
            <time dateTime={head.timestamp}>{format.dateTime(head.timestamp)}</time>
          </dd>
        </div>
        {report !== null && (
          <div className="facts__row">
            <dt>{t('compliance.audit.verify.publicKey')}</dt>
            <dd className="mono wrap">{report.result.publicKey}</dd>
          </div>
        )}
      </dl>
    );
  }

  return (
    <section className="card compliance-tree-head" aria-labelledby="tree-head-heading">
      <div className="card__header">
        <div>
          <Heading id="tree-head-heading" className="card__title">
            {t('compliance.audit.treeHead.title')}
          </Heading>
          <p className="card__intro">{t('compliance.audit.treeHead.intro')}</p>
        </div>
        <button
          type="button"
          className="button button--primary"
          onClick={() => void verify()}
          disabled={verifying}
          aria-busy={verifying}
          data-testid="verify-audit-log"
        >
          {verifying ? t('compliance.audit.verify.running') : t('compliance.audit.verify.button')}
        </button>
      </div>
      {failure !== undefined && <ApiErrorNotice error={failure} />}
      {report !== null && <VerificationResult at={report.at} result={report.result} />}
      {headContent}
    </section>
  );
}

function VerificationResult({ at, result }: { readonly at: Date; readonly result: AuditVerificationReport }) {
  const { t } = useTranslation();
  const format = useFormatters();
  const counts = {
    records: format.number(result.checkedRecords, 0),
    heads: format.number(result.checkedTreeHeads, 0),
  };
  const checkedAt = (
    <p className="notice__meta">{t('compliance.audit.verify.checkedAt', { time: format.dateTime(at) })}</p>
  );
  if (result.ok) {
    return (
      <div data-testid="verification-ok">
        <Notice tone="info" title={t('compliance.audit.verify.ok')}>
          <p>{t('compliance.audit.verify.okDetail', counts)}</p>
          {checkedAt}
        </Notice>
      </div>
    );
  }
  return (
    <div data-testid="verification-failed">
      <Notice tone="error" title={t('compliance.audit.verify.failed')}>
        <p>{t('compliance.audit.verify.failedDetail', { ...counts, count: result.problems.length })}</p>
        <ul className="notice__list">
          {result.problems.map((problem, index) => (
            <li key={`${problem.code}:${index}`}>
              {problem.sequence !== undefined
                ? t('compliance.audit.verify.problemAtSequence', {
                    sequence: problem.sequence,
                    message: problem.message,
                  })
                : problem.treeSize !== undefined
                  ? t('compliance.audit.verify.problemAtTreeSize', {
                      treeSize: problem.treeSize,
                      message: problem.message,
                    })
                  : t('compliance.audit.verify.problem', { message: problem.message })}
            </li>
          ))}
        </ul>
        {checkedAt}
      </Notice>
    </div>
  );
}
