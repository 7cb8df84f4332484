import type { FeatureModule } from '../../app/page-routes';

/** The compliance screens: their pages, their navigation links and their panels on the home page. */
export const complianceFeature: FeatureModule = {
  routes: [],
  nav: [],
  homeWidgets: [],
};
