import { sql, type Kysely } from 'kysely';

// Migrations take Kysely<unknown>: they describe the schema at their own point in history, not today's types.

const CIPHERTEXT = /* sql */ `~ '^v1\\.A256GCM\\.'`;
const FINDING_STATES = `('NEW', 'IN_TRIAGE', 'EXPLOITABLE', 'NOT_AFFECTED', 'FALSE_POSITIVE', 'RISK_ACCEPTED', 'RESOLVED')`;

/** What a rescan or a triage decision may change on a finding. */
const FINDING_MUTABLE_COLUMNS: readonly string[] = [
  'state',
  'alias_group',
  'component_name',
  'component_version',
  'purl',
  'advisory_ids',
  'cve_ids',
  'cvss_score',
  'cvss_vector',
  'epss',
  'kev',
  'known_ransomware_use',
  'priority',
  'severity_band',
  'last_seen_at',
  'state_changed_at',
  'justification',
  'decided_by',
  'risk_accepted_by',
  'risk_accepted_until',
  'resolved_at',
  'resolution_confirmed_at',
  'title',
];

/** Tables a tenant-scoped transaction may touch, with the Row-Level Security rule that keeps tenants apart. */
const MONITORING_TABLES: readonly {
  readonly table: string;
  readonly visible: string;
  readonly insertable?: string;
  readonly updatable: readonly string[];
}[] = [
  {
    table: 'monitored_insureds',
    // The insurer that monitors, the insured company itself, its broker and the security firm it named.
    visible: `carapace_current_tenant() in (insurer_id, organisation_id, broker_id, partner_id)`,
    insertable: `insurer_id = carapace_current_tenant()`,
    updatable: ['status', 'ended_at', 'partner_id'],
  },
  // Children are visible exactly when their insured is: the parent's own rule applies inside the subquery.
  ...[
    ['inventories', ['superseded_at']],
    ['findings', FINDING_MUTABLE_COLUMNS],
    ['alert_rules', ['enabled']],
    [
      'alerts',
      [
        'status',
        'delivered_at',
        'acknowledged_at',
        'acknowledged_by',
        'closed_at',
        'closed_by',
        'escalated_at',
      ],
    ],
    ['partner_events', ['finding_id', 'alert_id']],
    ['risk_score_snapshots', []],
  ].map(([table, updatable]) => ({
    table: table as string,
    visible: `exists (select 1 from monitored_insureds m where m.id = ${table as string}.monitored_insured_id)`,
    updatable: updatable as readonly string[],
  })),
  {
    table: 'inventory_components',
    visible: `exists (select 1 from inventories i where i.id = inventory_components.inventory_id)`,
    updatable: [],
  },
  {
    table: 'finding_events',
    visible: `exists (select 1 from findings f where f.id = finding_events.finding_id)`,
    updatable: [],
  },
  {
    table: 'alert_outbox',
    visible: `exists (select 1 from alerts a where a.id = alert_outbox.alert_id)`,
    updatable: [],
  },
];

export async function up(db: Kysely<unknown>): Promise<void> {
  // --- Feeds: public vulnerability data, shared by every tenant ------------------------------------------
  await db.schema
    .createTable('feed_runs')
    .addColumn('id', 'uuid', (column) => column.primaryKey())
    .addColumn('feed', 'text', (column) =>
      column.notNull().check(sql`feed in ('osv', 'nodejs-security-wg', 'victims', 'kev', 'epss')`),
    )
    .addColumn('location', 'text', (column) => column.notNull())
    .addColumn('status', 'text', (column) =>
      column.notNull().check(sql`status in ('running', 'succeeded', 'failed')`),
    )
    .addColumn('started_at', 'timestamptz', (column) => column.notNull())
    .addColumn('finished_at', 'timestamptz')
    .addColumn('started_by', 'text', (column) => column.notNull())
    .addColumn('records_read', 'integer', (column) => column.notNull().defaultTo(0))
    .addColumn('added', 'integer', (column) => column.notNull().defaultTo(0))
    .addColumn('changed', 'integer', (column) => column.notNull().defaultTo(0))
    .addColumn('unchanged', 'integer', (column) => column.notNull().defaultTo(0))
    .addColumn('withdrawn', 'integer', (column) => column.notNull().defaultTo(0))
    .addColumn('rejected', 'integer', (column) => column.notNull().defaultTo(0))
    .addColumn('skipped', 'integer', (column) => column.notNull().defaultTo(0))
    .addColumn('source_version', 'text')
    .addColumn('error', 'text')
    .addCheckConstraint(
      'feed_runs_finished',
      sql`(status = 'running') = (finished_at is null) and (status = 'failed') = (error is not null)`,
    )
    .execute();
  await sql`create index feed_runs_feed_started_idx on feed_runs (feed, started_at desc)`.execute(db);

  await db.schema
    .createTable('advisories')
    .addColumn('id', 'text', (column) => column.primaryKey())
    .addColumn('source', 'text', (column) =>
      column.notNull().check(sql`source in ('osv', 'nodejs-security-wg', 'victims')`),
    )
    .addColumn('aliases', sql`text[]`, (column) => column.notNull())
    .addColumn('alias_group', 'text', (column) => column.notNull())
    .addColumn('summary', 'text', (column) => column.notNull())
    .addColumn('details', 'text', (column) => column.notNull())
    .addColumn('published_at', 'timestamptz')
    .addColumn('modified_at', 'timestamptz')
    .addColumn('withdrawn_at', 'timestamptz')
    .addColumn('affected', 'jsonb', (column) => column.notNull())
    .addColumn('severity', 'jsonb', (column) => column.notNull())
    .addColumn('reference_urls', 'jsonb', (column) => column.notNull())
    // A digest of the record as imported: a re-import that changes nothing is counted as unchanged.
    .addColumn('content_hash', 'text', (column) => column.notNull())
    .addColumn('first_run_id', 'uuid', (column) => column.notNull().references('feed_runs.id'))
    .addColumn('last_changed_run_id', 'uuid', (column) => column.notNull().references('feed_runs.id'))
    .execute();
  await sql`create index advisories_alias_group_idx on advisories (alias_group)`.execute(db);

  await db.schema
    .createTable('kev_entries')
    .addColumn('cve_id', 'text', (column) => column.primaryKey())
    .addColumn('vendor_project', 'text', (column) => column.notNull())
    .addColumn('product', 'text', (column) => column.notNull())
    .addColumn('vulnerability_name', 'text', (column) => column.notNull())
    .addColumn('date_added', 'date', (column) => column.notNull())
    .addColumn('due_date', 'date')
    .addColumn('short_description', 'text', (column) => column.notNull())
    .addColumn('known_ransomware_use', 'boolean', (column) => column.notNull())
    .addColumn('cwes', sql`text[]`, (column) => column.notNull())
    .addColumn('content_hash', 'text', (column) => column.notNull())
    .addColumn('last_changed_run_id', 'uuid', (column) => column.notNull().references('feed_runs.id'))
    .addColumn('withdrawn_at', 'timestamptz')
    .execute();

  await db.schema
    .createTable('epss_scores')
    .addColumn('cve_id', 'text', (column) => column.primaryKey())
    .addColumn('probability', 'float8', (column) => column.notNull().check(sql`probability between 0 and 1`))
    .addColumn('percentile', 'float8', (column) => column.notNull().check(sql`percentile between 0 and 1`))
    .addColumn('last_changed_run_id', 'uuid', (column) => column.notNull().references('feed_runs.id'))
    .execute();

  // --- Monitored insureds and their software inventories ---------------------------------------------------
  await db.schema
    .createTable('monitored_insureds')
    .addColumn('id', 'uuid', (column) => column.primaryKey())
    .addColumn('insurer_id', 'uuid', (column) => column.notNull().references('organisations.id'))
    .addColumn('organisation_id', 'uuid', (column) => column.notNull().references('organisations.id'))
    .addColumn('broker_id', 'uuid', (column) => column.references('organisations.id'))
    .addColumn('partner_id', 'uuid', (column) => column.references('organisations.id'))
    .addColumn('policy_id', 'uuid', (column) => column.references('policies.id'))
    .addColumn('status', 'text', (column) => column.notNull().check(sql`status in ('active', 'ended')`))
    .addColumn('enrolled_at', 'timestamptz', (column) => column.notNull())
    .addColumn('enrolled_by', 'text', (column) => column.notNull())
    .addColumn('ended_at', 'timestamptz')
    .addUniqueConstraint('monitored_insureds_insurer_organisation_key', ['insurer_id', 'organisation_id'])
    .addCheckConstraint('monitored_insureds_ended', sql`(status = 'ended') = (ended_at is not null)`)
    .execute();

  await db.schema
    .createTable('inventories')
    .addColumn('id', 'uuid', (column) => column.primaryKey())
    .addColumn('monitored_insured_id', 'uuid', (column) =>
      column.notNull().references('monitored_insureds.id'),
    )
    .addColumn('version', 'integer', (column) => column.notNull().check(sql`version >= 1`))
    .addColumn('kind', 'text', (column) => column.notNull().check(sql`kind in ('cyclonedx', 'asset_list')`))
    .addColumn('serial_number', 'text')
    .addColumn('spec_version', 'text')
    .addColumn('described_component', 'text')
    .addColumn('component_count', 'integer', (column) => column.notNull())
    .addColumn('uploaded_at', 'timestamptz', (column) => column.notNull())
    .addColumn('uploaded_by', 'text', (column) => column.notNull())
    .addColumn('superseded_at', 'timestamptz')
    .addUniqueConstraint('inventories_insured_version_key', ['monitored_insured_id', 'version'])
    .execute();

  await db.schema
    .createTable('inventory_components')
    .addColumn('inventory_id', 'uuid', (column) => column.notNull().references('inventories.id'))
    .addColumn('position', 'integer', (column) => column.notNull())
    .addColumn('component_key', 'text', (column) => column.notNull())
    .addColumn('name', 'text', (column) => column.notNull())
    .addColumn('version', 'text')
    .addColumn('purl', 'text')
    .addColumn('ecosystem', 'text')
    .addColumn('package_name', 'text')
    .addColumn('vendor', 'text')
    .addColumn('product', 'text')
    .addColumn('bom_ref', 'text')
    .addPrimaryKeyConstraint('inventory_components_pkey', ['inventory_id', 'position'])
    .execute();

  // --- Findings: (insured, component, vulnerability) so a triage decision survives rescans ------------------
  await db.schema
    .createTable('findings')
    .addColumn('id', 'uuid', (column) => column.primaryKey())
    .addColumn('monitored_insured_id', 'uuid', (column) =>
      column.notNull().references('monitored_insureds.id'),
    )
    .addColumn('component_key', 'text', (column) => column.notNull())
    .addColumn('alias_group', 'text', (column) => column.notNull())
    .addColumn('state', 'text', (column) => column.notNull().check(sql.raw(`state in ${FINDING_STATES}`)))
    .addColumn('source', 'text', (column) => column.notNull().check(sql`source in ('feed', 'partner')`))
    .addColumn('title', 'text', (column) => column.notNull())
    .addColumn('component_name', 'text', (column) => column.notNull())
    .addColumn('component_version', 'text')
    .addColumn('purl', 'text')
    .addColumn('advisory_ids', sql`text[]`, (column) => column.notNull())
    .addColumn('cve_ids', sql`text[]`, (column) => column.notNull())
    .addColumn('cvss_score', 'float8', (column) => column.check(sql`cvss_score between 0 and 10`))
    .addColumn('cvss_vector', 'text')
    .addColumn('epss', 'float8', (column) => column.check(sql`epss between 0 and 1`))
    .addColumn('kev', 'boolean', (column) => column.notNull())
    .addColumn('known_ransomware_use', 'boolean', (column) => column.notNull())
    .addColumn('priority', 'integer', (column) => column.notNull().check(sql`priority between 0 and 100`))
    .addColumn('severity_band', 'text', (column) =>
      column.notNull().check(sql`severity_band in ('critical', 'high', 'medium', 'low')`),
    )
    .addColumn('first_seen_at', 'timestamptz', (column) => column.notNull())
    .addColumn('last_seen_at', 'timestamptz', (column) => column.notNull())
    .addColumn('state_changed_at', 'timestamptz', (column) => column.notNull())
    .addColumn('justification', 'text')
    .addColumn('decided_by', 'text')
    .addColumn('risk_accepted_by', 'text')
    .addColumn('risk_accepted_until', 'timestamptz')
    .addColumn('resolved_at', 'timestamptz')
    .addColumn('resolution_confirmed_at', 'timestamptz')
    .addUniqueConstraint('findings_identity_key', ['monitored_insured_id', 'component_key', 'alias_group'])
    .addCheckConstraint(
      'findings_decision_complete',
      sql`(state not in ('NOT_AFFECTED', 'FALSE_POSITIVE', 'RISK_ACCEPTED') or justification is not null)
        and ((state = 'RISK_ACCEPTED') = (risk_accepted_until is not null and risk_accepted_by is not null))
        and ((state = 'RESOLVED') = (resolved_at is not null))`,
    )
    .execute();
  await sql`create index findings_insured_state_idx on findings (monitored_insured_id, state)`.execute(db);
  await sql`create index findings_alias_group_idx on findings (alias_group)`.execute(db);

  await db.schema
    .createTable('finding_events')
    .addColumn('id', 'uuid', (column) => column.primaryKey())
    .addColumn('finding_id', 'uuid', (column) => column.notNull().references('findings.id'))
    .addColumn('at', 'timestamptz', (column) => column.notNull())
    .addColumn('kind', 'text', (column) =>
      column
        .notNull()
        .check(
          sql`kind in ('detected', 'triaged', 'reopened', 'resolved', 'resolution_confirmed', 'acceptance_expired', 'rescored', 're_keyed')`,
        ),
    )
    .addColumn('from_state', 'text')
    .addColumn('to_state', 'text', (column) => column.notNull())
    .addColumn('actor', 'text', (column) => column.notNull())
    .addColumn('justification', 'text')
    .addColumn('details', 'jsonb', (column) => column.notNull())
    .addColumn('event_seq', 'bigint', (column) => column.notNull().generatedAlwaysAsIdentity().unique())
    .execute();
  await sql`create index finding_events_finding_idx on finding_events (finding_id, event_seq)`.execute(db);

  // --- Alerts: rules, the alert itself, and the outbox the delivery worker drains --------------------------
  await db.schema
    .createTable('alert_rules')
    .addColumn('id', 'uuid', (column) => column.primaryKey())
    .addColumn('monitored_insured_id', 'uuid', (column) =>
      column.notNull().references('monitored_insureds.id'),
    )
    .addColumn('name', 'text', (column) => column.notNull().check(sql`length(name) between 1 and 200`))
    .addColumn('audience', 'text', (column) =>
      column.notNull().check(sql`audience in ('policyholder', 'broker', 'insurer')`),
    )
    .addColumn('condition', 'jsonb', (column) => column.notNull())
    .addColumn('mode', 'text', (column) => column.notNull().check(sql`mode in ('immediate', 'digest')`))
    .addColumn('channel', 'text', (column) =>
      column.notNull().check(sql`channel in ('webhook', 'email', 'inbox')`),
    )
    // Where to send, and the webhook's signing secret: encrypted under the rule's own data key.
    .addColumn('target_ciphertext', 'text', (column) =>
      column.check(sql.raw(`target_ciphertext ${CIPHERTEXT}`)),
    )
    .addColumn('target_hint', 'text')
    .addColumn('secret_ciphertext', 'text', (column) =>
      column.check(sql.raw(`secret_ciphertext ${CIPHERTEXT}`)),
    )
    .addColumn('acknowledge_within_hours', 'integer', (column) =>
      column.notNull().check(sql`acknowledge_within_hours between 1 and 720`),
    )
    .addColumn('enabled', 'boolean', (column) => column.notNull())
    .addColumn('created_by', 'text', (column) => column.notNull())
    .addColumn('created_at', 'timestamptz', (column) => column.notNull())
    .addCheckConstraint(
      'alert_rules_channel_target',
      sql`(channel = 'inbox') = (target_ciphertext is null) and (channel = 'webhook') = (secret_ciphertext is not null)`,
    )
    .execute();

  await db.schema
    .createTable('alerts')
    .addColumn('id', 'uuid', (column) => column.primaryKey())
    .addColumn('monitored_insured_id', 'uuid', (column) =>
      column.notNull().references('monitored_insureds.id'),
    )
    .addColumn('rule_id', 'uuid', (column) => column.references('alert_rules.id'))
    .addColumn('finding_id', 'uuid', (column) => column.references('findings.id'))
    .addColumn('kind', 'text', (column) =>
      column.notNull().check(sql`kind in ('finding', 'indicator', 'incident', 'escalation')`),
    )
    .addColumn('title', 'text', (column) => column.notNull())
    .addColumn('priority', 'integer', (column) => column.notNull().check(sql`priority between 0 and 100`))
    .addColumn('status', 'text', (column) =>
      column.notNull().check(sql`status in ('created', 'delivered', 'acknowledged', 'closed')`),
    )
    // The receiver's dedupe key: the same alert re-sent carries the same id.
    .addColumn('dedupe_id', 'text', (column) => column.notNull().unique())
    .addColumn('created_at', 'timestamptz', (column) => column.notNull())
    .addColumn('acknowledge_by', 'timestamptz', (column) => column.notNull())
    .addColumn('delivered_at', 'timestamptz')
    .addColumn('acknowledged_at', 'timestamptz')
    .addColumn('acknowledged_by', 'text')
    .addColumn('closed_at', 'timestamptz')
    .addColumn('closed_by', 'text')
    .addColumn('escalated_at', 'timestamptz')
    .addColumn('escalation_of', 'uuid', (column) => column.references('alerts.id'))
    .execute();
  await sql`create index alerts_insured_status_idx on alerts (monitored_insured_id, status)`.execute(db);

  await db.schema
    .createTable('alert_outbox')
    .addColumn('id', 'uuid', (column) => column.primaryKey())
    .addColumn('alert_id', 'uuid', (column) => column.notNull().references('alerts.id'))
    .addColumn('rule_id', 'uuid', (column) => column.references('alert_rules.id'))
    .addColumn('channel', 'text', (column) => column.notNull().check(sql`channel in ('webhook', 'email')`))
    .addColumn('dedupe_id', 'text', (column) => column.notNull().unique())
    .addColumn('payload', 'jsonb', (column) => column.notNull())
    .addColumn('created_at', 'timestamptz', (column) => column.notNull())
    .addColumn('deliver_after', 'timestamptz', (column) => column.notNull())
    .addColumn('dispatched_at', 'timestamptz')
    .addColumn('attempts', 'integer', (column) => column.notNull().defaultTo(0))
    .addColumn('delivered_at', 'timestamptz')
    .addColumn('failed_at', 'timestamptz')
    .addColumn('last_error', 'text')
    .execute();
  await sql`create index alert_outbox_pending_idx on alert_outbox (deliver_after) where dispatched_at is null`.execute(
    db,
  );

  // --- Security partners' events and the insured's mid-term risk snapshots ---------------------------------
  await db.schema
    .createTable('partner_events')
    .addColumn('id', 'uuid', (column) => column.primaryKey())
    .addColumn('monitored_insured_id', 'uuid', (column) =>
      column.notNull().references('monitored_insureds.id'),
    )
    .addColumn('partner_id', 'uuid', (column) => column.notNull().references('organisations.id'))
    .addColumn('kind', 'text', (column) =>
      column.notNull().check(sql`kind in ('scan_result', 'indicator_hit', 'incident')`),
    )
    .addColumn('external_id', 'text', (column) => column.notNull())
    .addColumn('payload', 'jsonb', (column) => column.notNull())
    .addColumn('received_at', 'timestamptz', (column) => column.notNull())
    .addColumn('finding_id', 'uuid', (column) => column.references('findings.id'))
    .addColumn('alert_id', 'uuid', (column) => column.references('alerts.id'))
    .addUniqueConstraint('partner_events_partner_external_key', ['partner_id', 'external_id'])
    .execute();

  await db.schema
    .createTable('risk_score_snapshots')
    .addColumn('id', 'uuid', (column) => column.primaryKey())
    .addColumn('monitored_insured_id', 'uuid', (column) =>
      column.notNull().references('monitored_insureds.id'),
    )
    .addColumn('taken_at', 'timestamptz', (column) => column.notNull())
    .addColumn('reason', 'text', (column) => column.notNull())
    .addColumn('score', 'integer', (column) => column.check(sql`score between 0 and 100`))
    .addColumn('expected_loss_minor', 'bigint')
    .addColumn('currency', 'text')
    .addColumn('open_findings', 'integer', (column) => column.notNull())
    .addColumn('open_critical', 'integer', (column) => column.notNull())
    .addColumn('open_known_exploited', 'integer', (column) => column.notNull())
    .addColumn('snapshot_seq', 'bigint', (column) => column.notNull().generatedAlwaysAsIdentity().unique())
    .execute();

  // --- Tenancy ----------------------------------------------------------------------------------------------
  for (const table of ['feed_runs', 'advisories', 'kev_entries', 'epss_scores']) {
    // Public data: every tenant reads it; only the platform (no tenant scope) writes it.
    await sql`grant select on ${sql.table(table)} to carapace_tenant`.execute(db);
  }
  for (const { table, visible, insertable, updatable } of MONITORING_TABLES) {
    await sql`grant select, insert on ${sql.table(table)} to carapace_tenant`.execute(db);
    if (updatable.length > 0) {
      await sql`grant update (${sql.join(updatable.map((column) => sql.id(column)))}) on ${sql.table(table)} to carapace_tenant`.execute(
        db,
      );
    }
    await sql`alter table ${sql.table(table)} enable row level security`.execute(db);
    await sql
      .raw(
        `create policy tenant_isolation on ${table} using (${visible}) with check (${insertable ?? visible})`,
      )
      .execute(db);
  }
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const table of [
    'risk_score_snapshots',
    'partner_events',
    'alert_outbox',
    'alerts',
    'alert_rules',
    'finding_events',
    'findings',
    'inventory_components',
    'inventories',
    'monitored_insureds',
    'epss_scores',
    'kev_entries',
    'advisories',
    'feed_runs',
  ]) {
    await db.schema.dropTable(table).execute();
  }
}
