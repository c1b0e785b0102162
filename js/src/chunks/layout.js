/** View bundle `views-layout.js`: the layouts beyond Column and Row. */

import { AccordionView } from "../views/accordion.js";
import { CardView } from "../views/card.js";
import { FlexBoxView } from "../views/flexbox.js";
import { GridBoxView } from "../views/gridbox.js";
import { GridSpecView } from "../views/gridspec.js";
import { TabsView } from "../views/tabs.js";

export const VIEWS = {
  Tabs: TabsView,
  Card: CardView,
  Accordion: AccordionView,
  FlexBox: FlexBoxView,
  GridBox: GridBoxView,
  GridSpec: GridSpecView,
};
