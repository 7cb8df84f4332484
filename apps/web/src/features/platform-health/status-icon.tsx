/** The shape carries the meaning as well as the colour, for readers who cannot tell green from red. */
export function StatusIcon({ tone }: { readonly tone: 'good' | 'bad' | 'neutral' }) {
  return (
    <svg className="status-icon" viewBox="0 0 16 16" aria-hidden="true" focusable="false">
      {tone === 'good' && <path d="M3.5 8.5 6.5 11.5 12.5 4.5" />}
      {tone === 'bad' && <path d="M4.5 4.5 11.5 11.5M11.5 4.5 4.5 11.5" />}
      {tone === 'neutral' && <path d="M4 8h8" />}
    </svg>
  );
}
