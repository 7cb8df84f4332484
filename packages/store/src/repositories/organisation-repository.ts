import { sql, type Kysely, type RawBuilder, type Selectable, type SqlBool } from 'kysely';
import type {
  InsertOrganisationResult,
  NewOrganisation,
  Organisation,
  OrganisationFilter,
  OrganisationRepository,
} from '@carapace/domain';
import { TenantIsolationError, type DataScope } from '../data-scope.js';
import type { Database, OrganisationsTable } from '../schema.js';
import { isUuid } from './uuid.js';

function toOrganisation(row: Selectable<OrganisationsTable>): Organisation {
  return {
    id: row.id,
    kind: row.kind,
    nameZh: row.nameZh,
    nameEn: row.nameEn,
    creditCode: row.creditCode,
    createdAt: row.createdAt,
  };
}

/**
 * The organisations a tenant may see, the same rule as the table's Row-Level Security: itself, every insurer
 * (anyone may choose one), those it registered, and the companies of the submissions it takes part in.
 */
function organisationVisible(scope: DataScope): RawBuilder<SqlBool> {
  if (scope.kind === 'platform') return sql<SqlBool>`true`;
  const tenant = sql`${scope.tenantId}::uuid`;
  return sql<SqlBool>`(organisations.id = ${tenant} or organisations.kind = 'insurer'
    or organisations.registered_by = ${tenant}
    or exists (select 1 from submissions s where s.organisation_id = organisations.id
      and ${tenant} in (s.insurer_id, s.organisation_id, s.broker_id)))`;
}

export class KyselyOrganisationRepository implements OrganisationRepository {
  constructor(
    private readonly db: Kysely<Database>,
    private readonly scope: DataScope,
  ) {}

  async insert(organisation: NewOrganisation): Promise<InsertOrganisationResult> {
    const registeredBy = organisation.registeredBy ?? null;
    if (this.scope.kind === 'tenant' && registeredBy !== this.scope.tenantId) {
      throw new TenantIsolationError('an organisation is registered by the tenant that registers it');
    }
    // ON CONFLICT DO NOTHING rather than catching the unique violation: an error would abort the caller's
    // whole transaction, a skipped row does not.
    const row = await this.db
      .insertInto('organisations')
      .values({
        kind: organisation.kind,
        nameZh: organisation.nameZh,
        nameEn: organisation.nameEn,
        creditCode: organisation.creditCode,
        registeredBy,
      })
      .onConflict((conflict) => conflict.doNothing())
      .returningAll()
      .executeTakeFirst();
    if (row !== undefined) {
      return { kind: 'inserted', organisation: toOrganisation(row) };
    }
    const sameCreditCode =
      organisation.creditCode !== null &&
      (await this.db
        .selectFrom('organisations')
        .select('id')
        .where('creditCode', '=', organisation.creditCode)
        .executeTakeFirst()) !== undefined;
    return { kind: 'duplicate', field: sameCreditCode ? 'creditCode' : 'nameZh' };
  }

  async findById(id: string): Promise<Organisation | undefined> {
    if (!isUuid(id)) return undefined;
    const row = await this.db
      .selectFrom('organisations')
      .selectAll()
      .where('id', '=', id)
      .where(organisationVisible(this.scope))
      .executeTakeFirst();
    return row === undefined ? undefined : toOrganisation(row);
  }

  async list(filter: OrganisationFilter): Promise<{ items: Organisation[]; total: number }> {
    let query = this.db.selectFrom('organisations').where(organisationVisible(this.scope));
    if (filter.kind !== undefined) {
      query = query.where('kind', '=', filter.kind);
    }
    // The total rides along with the page (one statement, one snapshot), so the two always agree.
    const rows = await query
      .selectAll()
      .select((eb) => eb.fn.countAll<string>().over().as('total'))
      .orderBy('registrationSeq')
      .limit(filter.limit)
      .offset(filter.offset)
      .execute();
    const [first] = rows;
    if (first !== undefined) {
      return { items: rows.map(toOrganisation), total: Number(first.total) };
    }
    // A page past the end has no row to carry the total.
    const count = await query.select((eb) => eb.fn.countAll<string>().as('total')).executeTakeFirstOrThrow();
    return { items: [], total: Number(count.total) };
  }
}
