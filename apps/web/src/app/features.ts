import { complianceFeature } from '../features/compliance/compliance-feature';
import { monitoringFeature } from '../features/monitoring/monitoring-feature';
import { submissionsFeature } from '../features/submissions/submissions-feature';
import { underwritingFeature } from '../features/underwriting/underwriting-feature';
import type { FeatureModule } from './page-routes';

/** Every capability's screens, in the order their links appear in the header. */
export const FEATURES: readonly FeatureModule[] = [
  submissionsFeature,
  underwritingFeature,
  monitoringFeature,
  complianceFeature,
];
