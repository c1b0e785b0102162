/**
 * `JSONEditor`: `value` (any JSON) edited as a tree or as text, per `mode`:
 *   tree     a tree whose leaves are text fields holding JSON (a leaf may become anything)
 *   form     the same tree, but an edit must keep the leaf's kind (a string stays a string)
 *   text     the whole value as JSON text in a textarea
 *   view     a read-only tree;  preview  read-only text
 * With `menu` the editable modes get a Tree/Text switch (client-writable `mode`); with
 * `search` a tree gets a search field that opens and marks the matching entries.
 *
 * Nothing invalid is sent: a field whose text is not JSON (or of another kind in form
 * mode) is marked invalid and the message beside the editor says what is wrong; the
 * value is sent whole when a field is committed (Enter or leaving it; Ctrl+Enter or
 * leaving the textarea).
 */

import { h } from "./base.js";
import { GroupView } from "./group.js";

const TREE_MODES = ["tree", "form", "view"];
const EDIT_MODES = ["tree", "form", "text"];

/** `{ok: true, value}` for JSON text, else `{ok: false, message}` naming the problem. */
export function parseJson(text) {
  try {
    return { ok: true, value: JSON.parse(text) };
  } catch (err) {
    const hint = /'/.test(text) ? " (JSON strings take double quotes)" : "";
    return { ok: false, message: `not valid JSON: ${err.message}${hint}` };
  }
}

/** A copy of `value` with the entry at `path` (keys and indexes) replaced by `leaf`. */
export function setIn(value, path, leaf) {
  if (path.length === 0) return leaf;
  const [head, ...rest] = path;
  const copy = Array.isArray(value) ? [...value] : { ...value };
  copy[head] = setIn(value[head], rest, leaf);
  return copy;
}

/** The JSON kind of a value: object, array, string, number, boolean or null. */
export function jsonKind(value) {
  if (value === null) return "null";
  return Array.isArray(value) ? "array" : typeof value;
}

/** `a.b[2]` for the path ["a", "b", 2]; "value" for the root. */
export function pathText(path) {
  if (path.length === 0) return "value";
  return path.map((k, i) => (typeof k === "number" ? `[${k}]` : i === 0 ? k : `.${k}`)).join("");
}

export class JSONEditorView extends GroupView {
  createGroup() {
    this.current = {};
    this.open = new Set([JSON.stringify([])]);
    this.switch = ["tree", "text"].map((mode) => {
      const b = h("button", { type: "button", className: "docsync-button docsync-json-mode", textContent: mode === "tree" ? "Tree" : "Text" });
      b.addEventListener("click", () => this._setMode(mode));
      return b;
    });
    this.search = h("input", { type: "search", className: "docsync-json-search", placeholder: "Search" });
    this.search.addEventListener("input", () => this._mark());
    this.found = h("span", { className: "docsync-json-found", "aria-live": "polite" });
    this.toolbar = h("div", { className: "docsync-json-toolbar" }, ...this.switch, this.search, this.found);
    this.body = h("div", { className: "docsync-json-body" });
    this.message = h("div", { className: "docsync-json-message", role: "alert" });
    return h("div", { className: "docsync-json-editor" }, this.toolbar, this.body, this.message);
  }

  render(props, has) {
    this.renderLabel(props, has);
    this.props = props;
    const name = props.name || "JSON";
    this.search.setAttribute("aria-label", `Search ${name}`);
    if (has("value")) this.current = props.value ?? null;
    const mode = props.mode ?? "tree";
    this.switch.forEach((b, i) => {
      b.setAttribute("aria-pressed", String((i === 0) === (mode !== "text")));
      b.disabled = Boolean(props.disabled);
    });
    this.switch.forEach((b) => (b.hidden = !(props.menu !== false && EDIT_MODES.includes(mode))));
    this.search.hidden = this.found.hidden = !(props.search !== false && TREE_MODES.includes(mode));
    this.toolbar.hidden = this.switch[0].hidden && this.search.hidden;
    if (has("value") || has("mode") || has("disabled") || has("name")) this._draw(mode, props);
  }

  _setMode(mode) {
    if ((this.props.mode ?? "tree") === mode) return;
    this.ctx.edit(this.id, "mode", mode);
  }

  _say(text) {
    this.message.textContent = text;
  }

  _draw(mode, props) {
    const focused = this.el.ownerDocument.activeElement;
    const focusPath = this.body.contains(focused) ? focused.dataset.path : undefined;
    if (mode === "text" && this.text && focused === this.text && this.dirty) return; // keep the user's text
    this._say("");
    if (mode === "text" || mode === "preview") {
      this.text = h("textarea", { className: "docsync-json-text", spellcheck: false, value: JSON.stringify(this.current, null, 2) });
      this.text.setAttribute("aria-label", `${props.name || "JSON"} as text`);
      this.text.rows = Math.min(20, Math.max(3, this.text.value.split("\n").length));
      this.text.readOnly = mode === "preview" || Boolean(props.disabled);
      this.dirty = false;
      if (mode === "text") this._wireText(this.text);
      this.body.replaceChildren(this.text);
    } else {
      this.text = null;
      this.body.replaceChildren(h("div", { className: "docsync-json-tree", role: "tree" }, this._node(null, this.current, [], mode !== "view" && !props.disabled, mode)));
      this._mark();
    }
    if (focusPath !== undefined) this.body.querySelector(`[data-path="${CSS.escape(focusPath)}"]`)?.focus();
  }

  _wireText(area) {
    const check = () => {
      const parsed = parseJson(area.value);
      area.setAttribute("aria-invalid", String(!parsed.ok));
      this._say(parsed.ok ? "" : `The text is ${parsed.message}; nothing was sent.`);
      return parsed;
    };
    const commit = () => {
      if (!this.dirty) return;
      const parsed = check();
      if (!parsed.ok) return;
      this.dirty = false;
      this.current = parsed.value;
      this.ctx.edit(this.id, "value", parsed.value);
    };
    area.addEventListener("input", () => {
      this.dirty = true;
      check();
    });
    area.addEventListener("blur", commit);
    area.addEventListener("keydown", (event) => {
      if (event.key === "Enter" && (event.ctrlKey || event.metaKey)) {
        event.preventDefault();
        commit();
      }
    });
  }

  _node(key, value, path, editable, mode) {
    const label = key === null ? [] : [h("span", { className: "docsync-json-key", textContent: `${key}: ` })];
    if (value === null || typeof value !== "object") {
      if (!editable) {
        return h("div", { className: "docsync-json-leaf", role: "treeitem" }, ...label, h("span", { className: `docsync-json-${jsonKind(value)}`, textContent: JSON.stringify(value) }));
      }
      const input = h("input", { type: "text", className: "docsync-json-field", value: JSON.stringify(value), spellcheck: false });
      input.dataset.path = JSON.stringify(path);
      input.setAttribute("aria-label", `${this.props.name || "JSON"} ${pathText(path)}`);
      const commit = () => this._commitLeaf(input, path, value, mode);
      input.addEventListener("change", commit);
      input.addEventListener("keydown", (event) => {
        if (event.key === "Enter") commit();
      });
      return h("div", { className: "docsync-json-leaf", role: "treeitem" }, ...label, input);
    }
    const entries = Array.isArray(value) ? value.map((v, i) => [i, v]) : Object.entries(value);
    const summary = h("summary", {}, ...label, h("span", { className: "docsync-json-summary", textContent: Array.isArray(value) ? `[${entries.length}]` : `{${entries.length}}` }));
    const node = h("details", { className: "docsync-json-node", role: "treeitem" }, summary,
      h("div", { className: "docsync-json-children", role: "group" }, ...entries.map(([k, v]) => this._node(k, v, [...path, k], editable, mode))));
    const pathKey = JSON.stringify(path);
    node.dataset.path = pathKey;
    node.open = this.open.has(pathKey) || path.length < 2;
    node.addEventListener("toggle", () => (node.open ? this.open.add(pathKey) : this.open.delete(pathKey)));
    return node;
  }

  _commitLeaf(input, path, old, mode) {
    const parsed = parseJson(input.value);
    let problem = parsed.ok ? null : parsed.message;
    if (!problem && mode === "form" && jsonKind(parsed.value) !== jsonKind(old)) {
      problem = `a ${jsonKind(parsed.value)}, but in form mode it must stay a ${jsonKind(old)}`;
    }
    input.setAttribute("aria-invalid", String(Boolean(problem)));
    if (problem) {
      this._say(`${pathText(path)} is ${problem}; nothing was sent.`);
      return;
    }
    this._say("");
    if (JSON.stringify(parsed.value) === JSON.stringify(old)) return;
    this.current = setIn(this.current, path, parsed.value);
    this.ctx.edit(this.id, "value", this.current);
  }

  /** Mark the entries whose key or value holds the search text, and open their parents. */
  _mark() {
    const query = this.search.value.trim().toLowerCase();
    let count = 0;
    for (const el of this.body.querySelectorAll(".docsync-json-leaf, .docsync-json-node > summary")) {
      const text = [...el.querySelectorAll(".docsync-json-key, span[class^='docsync-json-'], input")].map((e) => e.value ?? e.textContent).join(" ").toLowerCase();
      const hit = Boolean(query) && text.includes(query);
      el.classList.toggle("docsync-json-match", hit);
      if (!hit) continue;
      count += 1;
      for (let p = el.parentElement; p && p !== this.body; p = p.parentElement) if (p.tagName === "DETAILS") p.open = true;
    }
    this.found.textContent = query ? `${count} ${count === 1 ? "match" : "matches"}` : "";
  }
}
