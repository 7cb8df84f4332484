import type { AccessRules } from '../identity/access-rules.js';

/** Every action on data subjects, legal holds, subject requests and destructions. */
export const PRIVACY_ACTIONS = [
  'data_subject.create',
  'data_subject.read',
  'data_subject.unmask',
  'data_subject.search',
  'data_subject.list',
  'legal_hold.place',
  'legal_hold.release',
  'legal_hold.list',
  'subject_request.create',
  'subject_request.list',
  'subject_request.fulfil_access',
  'subject_request.correct',
  'subject_request.refuse',
  'destruction.order',
  'destruction.witness',
] as const;

export type PrivacyAction = (typeof PRIVACY_ACTIONS)[number];

/** Insurer staff who deal with a customer's contact person in their daily work. */
const CONTACT_HANDLERS = ['underwriter', 'claims_handler', 'compliance_officer'] as const;

/**
 * Least privilege for personal data (REQ-ACL-2): staff who deal with the customer read masked values; an
 * unmask or a copy for the person additionally needs an approval someone else gave. Holds, subject requests
 * and destruction orders are the compliance officer's; a destruction is witnessed by an auditor or another
 * compliance officer (监销). The insured company's own people see their contact person, masked. The actuary,
 * security admin, broker and partner never touch personal data.
 */
export const PRIVACY_ACCESS_RULES: AccessRules<PrivacyAction> = {
  'data_subject.create': [...CONTACT_HANDLERS],
  'data_subject.read': [...CONTACT_HANDLERS, 'policyholder'],
  'data_subject.unmask': [...CONTACT_HANDLERS],
  'data_subject.search': [...CONTACT_HANDLERS],
  'data_subject.list': [...CONTACT_HANDLERS],
  'legal_hold.place': ['compliance_officer'],
  'legal_hold.release': ['compliance_officer'],
  'legal_hold.list': ['compliance_officer', 'auditor'],
  'subject_request.create': [...CONTACT_HANDLERS],
  'subject_request.list': ['compliance_officer', 'auditor'],
  'subject_request.fulfil_access': ['compliance_officer'],
  'subject_request.correct': ['compliance_officer'],
  'subject_request.refuse': ['compliance_officer'],
  'destruction.order': ['compliance_officer'],
  'destruction.witness': ['compliance_officer', 'auditor'],
};

/** The roles that may witness a destruction; the named witness must hold one of them. */
export const WITNESS_ROLES = PRIVACY_ACCESS_RULES['destruction.witness'];
