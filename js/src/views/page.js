/**
 * `Page`: the app shell of `ds.template.Page`: a header bar (title, `header` items, a theme
 * switch), an optional sidebar and the main area. The theme is applied to the whole
 * document (`data-docsync-theme` on <html>), so banners and toasts follow it too.
 * Client-writable: `theme`, set by the switch.
 */

import { BaseView, h, renderChildren } from "./base.js";

const DARK_QUERY = "(prefers-color-scheme: dark)";

/** The theme to show for a `theme` prop: "auto" follows the browser's preference. */
export function resolveTheme(theme, prefersDark) {
  if (theme === "light" || theme === "dark") return theme;
  return prefersDark ? "dark" : "light";
}

export class PageView extends BaseView {
  createElement() {
    this.titleEl = h("h1", { className: "docsync-page-title" });
    this.headerItems = h("div", { className: "docsync-page-header-items" });
    this.themeSwitch = h("button", { type: "button", className: "docsync-page-theme", "aria-label": "Dark theme" });
    this.themeSwitch.addEventListener("click", () => {
      const next = this.shownTheme === "dark" ? "light" : "dark";
      this.theme = next;
      this.applyTheme(next);
      this.ctx.edit(this.id, "theme", next);
    });
    this.sidebar = h("aside", { className: "docsync-page-sidebar", "aria-label": "Sidebar" });
    this.main = h("main", { className: "docsync-page-main" });
    this.media = globalThis.matchMedia?.(DARK_QUERY) ?? null;
    this.onMedia = () => this.applyTheme(resolveTheme(this.theme, this.media?.matches));
    this.media?.addEventListener?.("change", this.onMedia);
    return h(
      "div",
      {},
      h("header", { className: "docsync-page-header" }, this.titleEl, this.headerItems, this.themeSwitch),
      h("div", { className: "docsync-page-body" }, this.sidebar, this.main),
    );
  }

  render(props, has) {
    if (has("title")) {
      this.titleEl.textContent = props.title ?? "";
      if (props.title) document.title = props.title;
    }
    if (has("header")) renderChildren(this.ctx, this.headerItems, props.header);
    if (has("sidebar")) {
      renderChildren(this.ctx, this.sidebar, props.sidebar);
      this.sidebar.hidden = !(Array.isArray(props.sidebar) && props.sidebar.length);
    }
    if (has("main")) renderChildren(this.ctx, this.main, props.main);
    if (has("sidebar_width") && typeof props.sidebar_width === "number") {
      this.el.style.setProperty("--docsync-sidebar-width", `${props.sidebar_width}px`);
    }
    if (has("accent")) {
      const root = document.documentElement;
      if (props.accent) root.style.setProperty("--docsync-accent", String(props.accent));
      else root.style.removeProperty("--docsync-accent");
    }
    if (has("theme")) {
      this.theme = props.theme;
      this.applyTheme(resolveTheme(props.theme, this.media?.matches));
    }
  }

  applyTheme(shown) {
    this.shownTheme = shown;
    document.documentElement.dataset.docsyncTheme = shown;
    this.themeSwitch.setAttribute("aria-pressed", String(shown === "dark"));
    this.themeSwitch.textContent = shown === "dark" ? "☀" : "☾";
  }

  destroy() {
    this.media?.removeEventListener?.("change", this.onMedia);
    delete document.documentElement.dataset.docsyncTheme;
    super.destroy();
  }
}
