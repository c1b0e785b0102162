/**
 * Entry of the separate table bundle (`docsync/static/tabulator.js`): Tabulator (only the
 * modules the view uses), its stylesheet with docsync's light and dark colours, and the
 * view's DOM side (table/controller.js). The main bundle loads it with a <script> only
 * when a page shows a `Tabulator` (views/tabulator.js); it publishes
 * `globalThis.docsyncTabulator = {mount}`.
 */

import { EditModule, FilterModule, FormatModule, FrozenColumnsModule, InteractionModule, KeybindingsModule, PageModule, ResizeColumnsModule, SortModule, Tabulator } from "tabulator-tables";
import baseCss from "tabulator-tables/dist/css/tabulator.min.css";
import themeCss from "./table/theme.css";
import { TableController } from "./table/controller.js";

Tabulator.registerModule([EditModule, FilterModule, FormatModule, FrozenColumnsModule, InteractionModule, KeybindingsModule, PageModule, ResizeColumnsModule, SortModule]);

/** Add the table stylesheet to `doc` once (a page, or the notebook page of many outputs). */
function addStyles(doc) {
  if (doc.querySelector("style[data-docsync-tabulator]")) return;
  const style = doc.createElement("style");
  style.dataset.docsyncTabulator = "";
  style.textContent = `${baseCss}\n${themeCss}`;
  doc.head.append(style);
}

globalThis.docsyncTabulator = Object.freeze({
  /** Draw a table in `el` for model `id` with `props`; returns its controller. */
  mount({ el, ctx, id, props }) {
    addStyles(el.ownerDocument);
    return new TableController({ el, ctx, id, props, Tabulator });
  },
});
