import type { FeatureModule } from '../../app/page-routes';

/** The monitoring screens: their pages, their navigation links and their panels on the home page. */
export const monitoringFeature: FeatureModule = {
  routes: [],
  nav: [],
  homeWidgets: [],
};
