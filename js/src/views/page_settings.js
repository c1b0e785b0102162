/**
 * `PageSettings`: the session's `ds.config` settings that the page acts on
 * (docsync/page_settings.py). It shows nothing. It puts the session's CSS texts, stylesheets,
 * scripts and ES modules in <head> (each element marked `data-docsync-settings`, replaced
 * as a whole when the props change), sets the page's theme, and records in the page
 * context (`ctx.page`, shared by every view of the page and read by app.js and the
 * sliders) whether sliders are throttled and which notifications to show.
 *
 * The texts and URLs are the app author's, used as written: a CSS text becomes a <style>
 * element's `textContent` and a URL an `href`/`src` property, never parsed as HTML, so
 * nothing in them can leave its element.
 */

import { BaseView, h } from "./base.js";

/**
 * The <head> elements for `props`, in order: `{tag, props}` where `props` are DOM
 * properties to set (pure; unit-tested). Stylesheet links come before the CSS texts, so
 * that a text (raw_css) overrides a file, as in Panel; scripts keep their order
 * (`async = false`), modules follow.
 */
export function headElements(props) {
  const list = (value) => (Array.isArray(value) ? value.filter((v) => typeof v === "string") : []);
  return [
    ...list(props.css_files).map((href) => ({ tag: "link", props: { rel: "stylesheet", href } })),
    ...list(props.css).map((textContent) => ({ tag: "style", props: { textContent } })),
    ...list(props.js_files).map((src) => ({ tag: "script", props: { src, async: false } })),
    ...list(props.js_modules).map((src) => ({ tag: "script", props: { src, type: "module" } })),
  ];
}

/** What app.js and the views read from `ctx.page` for `props` (pure; unit-tested). */
export function pageFlags(props) {
  const text = (v) => (typeof v === "string" && v !== "" ? v : null);
  const notifications = props.notifications === true;
  return {
    throttled: props.throttled === true,
    readyNotification: notifications ? text(props.ready_notification) : null,
    disconnectNotification: notifications ? text(props.disconnect_notification) : null,
  };
}

export class PageSettingsView extends BaseView {
  createElement() {
    this.added = [];
    return h("span", { hidden: true });
  }

  render(props, has) {
    if (["css", "css_files", "js_files", "js_modules"].some((name) => has(name))) this.renderHead(props);
    if (has("theme")) document.documentElement.dataset.docsyncTheme = props.theme === "dark" ? "dark" : "light";
    const page = this.ctx.page;
    if (page) {
      Object.assign(page, pageFlags(props));
      // Once per page load, not again after a resume's snapshot.
      if (page.readyNotification && !page.readyShown) {
        page.readyShown = true;
        page.toast?.(page.readyNotification, { kind: "success", ms: 3000 });
      }
    }
  }

  renderHead(props) {
    for (const el of this.added) el.remove();
    this.added = headElements(props).map(({ tag, props: p }) => {
      const el = h(tag, { "data-docsync-settings": "" });
      Object.assign(el, p);
      document.head.append(el);
      return el;
    });
  }

  destroy() {
    for (const el of this.added) el.remove();
    this.added = [];
    if (this.ctx.page) Object.assign(this.ctx.page, pageFlags({}));
    super.destroy();
  }
}
