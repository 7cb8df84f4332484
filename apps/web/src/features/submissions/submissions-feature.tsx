import type { FeatureModule } from '../../app/page-routes';

/** The submission screens: their pages, their navigation links and their panels on the home page. */
export const submissionsFeature: FeatureModule = {
  routes: [],
  nav: [],
  homeWidgets: [],
};
