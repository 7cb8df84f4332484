import type { AnchorHTMLAttributes, MouseEvent } from 'react';
import { navigate, usePathname } from './navigation';

interface AppLinkProps extends Omit<AnchorHTMLAttributes<HTMLAnchorElement>, 'href'> {
  readonly to: string;
  /** Marks the link current on every page under this prefix too (a section link in the header). */
  readonly activePrefix?: string;
}

/** A real link (so middle-click and "open in new tab" work) that navigates in place on a plain click. */
export function AppLink({ to, activePrefix, onClick, children, ...rest }: AppLinkProps) {
  const pathname = usePathname();
  const current =
    pathname === to ||
    (activePrefix !== undefined && (pathname === activePrefix || pathname.startsWith(`${activePrefix}/`)));
  const handleClick = (event: MouseEvent<HTMLAnchorElement>): void => {
    onClick?.(event);
    const modified = event.metaKey || event.ctrlKey || event.shiftKey || event.altKey || event.button !== 0;
    if (event.defaultPrevented || modified) return;
    event.preventDefault();
    navigate(to);
  };
  return (
    <a href={to} aria-current={current ? 'page' : undefined} onClick={handleClick} {...rest}>
      {children}
    </a>
  );
}
