import type { Role } from '@carapace/contracts';
import type { TFunction } from 'i18next';
import type { ReactNode } from 'react';
import type { Session } from '../api/session-store';

export type RoleCode = ReturnType<typeof Role.parse>;

/** What a page gets from its address: the `:name` segments of its pattern, decoded. */
export type RouteParams = Readonly<Record<string, string>>;

/** One page of the UI. Features export their pages as a list, and the app composes the lists. */
export type PageRoute =
  | {
      /** A path such as `/submissions/:submissionId`; a `:name` segment matches one non-empty segment. */
      readonly pattern: string;
      readonly access: 'public';
      readonly render: (params: RouteParams, session: Session | null) => ReactNode;
    }
  | {
      readonly pattern: string;
      /** A signed-out visit goes to the sign-in page, which comes back here afterwards. */
      readonly access: 'signed_in';
      readonly render: (params: RouteParams, session: Session) => ReactNode;
    };

/** A link in the header's navigation, shown to the roles that can use the page behind it. */
export interface NavEntry {
  readonly to: string;
  readonly label: (t: TFunction) => string;
  /** Everyone signed in sees it when omitted. */
  readonly roles?: readonly RoleCode[];
  /** Also marked current on the pages under this prefix, e.g. a submission under `/submissions`. */
  readonly activePrefix?: string;
}

/** The params of `pattern` matched against `pathname`, or null when it does not match. */
export function matchPattern(pattern: string, pathname: string): RouteParams | null {
  const want = pattern.split('/');
  const have = pathname.split('/');
  if (want.length !== have.length) return null;
  const params: Record<string, string> = {};
  for (const [index, segment] of want.entries()) {
    const actual = have[index] ?? '';
    if (segment.startsWith(':')) {
      if (actual === '') return null;
      try {
        params[segment.slice(1)] = decodeURIComponent(actual);
      } catch {
        return null; // A malformed escape such as %E0%A4%A is no address of ours.
      }
    } else if (segment !== actual) {
      return null;
    }
  }
  return params;
}

/** The first route whose pattern matches, with its params. */
export function findRoute(
  routes: readonly PageRoute[],
  pathname: string,
): { readonly route: PageRoute; readonly params: RouteParams } | null {
  for (const route of routes) {
    const params = matchPattern(route.pattern, pathname);
    if (params !== null) return { route, params };
  }
  return null;
}

/** A path built from a pattern, each param encoded: `pathTo('/quotes/:id', { id })`. */
export function pathTo(pattern: string, params: RouteParams): string {
  return pattern.replace(/:(\w+)/g, (_, name: string) => {
    const value = params[name];
    if (value === undefined) throw new Error(`pathTo(${pattern}): no value for :${name}`);
    return encodeURIComponent(value);
  });
}

export function visibleTo(entry: NavEntry, session: Session | null): boolean {
  if (session === null) return false;
  return entry.roles === undefined || entry.roles.some((role) => session.roles.includes(role));
}

/** A panel on the signed-in home page, shown to the roles it is for (an underwriter's queue, a policyholder's alerts). */
export interface HomeWidget {
  readonly id: string;
  readonly roles: readonly RoleCode[];
  readonly render: (session: Session) => ReactNode;
}

/** What one capability adds to the UI. */
export interface FeatureModule {
  readonly routes: readonly PageRoute[];
  readonly nav: readonly NavEntry[];
  readonly homeWidgets: readonly HomeWidget[];
}
