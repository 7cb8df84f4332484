export * from './privacy-records.js';
export type {
  PersonalDataProtection,
  PersonalFieldLocation,
  SubjectKeyDestructionReport,
} from './personal-data-protection.js';
export type { PrivacyRepository, ProtectedSubjectFields } from './privacy-repository.js';
export { BULK_QUERY_THRESHOLD, type PrivacyServices } from './privacy-services.js';
export {
  PRIVACY_ACCESS_RULES,
  PRIVACY_ACTIONS,
  WITNESS_ROLES,
  type PrivacyAction,
} from './privacy-access-rules.js';
export {
  DATA_CLASSES,
  DATA_CLASSIFICATION,
  RETENTION_RULES,
  classificationOf,
  type ColumnClassification,
  type DataClass,
  type RetentionRule,
} from './data-classification.js';
export { fieldLocation } from './protected-fields.js';
export { normalisePersonalDetails } from './personal-details.js';
export { registerDataSubject, type NewDataSubject } from './register-data-subject.js';
export { getDataSubject } from './get-data-subject.js';
export { unmaskDataSubject } from './unmask-data-subject.js';
export { searchDataSubjects, type SubjectSearch } from './search-data-subjects.js';
export { listDataSubjects, type DataSubjectListRequest } from './list-data-subjects.js';
export { placeLegalHold } from './place-legal-hold.js';
export { releaseLegalHold } from './release-legal-hold.js';
export { listLegalHolds } from './list-legal-holds.js';
export { receiveSubjectRequest } from './receive-subject-request.js';
export { listSubjectRequests, isOverdue, type TrackedSubjectRequest } from './list-subject-requests.js';
export { refuseSubjectRequest } from './refuse-subject-request.js';
export { fulfilAccessRequest, SUBJECT_EXPORT_FORMAT, type SubjectExport } from './fulfil-access-request.js';
export { correctDataSubject, type PersonalDetailsCorrection } from './correct-data-subject.js';
export { orderDestruction } from './order-destruction.js';
export { confirmDestruction, DestructionNotVerifiedError } from './confirm-destruction.js';
