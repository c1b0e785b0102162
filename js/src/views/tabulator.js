/**
 * `Tabulator`: an interactive table (docsync/table/). This view, in the main bundle, only
 * holds the place: the table library and the view's DOM side are the separate bundle
 * `tabulator.js` (src/tabulator.js, table/controller.js), loaded the first time a page
 * shows a table (from the view context's `assetUrl` in a notebook output). Props that
 * arrive while it loads are drawn once it has.
 */

import { BaseView, h } from "./base.js";
import { bundleSource, loadBundle } from "./bundle.js";

export class TabulatorView extends BaseView {
  createElement() {
    this.box = h("div", { className: "docsync-tabulator-box" });
    this.controller = null;
    this.loading = false;
    this.gone = false;
    return h("div", { className: "docsync-tabulator" }, this.box);
  }

  render(props, has) {
    this.props = props;
    if (this.controller) this.controller.update(props, has);
    else if (!this.loading) this._load();
  }

  /** A refused edit: the table shows the server's values again (PROTOCOL.md §5). */
  flagError(ms) {
    super.flagError(ms);
    this.controller?.restore();
  }

  destroy() {
    this.gone = true;
    this.controller?.destroy();
    super.destroy();
  }

  async _load() {
    this.loading = true;
    this.el.setAttribute("aria-busy", "true");
    try {
      const lib = await loadBundle({ key: "docsyncTabulator", global: "docsyncTabulator" }, bundleSource(this.ctx, "tabulator.js"));
      if (this.gone) return;
      this.controller = lib.mount({ el: this.box, ctx: this.ctx, id: this.id, props: this.props });
    } catch (err) {
      if (this.gone) return;
      console.error("docsync: cannot draw a table", err);
      this.box.replaceChildren(h("div", { className: "docsync-tabulator-error", role: "alert", textContent: `Cannot draw this table: ${err.message}` }));
    } finally {
      this.el.removeAttribute("aria-busy");
    }
  }
}
