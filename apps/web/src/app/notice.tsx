import type { ReactNode } from 'react';

interface NoticeProps {
  /** `error` interrupts a screen reader (role=alert); `info` waits its turn (role=status). */
  readonly tone: 'error' | 'info';
  readonly title: string;
  readonly id?: string;
  /** Further paragraphs under the title. */
  readonly children?: ReactNode;
  /** A button beside the text, such as Retry. */
  readonly action?: ReactNode;
}

/** A boxed message with an icon; the icon only repeats what the words and the tone say. */
export function Notice({ tone, title, id, children, action }: NoticeProps) {
  return (
    <div id={id} className={`notice notice--${tone}`} role={tone === 'error' ? 'alert' : 'status'}>
      <svg className="notice__icon" viewBox="0 0 24 24" aria-hidden="true">
        <circle cx="12" cy="12" r="10" />
        {tone === 'error' ? <path d="M12 7v6M12 16.5v.5" /> : <path d="M12 11v6M12 7v.5" />}
      </svg>
      <div className="notice__body">
        <p className="notice__title">{title}</p>
        {children}
      </div>
      {action}
    </div>
  );
}
