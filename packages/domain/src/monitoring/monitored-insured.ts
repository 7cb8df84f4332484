/**
 * An insured company under an insurer's watch during the policy term. Its broker and the security firm it
 * named see what the insurer sees about it; the company sees its own.
 */
export interface MonitoredInsured {
  readonly id: string;
  readonly insurerId: string;
  readonly organisationId: string;
  readonly brokerId: string | null;
  readonly partnerId: string | null;
  readonly policyId: string | null;
  readonly status: 'active' | 'ended';
  readonly enrolledAt: Date;
  readonly enrolledBy: string;
  readonly endedAt: Date | null;
}

export type InventoryKind = 'cyclonedx' | 'asset_list';

/** One version of an insured's software inventory; a new upload supersedes the previous one and keeps it. */
export interface Inventory {
  readonly id: string;
  readonly monitoredInsuredId: string;
  readonly version: number;
  readonly kind: InventoryKind;
  readonly serialNumber: string | null;
  readonly specVersion: string | null;
  readonly describedComponent: string | null;
  readonly componentCount: number;
  readonly uploadedAt: Date;
  readonly uploadedBy: string;
  readonly supersededAt: Date | null;
}

/** A mid-term risk snapshot: the insured's score and expected loss re-computed with its open findings. */
export interface RiskScoreSnapshot {
  readonly id: string;
  readonly monitoredInsuredId: string;
  readonly takenAt: Date;
  readonly reason: string;
  /** Null when the insured has no assessed submission to re-score from (counts are still kept). */
  readonly score: number | null;
  readonly expectedLossMinor: number | null;
  readonly currency: string | null;
  readonly openFindings: number;
  readonly openCritical: number;
  readonly openKnownExploited: number;
}

export const PARTNER_EVENT_KINDS = ['scan_result', 'indicator_hit', 'incident'] as const;
export type PartnerEventKind = (typeof PARTNER_EVENT_KINDS)[number];

export interface PartnerEvent {
  readonly id: string;
  readonly monitoredInsuredId: string;
  readonly partnerId: string;
  readonly kind: PartnerEventKind;
  /** The partner's own id for the event: a repeated post is recognised, not counted twice. */
  readonly externalId: string;
  readonly payload: Readonly<Record<string, unknown>>;
  readonly receivedAt: Date;
  readonly findingId: string | null;
  readonly alertId: string | null;
}
