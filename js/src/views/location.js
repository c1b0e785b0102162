/**
 * `Location`: the page's URL as a model; it shows nothing. Client-writable: `pathname`,
 * `search`, `hash` (strings, as `window.location` spells them); `href`, `hostname`,
 * `protocol`, `port` are the server's read-only copies, and `reload` a server setting.
 *
 * A server change of `pathname` or `search` replaces the URL in place (`history.replaceState`),
 * one of `hash` sets `location.hash`; neither reloads the page, unless `reload` is true: then
 * a change of `pathname` or `search` loads the new URL, and `reload` turning true reloads the
 * page (Panel's `Location.reload`). The first render never navigates. When the user
 * navigates (back/forward, a `#` link) the view sends the props that now differ from the
 * document.
 */

import { BaseView, h } from "./base.js";

const NAMES = ["pathname", "search", "hash"];

/** `value` as `window.location` would spell prop `name` ("a=1" -> "?a=1", "#" -> ""). */
export function normalizeUrlPart(name, value) {
  if (typeof value !== "string") return null;
  if (name === "pathname") return value.startsWith("/") ? value : null; // "" = not known
  const mark = name === "search" ? "?" : "#";
  const bare = value.startsWith(mark) ? value.slice(1) : value;
  return bare === "" ? "" : mark + bare;
}

/**
 * What a render does to the page: "reload", "load" (go to `next`), "replace" (rewrite the
 * URL in place) or "none". `first`: the view's first render; `reloadChanged`: this render
 * changed `reload`; `pathOrSearch`: it changed pathname or search.
 */
export function urlAction({ first, reload, reloadChanged, pathOrSearch, next, current }) {
  if (first) return next === current ? "none" : "replace";
  if (reload && reloadChanged) return "reload";
  if (next === current) return "none";
  return reload && pathOrSearch ? "load" : "replace";
}

export class LocationView extends BaseView {
  createElement() {
    this.props = {};
    this._onNavigate = () => this._reportNavigation();
    window.addEventListener("popstate", this._onNavigate);
    window.addEventListener("hashchange", this._onNavigate);
    return h("span", { "aria-hidden": "true" });
  }

  destroy() {
    window.removeEventListener("popstate", this._onNavigate);
    window.removeEventListener("hashchange", this._onNavigate);
    super.destroy();
  }

  render(props, has) {
    this.props = props;
    // Only the props the server changed: a navigation whose edit is still queued must not
    // be undone by an unrelated change.
    const url = new URL(location.href);
    const pathname = has("pathname") ? normalizeUrlPart("pathname", props.pathname) : null;
    const search = has("search") ? normalizeUrlPart("search", props.search) : null;
    const hash = has("hash") ? normalizeUrlPart("hash", props.hash) : null;
    if (pathname !== null) url.pathname = pathname;
    if (search !== null) url.search = search;
    // Clearing the hash through location.hash would leave a bare "#" in the URL.
    if (hash === "") url.hash = "";
    const action = urlAction({
      first: !this._rendered, reload: props.reload === true, reloadChanged: has("reload"),
      pathOrSearch: pathname !== null || search !== null, next: url.href, current: location.href,
    });
    this._rendered = true;
    if (action === "reload") {
      if (url.href !== location.href) history.replaceState(history.state, "", url.href);
      location.reload();
      return;
    }
    if (action === "load") {
      location.assign(url.href);
      return;
    }
    if (action === "replace") history.replaceState(history.state, "", url.href);
    // Setting the hash fires `hashchange`; it then matches the document and sends nothing.
    if (hash && hash !== location.hash) location.hash = hash;
  }

  _reportNavigation() {
    for (const name of NAMES) {
      const value = location[name];
      if (normalizeUrlPart(name, this.props[name]) !== value) this.ctx.edit(this.id, name, value);
    }
  }
}
