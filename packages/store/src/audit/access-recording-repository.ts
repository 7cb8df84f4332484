import type { AuditEntry, OrganisationRepository, Policy, UnderwritingRepository } from '@carapace/domain';

/** How one repository method's call is recorded: which access, to which object, how many rows. */
export interface MethodAccess {
  readonly action: 'read' | 'list' | 'create' | 'update';
  readonly objectType: string;
  readonly objectId: (args: readonly unknown[], result: unknown) => string | null;
  readonly rows?: (result: unknown) => number;
}

/**
 * For every method of a repository holding customer data, how a call is audited. The mapped type makes
 * the table complete: a new repository method does not compile until someone decides how it is recorded.
 */
export type AccessRecordingTable<R> = { readonly [K in keyof R]: MethodAccess };

const firstArgument = (args: readonly unknown[]): string | null =>
  typeof args[0] === 'string' ? args[0] : null;
const resultId = (_args: readonly unknown[], result: unknown): string | null =>
  typeof result === 'object' && result !== null && 'id' in result && typeof result.id === 'string'
    ? result.id
    : null;
const foundRows = (result: unknown): number => (result === undefined ? 0 : 1);
const listedRows = (result: unknown): number => (Array.isArray(result) ? result.length : 0);
const pageRows = (result: unknown): number =>
  typeof result === 'object' && result !== null && 'items' in result && Array.isArray(result.items)
    ? result.items.length
    : 0;
const field =
  (name: string) =>
  (args: readonly unknown[]): string | null => {
    const value: unknown =
      typeof args[0] === 'object' && args[0] !== null ? (args[0] as Record<string, unknown>)[name] : null;
    return typeof value === 'string' ? value : null;
  };

export const UNDERWRITING_ACCESS_RECORDING: AccessRecordingTable<UnderwritingRepository> = {
  insertSubmission: { action: 'create', objectType: 'submission', objectId: resultId },
  findSubmission: { action: 'read', objectType: 'submission', objectId: firstArgument, rows: foundRows },
  updateSubmission: { action: 'update', objectType: 'submission', objectId: firstArgument },
  listSubmissions: {
    action: 'list',
    objectType: 'submission',
    objectId: field('organisationId'),
    rows: pageRows,
  },
  insertQuote: { action: 'create', objectType: 'quote', objectId: resultId },
  findQuote: { action: 'read', objectType: 'quote', objectId: firstArgument, rows: foundRows },
  listQuotes: { action: 'list', objectType: 'submission_quotes', objectId: firstArgument, rows: listedRows },
  updateQuoteState: { action: 'update', objectType: 'quote', objectId: firstArgument },
  appendQuoteEvent: { action: 'create', objectType: 'quote_event', objectId: field('quoteId') },
  listQuoteEvents: { action: 'list', objectType: 'quote_event', objectId: firstArgument, rows: listedRows },
  insertPolicy: { action: 'create', objectType: 'policy', objectId: resultId },
  findPolicy: { action: 'read', objectType: 'policy', objectId: firstArgument, rows: foundRows },
  findPolicyByQuote: {
    action: 'read',
    objectType: 'policy',
    objectId: (_args, result) => (result as Policy | undefined)?.id ?? null,
    rows: foundRows,
  },
  listPolicies: { action: 'list', objectType: 'policy', objectId: field('organisationId'), rows: pageRows },
  insertPolicyTransaction: {
    action: 'create',
    objectType: 'policy_transaction',
    objectId: field('policyId'),
  },
  listPolicyTransactions: {
    action: 'list',
    objectType: 'policy_transaction',
    objectId: firstArgument,
    rows: listedRows,
  },
};

export const ORGANISATION_ACCESS_RECORDING: AccessRecordingTable<OrganisationRepository> = {
  insert: {
    action: 'create',
    objectType: 'organisation',
    objectId: (_args, result) =>
      (result as { kind: string; organisation?: { id: string } }).organisation?.id ?? null,
  },
  findById: { action: 'read', objectType: 'organisation', objectId: firstArgument, rows: foundRows },
  list: { action: 'list', objectType: 'organisation', objectId: () => null, rows: pageRows },
};

/**
 * Wraps a repository so that each successful call appends an audit entry to the unit of work's trail: the
 * data-access layer records every read and write of customer data, whatever use case made it. A call that
 * throws records nothing here; its transaction rolls back.
 */
export function recordingAccess<R extends object>(
  repository: R,
  table: AccessRecordingTable<R>,
  record: (entry: AuditEntry) => Promise<void>,
): R {
  return new Proxy(repository, {
    get(target, property, receiver) {
      const value: unknown = Reflect.get(target, property, receiver);
      if (typeof value !== 'function' || !Object.hasOwn(table, property)) return value;
      const access = table[property as keyof R];
      return async (...args: unknown[]) => {
        const result: unknown = await (value as (...a: unknown[]) => Promise<unknown>).apply(target, args);
        await record({
          action: access.action,
          objectType: access.objectType,
          objectId: access.objectId(args, result),
          result: 'success',
          ...(access.rows === undefined ? {} : { rows: access.rows(result) }),
        });
        return result;
      };
    },
  });
}
