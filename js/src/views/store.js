/**
 * `Store`: small JSON `data` kept in the browser (Dash's `dcc.Store`); it shows nothing.
 *
 * With `storage` "session" or "local" the data is also kept in `sessionStorage` or
 * `localStorage` under "docsync:" + `key`, so it outlives a page reload (a new session).
 * On its first render the view reads that entry and, when it differs from the server's
 * `data`, sends it as an edit of `data`: the stored browser value wins on load (as in Dash).
 * Every later value of `data` is written back (null removes the entry). An entry larger
 * than `max_bytes` or not JSON is dropped and reported, never sent; the server checks the
 * size again and refuses a larger value (PROTOCOL.md §5).
 */

import { deepEqual } from "../patch.js";
import { BaseView, h } from "./base.js";

export const STORAGE_PREFIX = "docsync:";

/** Bytes of `text` in UTF-8 (what the size limit counts). */
export function byteLength(text) {
  return new TextEncoder().encode(text).length;
}

/**
 * What a stored entry holds: `{value}`, `{error}` (too large or not JSON), or null when
 * there is no entry.
 */
export function readEntry(text, maxBytes) {
  if (text === null || text === undefined) return null;
  if (Number.isFinite(maxBytes) && byteLength(text) > maxBytes) {
    return { error: `the stored data is ${byteLength(text)} bytes, over the limit of ${maxBytes}` };
  }
  try {
    return { value: JSON.parse(text) };
  } catch {
    return { error: "the stored data is not JSON" };
  }
}

function storageArea(kind) {
  try {
    if (kind === "session") return window.sessionStorage;
    if (kind === "local") return window.localStorage;
  } catch {
    // Storage refused (a sandboxed frame, blocked cookies): keep the data in memory only.
  }
  return null;
}

export class StoreView extends BaseView {
  createElement() {
    this.loaded = false;
    return h("span", { className: "docsync-store-data", "aria-hidden": "true" });
  }

  render(props, has) {
    const area = storageArea(props.storage);
    const key = typeof props.key === "string" && props.key ? STORAGE_PREFIX + props.key : null;
    if (!this.loaded) {
      this.loaded = true;
      if (area && key && this._load(area, key, props)) return;
    }
    if (area && key && (has("data") || has("storage") || has("key"))) this._save(area, key, props);
  }

  /** Send the stored value if it differs from the server's; true when it was sent. */
  _load(area, key, props) {
    let entry;
    try {
      entry = readEntry(area.getItem(key), props.max_bytes);
    } catch (err) {
      console.error(`docsync: cannot read the Store ${key}`, err);
      return false;
    }
    if (entry === null) return false;
    if (entry.error) {
      console.error(`docsync: Store ${key}: ${entry.error}; it is dropped`);
      area.removeItem(key);
      this.flagError();
      return false;
    }
    if (deepEqual(entry.value, props.data ?? null)) return false;
    this.ctx.edit(this.id, "data", entry.value);
    return true;
  }

  _save(area, key, props) {
    try {
      if (props.data === null || props.data === undefined) area.removeItem(key);
      else area.setItem(key, JSON.stringify(props.data));
    } catch (err) {
      // The browser's quota (a few MiB per origin) is shared by every Store of the site.
      console.error(`docsync: cannot keep the Store ${key} in ${props.storage}Storage`, err);
      this.flagError();
    }
  }
}
