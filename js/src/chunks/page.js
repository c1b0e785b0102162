/** View bundle `views-page.js`: Page and Panel's template classes drawn by it. */

import { PageView } from "../views/page.js";

export const VIEWS = {
  Page: PageView,
  FastListTemplate: PageView,
  BootstrapTemplate: PageView,
  MaterialTemplate: PageView,
  VanillaTemplate: PageView,
};
