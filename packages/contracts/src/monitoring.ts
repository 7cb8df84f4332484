import { z } from 'zod';
import { MoneyAmount } from './underwriting.js';

/*
 * Continuous monitoring (事中监测): insureds under watch, their software inventories, the findings matched
 * against the vulnerability feeds (OSV advisories, CISA KEV, FIRST EPSS), triage, alert rules and alerts,
 * security partners' events, mid-term risk snapshots and the feeds' import runs.
 *
 * The enumerations repeat the domain's (contracts import nothing of ours); the API's wire format maps every
 * domain value into these types, so a value the domain adds and the contract lacks fails to compile there.
 */

const id = (description?: string) => (description === undefined ? z.uuid() : z.uuid().meta({ description }));
const instant = z.iso.datetime();
const count = z.number().int().nonnegative();
/** A probability or percentile from 0 to 1 (EPSS). */
const fraction = z.number().min(0).max(1);
/** A priority from 0 to 100. */
const score = z.number().int().min(0).max(100);

export const MonitoringIdParams = z.object({
  id: z.uuid().meta({ param: { name: 'id', in: 'path' }, example: '6b1d5c0e-3f2a-4e7b-9c8d-1a2b3c4d5e6f' }),
});

export const FindingState = z
  .enum(['NEW', 'IN_TRIAGE', 'EXPLOITABLE', 'NOT_AFFECTED', 'FALSE_POSITIVE', 'RISK_ACCEPTED', 'RESOLVED'])
  .meta({
    id: 'FindingState',
    description:
      'Triage state. NOT_AFFECTED, FALSE_POSITIVE and RISK_ACCEPTED survive rescans: a finding is keyed by ' +
      'insured × component × vulnerability, not by inventory version.',
  });

export const SeverityBand = z.enum(['critical', 'high', 'medium', 'low']).meta({ id: 'SeverityBand' });

export const NotAffectedJustification = z
  .enum([
    'code_not_present',
    'code_not_reachable',
    'requires_configuration',
    'requires_dependency',
    'requires_environment',
    'protected_by_compiler',
    'protected_at_runtime',
    'protected_at_perimeter',
    'protected_by_mitigating_control',
  ])
  .meta({
    id: 'NotAffectedJustification',
    description: 'CycloneDX VEX `analysis.justification`, so a decision can be exchanged as it is.',
  });

export const Ecosystem = z.enum(['npm', 'PyPI', 'Maven', 'Go', 'crates.io']).meta({ id: 'Ecosystem' });

export const FeedKind = z
  .enum(['osv', 'nodejs-security-wg', 'victims', 'kev', 'epss'])
  .meta({ id: 'FeedKind' });

// Insureds under watch ------------------------------------------------------------------------------------

export const EnrolInsuredRequest = z
  .object({
    organisationId: id('The insured company to watch'),
    brokerId: id('Its broker, who then sees what the insurer sees about it').optional(),
    partnerId: id('The security firm it named, who may upload scans and post events').optional(),
    policyId: id('The policy in force: mid-term snapshots re-score its submission').optional(),
  })
  .strict()
  .meta({ id: 'EnrolInsuredRequest' });

export const MonitoredInsured = z
  .object({
    id: z.uuid(),
    insurerId: z.uuid(),
    organisationId: z.uuid(),
    brokerId: z.uuid().nullable(),
    partnerId: z.uuid().nullable(),
    policyId: z.uuid().nullable(),
    status: z.enum(['active', 'ended']),
    enrolledAt: instant,
    enrolledBy: z.string(),
    endedAt: instant.nullable(),
  })
  .meta({ id: 'MonitoredInsured' });

export const MonitoredInsuredList = z
  .object({ items: z.array(MonitoredInsured) })
  .meta({ id: 'MonitoredInsuredList' });

export const RiskSnapshot = z
  .object({
    id: z.uuid(),
    monitoredInsuredId: z.uuid(),
    takenAt: instant,
    reason: z.string().meta({ example: 'inventory v2' }),
    score: z.number().nullable().meta({
      description: 'The underwriting score (0–100) with today’s open findings; null without a policy',
    }),
    expectedLoss: MoneyAmount.nullable().meta({
      description: 'Mean simulated gross annual loss with today’s open findings; null without a policy',
    }),
    openFindings: count,
    openCritical: count,
    openKnownExploited: count,
  })
  .meta({ id: 'RiskSnapshot' });

export const RiskSnapshotList = z.object({ items: z.array(RiskSnapshot) }).meta({ id: 'RiskSnapshotList' });

export const Inventory = z
  .object({
    id: z.uuid(),
    monitoredInsuredId: z.uuid(),
    version: z.number().int().positive(),
    kind: z.enum(['cyclonedx', 'asset_list']),
    serialNumber: z.string().nullable(),
    specVersion: z.string().nullable(),
    describedComponent: z
      .string()
      .nullable()
      .meta({ description: 'The software the SBOM describes (`metadata.component`), as name@version' }),
    componentCount: count,
    uploadedAt: instant,
    uploadedBy: z.string(),
    supersededAt: instant.nullable(),
  })
  .meta({ id: 'Inventory' });

export const InventoryList = z.object({ items: z.array(Inventory) }).meta({ id: 'InventoryList' });

const FindingCountsByState = z.object(
  Object.fromEntries(FindingState.options.map((state) => [state, count])) as Record<
    z.infer<typeof FindingState>,
    typeof count
  >,
);
const FindingCountsByBand = z.object(
  Object.fromEntries(SeverityBand.options.map((band) => [band, count])) as Record<
    z.infer<typeof SeverityBand>,
    typeof count
  >,
);

export const MonitoredInsuredDetail = MonitoredInsured.extend({
  latestSnapshot: RiskSnapshot.nullable(),
  latestInventory: Inventory.nullable(),
  findings: z
    .object({
      total: count,
      byState: FindingCountsByState,
      openByBand: FindingCountsByBand.meta({
        description: 'Findings that still expose the insured (NEW, IN_TRIAGE, EXPLOITABLE, RISK_ACCEPTED)',
      }),
      openKnownExploited: count,
    })
    .meta({ id: 'FindingCounts' }),
}).meta({ id: 'MonitoredInsuredDetail' });

// Inventories ---------------------------------------------------------------------------------------------

/** Documents the SBOM upload; the server reads and validates it against the CycloneDX schema itself. */
export const CycloneDxSbomUpload = z
  .looseObject({
    bomFormat: z.literal('CycloneDX'),
    specVersion: z.enum(['1.2', '1.3', '1.4', '1.5', '1.6']),
    serialNumber: z.string().optional(),
    metadata: z.looseObject({}).optional(),
    components: z
      .array(
        z.looseObject({
          'bom-ref': z.string().optional(),
          name: z.string(),
          version: z.string().optional(),
          purl: z.string().optional().meta({ example: 'pkg:npm/express@4.17.1' }),
        }),
      )
      .optional(),
  })
  .meta({
    id: 'CycloneDxSbomUpload',
    description:
      'A CycloneDX JSON SBOM, spec 1.2–1.6 (https://cyclonedx.org/specification/overview/), as the tool ' +
      'wrote it. It is checked against the strict CycloneDX schema; the first problem rejects it (422 ' +
      '`inventory_invalid`, naming the component).',
  });

export const AssetListEntry = z
  .object({
    vendor: z.string().min(1).meta({ example: 'Fortinet' }),
    product: z.string().min(1).meta({ example: 'FortiOS' }),
    version: z.string().nullable().optional(),
  })
  .meta({ id: 'AssetListEntry' });

export const AssetListUpload = z.array(AssetListEntry).meta({
  id: 'AssetListUpload',
  description:
    'Software without package URLs (firewalls, mail servers, VPN gateways), matched against CISA KEV by ' +
    'vendor and product. As JSON, or as CSV (`text/csv`) with the header `vendor,product,version`.',
});

export const RescanOutcome = z
  .object({
    monitoredInsuredId: z.uuid(),
    inventoryVersion: z.number().int().nullable(),
    componentsCompared: count,
    versionsUnreadable: count.meta({
      description: 'Components whose version could not be compared: reported, never silently "not affected"',
    }),
    observed: count,
    newFindings: count,
    reopened: count,
    resolved: count,
    alertsRaised: count,
    snapshot: RiskSnapshot,
  })
  .meta({ id: 'RescanOutcome' });

export const UploadedInventory = z
  .object({ inventory: Inventory, rescan: RescanOutcome })
  .meta({ id: 'UploadedInventory' });

// Findings ------------------------------------------------------------------------------------------------

const oneOrMany = <T extends z.ZodType>(schema: T) => z.union([schema, z.array(schema)]).optional();

export const FindingListQuery = z.object({
  state: oneOrMany(FindingState).meta({
    description: 'Repeat to ask for several (`state=NEW&state=IN_TRIAGE`)',
  }),
  band: oneOrMany(SeverityBand).meta({ description: 'Severity bands; repeat for several' }),
  kev: z.enum(['true', 'false']).optional().meta({ description: 'Only (or never) known-exploited' }),
  minEpss: z.coerce.number().min(0).max(1).optional(),
  minPriority: z.coerce.number().int().min(0).max(100).optional(),
  sort: z.enum(['priority', 'epss', 'first_seen', 'last_seen']).default('priority'),
  limit: z.coerce.number().int().min(1).max(500).default(50),
  offset: z.coerce.number().int().min(0).max(1_000_000).default(0),
});

export const Finding = z
  .object({
    id: z.uuid(),
    monitoredInsuredId: z.uuid(),
    componentKey: z.string().meta({ example: 'pkg:npm/jsonwebtoken' }),
    aliasGroup: z.string().meta({ description: 'The vulnerability: its lowest CVE id, else its lowest id' }),
    state: FindingState,
    source: z.enum(['feed', 'partner']),
    title: z.string(),
    componentName: z.string(),
    componentVersion: z.string().nullable(),
    purl: z.string().nullable(),
    advisoryIds: z.array(z.string()),
    cveIds: z.array(z.string()),
    cvssScore: z.number().min(0).max(10).nullable(),
    cvssVector: z.string().nullable(),
    epss: fraction.nullable(),
    kev: z.boolean().meta({ description: 'On CISA’s Known Exploited Vulnerabilities catalogue' }),
    knownRansomwareUse: z.boolean(),
    priority: score,
    severityBand: SeverityBand,
    firstSeenAt: instant,
    lastSeenAt: instant,
    stateChangedAt: instant,
    justification: z.string().nullable(),
    decidedBy: z.string().nullable(),
    riskAcceptedBy: z.string().nullable(),
    riskAcceptedUntil: instant.nullable(),
    resolvedAt: instant.nullable(),
    resolutionConfirmedAt: instant.nullable(),
  })
  .meta({ id: 'Finding' });

export const FindingPage = z
  .object({ items: z.array(Finding), total: count, limit: z.number().int(), offset: z.number().int() })
  .meta({ id: 'FindingPage' });

export const FindingEvent = z
  .object({
    at: instant,
    kind: z.enum([
      'detected',
      'triaged',
      'reopened',
      'resolved',
      'resolution_confirmed',
      'acceptance_expired',
      'rescored',
      're_keyed',
    ]),
    fromState: FindingState.nullable(),
    toState: FindingState,
    actor: z.string(),
    justification: z.string().nullable(),
    details: z.record(z.string(), z.union([z.string(), z.number(), z.boolean(), z.null()])),
  })
  .meta({ id: 'FindingEvent' });

export const FindingDetail = Finding.extend({ events: z.array(FindingEvent) }).meta({
  id: 'FindingDetail',
});

const note = z.string().max(2000);
const requiredNote = note.meta({ description: 'Why: 10 to 2000 characters' });

export const TriageRequest = z
  .discriminatedUnion('state', [
    z.object({ state: z.enum(['IN_TRIAGE', 'EXPLOITABLE']), note: note.optional() }).strict(),
    z
      .object({
        state: z.literal('NOT_AFFECTED'),
        justification: NotAffectedJustification,
        note: requiredNote,
      })
      .strict(),
    z.object({ state: z.literal('FALSE_POSITIVE'), note: requiredNote }).strict(),
    z
      .object({
        state: z.literal('RISK_ACCEPTED'),
        note: requiredNote,
        until: instant.meta({ description: 'At most 365 days ahead; the finding reopens after it' }),
      })
      .strict(),
    z
      .object({
        state: z.literal('RESOLVED'),
        note: note.optional().meta({ description: 'The next inventory without the component confirms it' }),
      })
      .strict(),
  ])
  .meta({ id: 'TriageRequest' });

// Alert rules and alerts ----------------------------------------------------------------------------------

export const AlertCondition = z
  .discriminatedUnion('preset', [
    z.object({ preset: z.literal('kev_only') }).strict(),
    z.object({ preset: z.literal('epss_at_least'), threshold: fraction }).strict(),
    z.object({ preset: z.literal('priority_at_least'), threshold: score }).strict(),
    z
      .object({
        preset: z.literal('custom'),
        minPriority: score.optional(),
        minEpss: fraction.optional(),
        kevOnly: z.boolean().optional(),
        ransomwareOnly: z.boolean().optional(),
        severityBands: z.array(SeverityBand).max(4).optional(),
        ecosystems: z.array(Ecosystem).max(5).optional(),
      })
      .strict(),
  ])
  .meta({
    id: 'AlertCondition',
    description: 'When a rule raises an alert: a preset, or criteria combined with AND. Data, never code.',
  });

const AlertAudience = z.enum(['policyholder', 'broker', 'insurer']);
const AlertMode = z.enum(['immediate', 'digest']);
const AlertChannel = z.enum(['webhook', 'email', 'inbox']);

export const DefineAlertRuleRequest = z
  .object({
    name: z.string().min(1).max(200).meta({ example: '高危漏洞 · 运维值班' }),
    audience: AlertAudience,
    condition: AlertCondition,
    mode: AlertMode.default('immediate').meta({ description: 'digest: once a day at 08:00 China time' }),
    channel: AlertChannel,
    target: z
      .string()
      .max(2000)
      .optional()
      .meta({ description: 'A webhook’s https URL or an email address; none for the inbox' }),
    acknowledgeWithinHours: z.number().int().min(1).max(720).default(72),
  })
  .strict()
  .meta({ id: 'DefineAlertRuleRequest' });

export const AlertRule = z
  .object({
    id: z.uuid(),
    monitoredInsuredId: z.uuid(),
    name: z.string(),
    audience: AlertAudience,
    condition: AlertCondition,
    mode: AlertMode,
    channel: AlertChannel,
    targetHint: z.string().nullable().meta({
      description: 'Enough of the target to recognise it (`a***@example.com`); it is stored encrypted',
    }),
    acknowledgeWithinHours: z.number().int(),
    enabled: z.boolean(),
    createdBy: z.string(),
    createdAt: instant,
  })
  .meta({ id: 'AlertRule' });

export const AlertRuleList = z.object({ items: z.array(AlertRule) }).meta({ id: 'AlertRuleList' });

export const DefinedAlertRule = z
  .object({
    rule: AlertRule,
    webhookSecret: z.string().nullable().meta({
      description:
        'A webhook rule’s signing secret (Standard Webhooks), shown this once; null for email and inbox',
    }),
  })
  .meta({ id: 'DefinedAlertRule' });

export const AlertStatus = z
  .enum(['created', 'delivered', 'acknowledged', 'closed'])
  .meta({ id: 'AlertStatus' });

export const Alert = z
  .object({
    id: z.uuid(),
    monitoredInsuredId: z.uuid(),
    ruleId: z.uuid().nullable(),
    findingId: z.uuid().nullable(),
    kind: z.enum(['finding', 'indicator', 'incident', 'escalation']),
    title: z.string(),
    priority: score,
    status: AlertStatus,
    dedupeId: z.string(),
    createdAt: instant,
    acknowledgeBy: instant,
    deliveredAt: instant.nullable(),
    acknowledgedAt: instant.nullable(),
    acknowledgedBy: z.string().nullable(),
    closedAt: instant.nullable(),
    closedBy: z.string().nullable(),
    escalatedAt: instant.nullable(),
    escalationOf: z.uuid().nullable(),
  })
  .meta({ id: 'Alert' });

export const AlertListQuery = z.object({
  monitoredInsuredId: z.uuid().optional(),
  status: oneOrMany(AlertStatus).meta({
    description: 'Repeat for several (`status=created&status=delivered`)',
  }),
  limit: z.coerce.number().int().min(1).max(500).default(50),
  offset: z.coerce.number().int().min(0).max(1_000_000).default(0),
});

export const AlertPage = z
  .object({ items: z.array(Alert), total: count, limit: z.number().int(), offset: z.number().int() })
  .meta({ id: 'AlertPage' });

// Partner events ------------------------------------------------------------------------------------------

const externalId = z
  .string()
  .min(1)
  .max(200)
  .meta({ description: 'The partner’s own id: a repeated post is recognised, not counted twice' });
const summary = z.string().max(2000);

export const PartnerEventRequest = z
  .discriminatedUnion('kind', [
    z
      .object({
        kind: z.literal('scan_result'),
        externalId,
        asset: z
          .object({
            name: z.string().min(1).max(500),
            version: z.string().max(200).optional(),
            purl: z.string().max(2000).optional(),
          })
          .strict(),
        vulnerabilityId: z.string().min(1).max(200).meta({ example: 'CVE-2024-3094' }),
        cvssScore: z.number().min(0).max(10).optional(),
        summary,
      })
      .strict(),
    z
      .object({
        kind: z.enum(['indicator_hit', 'incident']),
        externalId,
        summary,
        priority: score.meta({ description: 'The partner’s own assessment' }),
        observedAt: instant,
      })
      .strict(),
  ])
  .meta({ id: 'PartnerEventRequest' });

export const PartnerEvent = z
  .object({
    id: z.uuid(),
    monitoredInsuredId: z.uuid(),
    partnerId: z.uuid(),
    kind: z.enum(['scan_result', 'indicator_hit', 'incident']),
    externalId: z.string(),
    receivedAt: instant,
    findingId: z.uuid().nullable(),
    alertId: z.uuid().nullable(),
  })
  .meta({ id: 'PartnerEvent' });

export const PartnerEventOutcome = z
  .object({
    event: PartnerEvent,
    created: z.boolean().meta({ description: 'False when the partner had posted this event before' }),
  })
  .meta({ id: 'PartnerEventOutcome' });

// Feeds ---------------------------------------------------------------------------------------------------

export const FeedRun = z
  .object({
    id: z.uuid(),
    feed: FeedKind,
    location: z.string().meta({
      description: 'Where the feed was read from: a URL without credentials or query, or a file name',
    }),
    status: z.enum(['running', 'succeeded', 'failed']),
    startedAt: instant,
    finishedAt: instant.nullable(),
    sourceVersion: z.string().nullable().meta({ description: 'KEV catalogVersion, EPSS model and date' }),
    error: z.string().nullable(),
    recordsRead: count,
    added: count,
    changed: count,
    unchanged: count,
    withdrawn: count,
    rejected: count,
    skipped: count,
  })
  .meta({ id: 'FeedRun' });

export const FeedRunsQuery = z.object({
  limit: z.coerce.number().int().min(1).max(200).default(20),
});

export const FeedStatus = z
  .object({
    feeds: z.array(
      z.object({
        feed: FeedKind,
        lastRun: FeedRun.nullable(),
        lastSuccess: FeedRun.nullable(),
      }),
    ),
    runs: z.array(FeedRun).meta({ description: 'The latest runs, newest first' }),
  })
  .meta({ id: 'FeedStatus' });
