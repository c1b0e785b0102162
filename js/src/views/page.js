/**
 * `Page`: the app shell of `ds.template.Page`, and of Panel's templates built on it
 * (`FastListTemplate`, `BootstrapTemplate`, `MaterialTemplate`, `VanillaTemplate`: the same
 * view, styled by the class `docsync-<type>` every view gets). A header bar (logo, site
 * name, title, `header` items, a sidebar switch, a theme switch), an optional sidebar, the
 * main area and a modal <dialog>. An area is a list of refs (`Page`) or one ref to a
 * Column (the templates). The theme is applied to the whole document
 * (`data-docsync-theme` on <html>), so banners and toasts follow it too.
 * Client-writable: `theme` (the theme switch), `modal_open` (closing the dialog) and, for
 * templates, `collapsed_sidebar` (the sidebar switch).
 */

import { BaseView, h, renderChildren } from "./base.js";

const DARK_QUERY = "(prefers-color-scheme: dark)";

/** The theme to show for a `theme` prop: "auto" follows the browser's preference;
 * Panel's "default" is the light theme. */
export function resolveTheme(theme, prefersDark) {
  if (theme === "dark") return "dark";
  if (theme === "light" || theme === "default") return "light";
  return prefersDark ? "dark" : "light";
}

/** The refs of an area prop: a list of refs, or one ref (a template's Column). */
export function areaRefs(value) {
  if (Array.isArray(value)) return value;
  return value && typeof value === "object" && "ref" in value ? [value] : [];
}

/** CSS custom properties of the page for its color props (empty string = theme's own). */
export function colorVars(props) {
  const color = (v) => (typeof v === "string" ? v : "");
  return {
    "--docsync-accent": color(props.accent_base_color) || color(props.accent),
    "--docsync-header-bg": color(props.header_background),
    "--docsync-header-fg": color(props.header_color),
  };
}

export class PageView extends BaseView {
  createElement() {
    this.logoLink = h("a", { className: "docsync-page-logo", hidden: true, "aria-label": "Home" });
    this.logo = h("img", { alt: "" });
    this.logoLink.append(this.logo);
    this.siteLink = h("a", { className: "docsync-page-site", hidden: true });
    this.titleEl = h("h1", { className: "docsync-page-title" });
    this.headerItems = h("div", { className: "docsync-page-header-items" });
    this.sidebarSwitch = h("button", { type: "button", className: "docsync-page-sidebar-switch", "aria-label": "Sidebar", hidden: true, textContent: "☰" });
    this.sidebarSwitch.addEventListener("click", () => {
      const collapsed = !this.sidebar.classList.contains("docsync-collapsed");
      this.showCollapsed(collapsed);
      this.ctx.edit(this.id, "collapsed_sidebar", collapsed);
    });
    this.themeSwitch = h("button", { type: "button", className: "docsync-page-theme", "aria-label": "Dark theme" });
    this.themeSwitch.addEventListener("click", () => {
      const next = this.shownTheme === "dark" ? "light" : "dark";
      this.theme = next;
      this.applyTheme(next);
      this.ctx.edit(this.id, "theme", next);
    });
    this.sidebar = h("aside", { className: "docsync-page-sidebar", "aria-label": "Sidebar" });
    this.main = h("main", { className: "docsync-page-main" });
    this.modalBody = h("div", { className: "docsync-page-modal-body" });
    const closeModal = h("button", { type: "button", className: "docsync-page-modal-close", "aria-label": "Close", textContent: "×" });
    this.modal = h("dialog", { className: "docsync-page-modal" }, closeModal, this.modalBody);
    closeModal.addEventListener("click", () => this.modal.close());
    // Escape, the close button or code: the session hears of a close it did not ask for.
    this.modal.addEventListener("close", () => {
      if (this.modalOpen) {
        this.modalOpen = false;
        this.ctx.edit(this.id, "modal_open", false);
      }
    });
    this.media = globalThis.matchMedia?.(DARK_QUERY) ?? null;
    this.onMedia = () => this.applyTheme(resolveTheme(this.theme, this.media?.matches));
    this.media?.addEventListener?.("change", this.onMedia);
    return h(
      "div",
      { className: "docsync-page" },
      h("header", { className: "docsync-page-header" }, this.sidebarSwitch, this.logoLink, this.siteLink, this.titleEl, this.headerItems, this.themeSwitch),
      h("div", { className: "docsync-page-body" }, this.sidebar, this.main),
      this.modal,
    );
  }

  render(props, has) {
    if (has("title")) {
      this.titleEl.textContent = props.title ?? "";
      if (props.title) document.title = props.title;
    }
    if (has("logo") || has("site_url")) {
      this.logoLink.hidden = !props.logo;
      if (props.logo) this.logo.src = String(props.logo);
      this.logoLink.href = String(props.site_url || "/");
    }
    if (has("site") || has("site_url")) {
      this.siteLink.hidden = !props.site;
      this.siteLink.textContent = props.site ?? "";
      this.siteLink.href = String(props.site_url || "/");
    }
    if (has("favicon")) this.setFavicon(props.favicon);
    if (has("header")) renderChildren(this.ctx, this.headerItems, areaRefs(props.header));
    if (has("sidebar")) {
      const refs = areaRefs(props.sidebar);
      renderChildren(this.ctx, this.sidebar, refs);
      this.sidebar.hidden = refs.length === 0;
    }
    if (has("main")) renderChildren(this.ctx, this.main, areaRefs(props.main));
    if (has("modal")) renderChildren(this.ctx, this.modalBody, areaRefs(props.modal));
    if (has("modal_open")) this.showModal(props.modal_open === true);
    if (has("collapsed_sidebar")) {
      this.sidebarSwitch.hidden = typeof props.collapsed_sidebar !== "boolean";
      this.showCollapsed(props.collapsed_sidebar === true);
    }
    if (has("theme_toggle")) this.themeSwitch.hidden = props.theme_toggle === false;
    if (has("sidebar_width") && typeof props.sidebar_width === "number") {
      this.el.style.setProperty("--docsync-sidebar-width", `${props.sidebar_width}px`);
    }
    if (has("main_max_width")) this.main.style.setProperty("--docsync-main-max-width", props.main_max_width || "none");
    if (["accent", "accent_base_color", "header_background", "header_color"].some((name) => has(name))) {
      // The accent on <html>, so that toasts and dialogs outside the page take it too.
      for (const [name, value] of Object.entries(colorVars(props))) {
        const target = name === "--docsync-accent" ? document.documentElement : this.el;
        if (value) target.style.setProperty(name, value);
        else target.style.removeProperty(name);
      }
    }
    if (has("theme")) {
      this.theme = props.theme;
      this.applyTheme(resolveTheme(props.theme, this.media?.matches));
    }
  }

  showCollapsed(collapsed) {
    this.sidebar.classList.toggle("docsync-collapsed", collapsed);
    this.sidebarSwitch.setAttribute("aria-expanded", String(!collapsed));
  }

  showModal(open) {
    this.modalOpen = open;
    if (!this.modal.isConnected) {
      // A dialog opens only in the document: the first render runs before the page is in it.
      queueMicrotask(() => {
        if (this.modalOpen === open && this.modal.isConnected) this.showModal(open);
      });
      return;
    }
    if (open && !this.modal.open) this.modal.showModal?.();
    else if (!open && this.modal.open) this.modal.close();
  }

  setFavicon(url) {
    this.favicon?.remove();
    this.favicon = null;
    if (!url) return;
    this.favicon = h("link", { rel: "icon", href: String(url) });
    document.head.append(this.favicon);
  }

  applyTheme(shown) {
    this.shownTheme = shown;
    document.documentElement.dataset.docsyncTheme = shown;
    this.themeSwitch.setAttribute("aria-pressed", String(shown === "dark"));
    this.themeSwitch.textContent = shown === "dark" ? "☀" : "☾";
  }

  destroy() {
    this.media?.removeEventListener?.("change", this.onMedia);
    this.favicon?.remove();
    delete document.documentElement.dataset.docsyncTheme;
    super.destroy();
  }
}
