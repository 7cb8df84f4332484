/**
 * An organisation that takes part in the cyber-insurance lifecycle. Each one will become a tenant:
 * an insurer sees its own book, a broker its placements, an insured company its own policy and alerts,
 * a security partner the companies it monitors.
 */
export const ORGANISATION_KINDS = ['insurer', 'broker', 'insured', 'security_partner'] as const;

export type OrganisationKind = (typeof ORGANISATION_KINDS)[number];

export interface Organisation {
  readonly id: string;
  readonly kind: OrganisationKind;
  /** Registered Chinese name; the name people read first. */
  readonly nameZh: string;
  readonly nameEn: string | null;
  /** Unified social credit code (统一社会信用代码), when the organisation is registered in China. */
  readonly creditCode: string | null;
  readonly createdAt: Date;
}

export interface NewOrganisation {
  readonly kind: OrganisationKind;
  readonly nameZh: string;
  readonly nameEn: string | null;
  readonly creditCode: string | null;
  /** The tenant that registered it (an insurer its insureds, a broker its clients); null for the operator. */
  readonly registeredBy?: string | null;
}

export const ORGANISATION_NAME_MAX_LENGTH = 200;
