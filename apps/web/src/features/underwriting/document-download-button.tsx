import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { fetchUnderwritingDocument } from '../../api/underwriting';
import { ApiErrorNotice } from '../../app/api-error-notice';

interface DocumentDownloadButtonProps {
  readonly kind: 'quotes' | 'policies';
  readonly documentId: string;
  /** Used when the server suggests no file name. */
  readonly fallbackFileName: string;
  readonly label: string;
  readonly testId: string;
}

/**
 * Downloads a PDF in the interface language. A plain link cannot send the bearer token, so the bytes are
 * fetched with it and handed to the browser through an object URL.
 */
export function DocumentDownloadButton({
  kind,
  documentId,
  fallbackFileName,
  label,
  testId,
}: DocumentDownloadButtonProps) {
  const { t, i18n } = useTranslation();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(undefined);

  const download = async (): Promise<void> => {
    setBusy(true);
    setError(undefined);
    try {
      const language = i18n.language === 'en' ? 'en' : 'zh-CN';
      const { blob, fileName } = await fetchUnderwritingDocument(kind, documentId, language, { language });
      const url = URL.createObjectURL(blob);
      const anchor = document.createElement('a');
      anchor.href = url;
      anchor.download = fileName ?? fallbackFileName;
      document.body.append(anchor);
      anchor.click();
      anchor.remove();
      // Revoked on the next turn: the click has started the download by then.
      window.setTimeout(() => {
        URL.revokeObjectURL(url);
      }, 0);
    } catch (caught) {
      setError(caught);
    } finally {
      setBusy(false);
    }
  };

  return (
    <div className="uw-download">
      <button
        type="button"
        className="button button--secondary"
        data-testid={testId}
        aria-busy={busy}
        disabled={busy}
        onClick={() => void download()}
      >
        <svg className="button__icon" viewBox="0 0 24 24" aria-hidden="true">
          <path d="M12 4v11M7 10l5 5 5-5M5 20h14" />
        </svg>
        {busy ? t('underwriting.document.downloading') : label}
      </button>
      {error !== undefined && <ApiErrorNotice error={error} />}
    </div>
  );
}
