export {
  advisoryBaseScore,
  cvssBaseScore,
  cvssVersionOf,
  CvssVectorError,
  type CvssVectorVersion,
} from './cvss-score.js';
export {
  DEFAULT_CVSS_BASE_SCORE,
  FINDING_PRIORITY_BAND_FLOORS,
  FINDING_PRIORITY_BANDS,
  epssLift,
  findingPriority,
  priorityBand,
  type FindingPriority,
  type FindingPriorityBand,
  type FindingPriorityInput,
} from './finding-priority.js';
