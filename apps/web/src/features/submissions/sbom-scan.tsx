import { useState, type ChangeEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { MAX_SBOM_BYTES, scanSbom, type InventoryScanRecord } from '../../api/submissions';
import { ApiErrorNotice } from '../../app/api-error-notice';
import { Notice } from '../../app/notice';
import { useFormatters } from '../../i18n/formatters';

const SEVERITY_BANDS = ['critical', 'high', 'medium', 'low'] as const;

/**
 * Reads the company's CycloneDX SBOM against the vulnerability feeds on the server and fills in the two
 * open-finding counts from it; the user can still correct them by hand.
 */
export function SbomScan({
  onCounts,
}: {
  readonly onCounts: (counts: { readonly critical: number; readonly knownExploited: number }) => void;
}) {
  const { t, i18n } = useTranslation();
  const format = useFormatters();
  const [scanning, setScanning] = useState(false);
  const [result, setResult] = useState<{ fileName: string; scan: InventoryScanRecord } | undefined>();
  const [error, setError] = useState<unknown>(undefined);
  const [tooLarge, setTooLarge] = useState<string | undefined>(undefined);

  const bandLabel = (band: string): string => {
    const known = SEVERITY_BANDS.find((candidate) => candidate === band);
    return known === undefined ? band : t(`submissions.sbom.bands.${known}`);
  };

  const onFile = async (event: ChangeEvent<HTMLInputElement>) => {
    const file = event.target.files?.[0];
    // The same file picked again after a fix must fire change again.
    event.target.value = '';
    if (file === undefined) return;
    setError(undefined);
    setResult(undefined);
    setTooLarge(undefined);
    if (file.size > MAX_SBOM_BYTES) {
      setTooLarge(file.name);
      return;
    }
    setScanning(true);
    try {
      const scan = await scanSbom(file, { language: i18n.language });
      setResult({ fileName: file.name, scan });
      onCounts(scan.openFindings);
    } catch (caught) {
      setError(caught);
    } finally {
      setScanning(false);
    }
  };

  return (
    <div className="sbom-scan" data-testid="sbom-scan">
      {/* The browser's own file button speaks the browser's language, not the page's: it is hidden, and
          a label styled as a button opens it (a click or Enter on the focused input still works). */}
      <p className="field__label" id="submission-sbom-title">
        {t('submissions.sbom.label')}
      </p>
      <div className="sbom-scan__picker">
        <input
          id="submission-sbom"
          type="file"
          accept=".json,.cdx.json,application/json,application/vnd.cyclonedx+json"
          className="visually-hidden sbom-scan__input"
          aria-labelledby="submission-sbom-title submission-sbom-button"
          aria-describedby="submission-sbom-hint"
          disabled={scanning}
          onChange={(event) => void onFile(event)}
        />
        <label htmlFor="submission-sbom" className="button button--secondary" id="submission-sbom-button">
          {t('submissions.sbom.choose')}
        </label>
        <span className="muted" data-testid="sbom-file-name">
          {result?.fileName ?? tooLarge ?? t('submissions.sbom.noFile')}
        </span>
      </div>
      <p className="hint" id="submission-sbom-hint">
        {t('submissions.sbom.hint')}
      </p>
      <div aria-live="polite">
        {scanning && <p className="muted">{t('submissions.sbom.scanning')}</p>}
        {tooLarge !== undefined && (
          <Notice tone="error" title={t('submissions.sbom.tooLarge', { file: tooLarge })} />
        )}
        {error !== undefined && <ApiErrorNotice error={error} />}
        {result !== undefined && (
          <div className="sbom-scan__result" data-testid="sbom-scan-result">
            <p>
              {t('submissions.sbom.summary', {
                file: result.fileName,
                components: format.number(result.scan.componentsCompared),
                critical: format.number(result.scan.openFindings.critical),
                knownExploited: format.number(result.scan.openFindings.knownExploited),
              })}
            </p>
            {result.scan.topFindings.length === 0 ? (
              <p className="muted">{t('submissions.sbom.nothingFound')}</p>
            ) : (
              <div className="table-scroll">
                <table className="table" aria-label={t('submissions.sbom.topFindings')}>
                  <thead>
                    <tr>
                      <th scope="col">{t('submissions.sbom.component')}</th>
                      <th scope="col">{t('submissions.sbom.vulnerability')}</th>
                      <th scope="col">{t('submissions.sbom.severity')}</th>
                      <th scope="col">{t('submissions.sbom.kev')}</th>
                    </tr>
                  </thead>
                  <tbody>
                    {result.scan.topFindings.map((finding) => (
                      <tr
                        key={`${finding.componentName}@${finding.componentVersion ?? ''}:${finding.advisoryIds.join(',')}`}
                      >
                        <td className="mono">
                          {finding.componentVersion === null
                            ? finding.componentName
                            : `${finding.componentName}@${finding.componentVersion}`}
                        </td>
                        <td>
                          {[...finding.cveIds, ...finding.advisoryIds].slice(0, 2).join(', ') ||
                            finding.title}
                        </td>
                        <td>{bandLabel(finding.severityBand)}</td>
                        <td>{finding.kev ? t('submissions.sbom.yes') : t('submissions.sbom.no')}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
            )}
          </div>
        )}
      </div>
    </div>
  );
}
