import { randomUUID } from 'node:crypto';

import type { FeedRepository } from '../../monitoring/feed-repository.js';
import type { MonitoringRepository } from '../../monitoring/monitoring-repository.js';
import type { NewOrganisation, Organisation } from '../../organisations/organisation.js';
import type { OrganisationRepository } from '../../organisations/organisation-repository.js';
import type {
  PlatformSettingKey,
  PlatformSettingsRepository,
} from '../../platform/platform-settings-repository.js';
import type { AuditEntry, AuditTrail } from '../../audit/audit-trail.js';
import type { IdentityRepository } from '../../identity/identity-repository.js';
import type { PrivacyRepository } from '../../privacy/privacy-repository.js';
import type { Repositories, UnitOfWork } from '../../platform/unit-of-work.js';
import type { Policy, PolicyTransaction, Quote, QuoteEvent, Submission } from '../underwriting-records.js';
import type { UnderwritingRepository } from '../underwriting-repository.js';

/**
 * A faithful in-memory stand-in for the store: every unit of work runs on a copy of the data and commits
 * only if the work succeeds (a thrown error rolls everything back); units of work run one at a time, which
 * is what `forUpdate` row locks guarantee for the steps the tests take; records go in and come out as
 * copies, so a caller cannot change stored data by mutating what it holds; ids, sequences, quote references
 * (Q-YEAR-000001) and policy numbers (CRP-CYB-YEAR-000001) are assigned here as the database would.
 * Policies and their transactions are insert-only, as in the database.
 */
interface State {
  organisations: Organisation[];
  auditEntries: AuditEntry[];
  settings: Partial<Record<PlatformSettingKey, unknown>>;
  submissions: Submission[];
  quotes: Quote[];
  quoteEvents: QuoteEvent[];
  policies: Policy[];
  policyTransactions: PolicyTransaction[];
  quoteCounter: number;
  policyCounter: number;
}

const copy = <T>(value: T): T => structuredClone(value);

function emptyState(): State {
  return {
    organisations: [],
    auditEntries: [],
    settings: {},
    submissions: [],
    quotes: [],
    quoteEvents: [],
    policies: [],
    policyTransactions: [],
    quoteCounter: 0,
    policyCounter: 0,
  };
}

function requireRow<T extends { id: string }>(rows: T[], id: string, what: string): T {
  const row = rows.find((candidate) => candidate.id === id);
  if (row === undefined) throw new Error(`${what} ${id} does not exist`);
  return row;
}

function underwritingRepository(state: State, now: () => Date): UnderwritingRepository {
  return {
    insertSubmission(submission) {
      const stored: Submission = { ...copy(submission), id: randomUUID(), createdAt: now() };
      state.submissions.push(stored);
      return Promise.resolve(copy(stored));
    },
    findSubmission(id) {
      const found = state.submissions.find((submission) => submission.id === id);
      return Promise.resolve(found === undefined ? undefined : copy(found));
    },
    updateSubmission(id, changes) {
      const index = state.submissions.indexOf(requireRow(state.submissions, id, 'submission'));
      const updated: Submission = { ...state.submissions[index]!, ...copy(changes) };
      state.submissions[index] = updated;
      return Promise.resolve(copy(updated));
    },
    listSubmissions(filter) {
      // The array holds insertion order, which is creation order.
      const matching = state.submissions.filter(
        (submission) =>
          (filter.status === undefined || submission.status === filter.status) &&
          (filter.organisationId === undefined || submission.organisationId === filter.organisationId),
      );
      if (filter.order !== 'oldest_first') matching.reverse();
      const items = matching.slice(filter.offset, filter.offset + filter.limit).map((submission) => {
        const organisation = requireRow(state.organisations, submission.organisationId, 'organisation');
        return {
          submission: copy(submission),
          organisationNameZh: organisation.nameZh,
          organisationNameEn: organisation.nameEn,
        };
      });
      return Promise.resolve({ items, total: matching.length });
    },
    insertQuote(quote) {
      requireRow(state.submissions, quote.submissionId, 'submission');
      const createdAt = now();
      state.quoteCounter += 1;
      const reference = `Q-${String(createdAt.getUTCFullYear())}-${String(state.quoteCounter).padStart(6, '0')}`;
      const stored: Quote = { ...copy(quote), id: randomUUID(), reference, createdAt };
      state.quotes.push(stored);
      return Promise.resolve(copy(stored));
    },
    findQuote(id) {
      const found = state.quotes.find((quote) => quote.id === id);
      return Promise.resolve(found === undefined ? undefined : copy(found));
    },
    listQuotes(submissionId) {
      return Promise.resolve(copy(state.quotes.filter((quote) => quote.submissionId === submissionId)));
    },
    updateQuoteState(id, quoteState) {
      const index = state.quotes.indexOf(requireRow(state.quotes, id, 'quote'));
      const updated: Quote = {
        ...state.quotes[index]!,
        status: quoteState.status,
        preBindContingencies: copy(quoteState.preBindContingencies),
      };
      state.quotes[index] = updated;
      return Promise.resolve(copy(updated));
    },
    appendQuoteEvent(event) {
      requireRow(state.quotes, event.quoteId, 'quote');
      const sequence = state.quoteEvents.filter((existing) => existing.quoteId === event.quoteId).length + 1;
      const stored: QuoteEvent = { ...copy(event), sequence };
      state.quoteEvents.push(stored);
      return Promise.resolve(copy(stored));
    },
    listQuoteEvents(quoteId) {
      return Promise.resolve(
        copy(
          state.quoteEvents
            .filter((event) => event.quoteId === quoteId)
            .sort((a, b) => a.sequence - b.sequence),
        ),
      );
    },
    insertPolicy(policy) {
      requireRow(state.quotes, policy.quoteId, 'quote');
      if (state.policies.some((existing) => existing.quoteId === policy.quoteId)) {
        throw new Error(`quote ${policy.quoteId} already has a policy (unique violation)`);
      }
      state.policyCounter += 1;
      const year = policy.inceptionDate.slice(0, 4);
      const policyNumber = `CRP-CYB-${year}-${String(state.policyCounter).padStart(6, '0')}`;
      const stored: Policy = { ...copy(policy), id: randomUUID(), policyNumber };
      state.policies.push(stored);
      return Promise.resolve(copy(stored));
    },
    findPolicy(id) {
      const found = state.policies.find((policy) => policy.id === id);
      return Promise.resolve(found === undefined ? undefined : copy(found));
    },
    findPolicyByQuote(quoteId) {
      const found = state.policies.find((policy) => policy.quoteId === quoteId);
      return Promise.resolve(found === undefined ? undefined : copy(found));
    },
    listPolicies(filter) {
      const matching = state.policies.filter(
        (policy) => filter.organisationId === undefined || policy.organisationId === filter.organisationId,
      );
      return Promise.resolve({
        items: copy(matching.slice(filter.offset, filter.offset + filter.limit)),
        total: matching.length,
      });
    },
    insertPolicyTransaction(transaction) {
      requireRow(state.policies, transaction.policyId, 'policy');
      const sequence =
        state.policyTransactions.filter((existing) => existing.policyId === transaction.policyId).length + 1;
      const stored: PolicyTransaction = { ...copy(transaction), sequence };
      state.policyTransactions.push(stored);
      return Promise.resolve(copy(stored));
    },
    listPolicyTransactions(policyId) {
      return Promise.resolve(
        copy(state.policyTransactions.filter((transaction) => transaction.policyId === policyId)),
      );
    },
  };
}

function organisationRepository(state: State, now: () => Date): OrganisationRepository {
  return {
    insert(organisation: NewOrganisation) {
      if (
        organisation.creditCode !== null &&
        state.organisations.some((o) => o.creditCode === organisation.creditCode)
      ) {
        return Promise.resolve({ kind: 'duplicate', field: 'creditCode' } as const);
      }
      if (state.organisations.some((existing) => existing.nameZh === organisation.nameZh)) {
        return Promise.resolve({ kind: 'duplicate', field: 'nameZh' } as const);
      }
      const stored: Organisation = { ...copy(organisation), id: randomUUID(), createdAt: now() };
      state.organisations.push(stored);
      return Promise.resolve({ kind: 'inserted', organisation: copy(stored) } as const);
    },
    findById(id) {
      const found = state.organisations.find((organisation) => organisation.id === id);
      return Promise.resolve(found === undefined ? undefined : copy(found));
    },
    list(filter) {
      const matching = state.organisations.filter((o) => filter.kind === undefined || o.kind === filter.kind);
      return Promise.resolve({
        items: copy(matching.slice(filter.offset, filter.offset + filter.limit)),
        total: matching.length,
      });
    },
  };
}

function platformSettingsRepository(state: State): PlatformSettingsRepository {
  return {
    get(key) {
      return Promise.resolve(copy(state.settings[key]));
    },
    setIfAbsent(key, value) {
      if (key in state.settings) return Promise.resolve(false);
      state.settings[key] = copy(value);
      return Promise.resolve(true);
    },
  };
}

export interface InMemoryStore {
  readonly unitOfWork: UnitOfWork;
  /** How many units of work committed and rolled back, for tests that check transaction boundaries. */
  readonly counts: { committed: number; rolledBack: number };
  /** A copy of the committed data. */
  snapshot(): State;
}

/**
 * Accounts and sessions are not part of what the lifecycle tests exercise; identity use cases are tested
 * against the real database (packages/store). Any call here is a test that reached for the wrong store.
 */
const identityOutOfScope = new Proxy({} as IdentityRepository, {
  get(_target, property) {
    return () =>
      Promise.reject(new Error(`the in-memory store has no identity repository (${String(property)})`));
  },
});

/** Personal data is tested against the real database, like identity. */
const privacyOutOfScope = new Proxy({} as PrivacyRepository, {
  get(_target, property) {
    return () =>
      Promise.reject(new Error(`the in-memory store has no privacy repository (${String(property)})`));
  },
});

/** Monitoring and feeds are tested against the real database, like identity. */
function outOfScope(name: string): MonitoringRepository & FeedRepository {
  return new Proxy({} as MonitoringRepository & FeedRepository, {
    get(_target, property) {
      return () =>
        Promise.reject(new Error(`the in-memory store has no ${name} repository (${String(property)})`));
    },
  });
}

/** Audit entries kept with the rest of the state: they commit or roll back with the unit of work. */
function auditTrail(state: State): AuditTrail {
  return {
    record: (entry) => {
      state.auditEntries.push(entry);
      return Promise.resolve();
    },
    list: () => Promise.reject(new Error('the in-memory store does not search audit records')),
  };
}

export function createInMemoryStore(now: () => Date): InMemoryStore {
  let committed = emptyState();
  const counts = { committed: 0, rolledBack: 0 };
  // One unit of work at a time: the strongest form of the row locks `forUpdate` takes.
  let queue: Promise<unknown> = Promise.resolve();
  const unitOfWork: UnitOfWork = {
    run<T>(work: (repositories: Repositories) => Promise<T>): Promise<T> {
      const result = queue.then(async () => {
        const draft = copy(committed);
        const repositories: Repositories = {
          organisations: organisationRepository(draft, now),
          platformSettings: platformSettingsRepository(draft),
          underwriting: underwritingRepository(draft, now),
          identity: identityOutOfScope,
          privacy: privacyOutOfScope,
          monitoring: outOfScope('monitoring'),
          feeds: outOfScope('feeds'),
          audit: auditTrail(draft),
        };
        try {
          const value = await work(repositories);
          committed = draft;
          counts.committed += 1;
          return value;
        } catch (error) {
          counts.rolledBack += 1;
          throw error;
        }
      });
      queue = result.catch(() => undefined);
      return result;
    },
  };
  return { unitOfWork, counts, snapshot: () => copy(committed) };
}

/** Registers an organisation straight into the store (what registerOrganisation would do). */
export async function seedOrganisation(
  store: InMemoryStore,
  organisation: NewOrganisation,
): Promise<Organisation> {
  return store.unitOfWork.run(async (repositories) => {
    const result = await repositories.organisations.insert(organisation);
    if (result.kind !== 'inserted')
      throw new Error(`could not seed ${organisation.nameZh}: duplicate ${result.field}`);
    return result.organisation;
  });
}
