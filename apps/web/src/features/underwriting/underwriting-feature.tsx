import type { FeatureModule } from '../../app/page-routes';

/** The underwriting screens: their pages, their navigation links and their panels on the home page. */
export const underwritingFeature: FeatureModule = {
  routes: [],
  nav: [],
  homeWidgets: [],
};
