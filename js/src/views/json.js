/**
 * `JSON`: `data` (plain JSON the server made of `object`) as a tree of native
 * `<details>` nodes, keyboard-operable as they are. The first `depth` levels are open
 * (-1: all); a closed node builds its children only when first opened, so a large
 * object costs what is shown.
 */

import { BaseView, h } from "./base.js";

const isContainer = (v) => v !== null && typeof v === "object";

/** The text of a leaf value: strings quoted as in JSON, the rest as JSON spells them. */
export function leafText(value) {
  if (typeof value === "string") return JSON.stringify(value);
  if (value === undefined) return "undefined";
  return String(value);
}

/** What a closed node shows after its key: "[3 items]" or "{2 keys}". */
export function containerSummary(value) {
  if (Array.isArray(value)) return `[${value.length} ${value.length === 1 ? "item" : "items"}]`;
  const n = Object.keys(value).length;
  return `{${n} ${n === 1 ? "key" : "keys"}}`;
}

/** The CSS kind of a leaf: string, number, boolean or null. */
export function leafKind(value) {
  if (value === null || value === undefined) return "null";
  return typeof value === "string" || typeof value === "number" || typeof value === "boolean" ? typeof value : "string";
}

function keyLabel(key) {
  return key === null ? [] : [h("span", { className: "docsync-json-key", textContent: `${key}: ` })];
}

function renderNode(key, value, level, openLevels) {
  if (!isContainer(value)) {
    return h("div", { className: "docsync-json-leaf" }, ...keyLabel(key), h("span", { className: `docsync-json-${leafKind(value)}`, textContent: leafText(value) }));
  }
  const summary = h("summary", {}, ...keyLabel(key), h("span", { className: "docsync-json-summary", textContent: containerSummary(value) }));
  const node = h("details", { className: "docsync-json-node" }, summary);
  const fill = () => {
    const entries = Array.isArray(value) ? value.map((v, i) => [i, v]) : Object.entries(value);
    node.append(h("div", { className: "docsync-json-children" }, ...entries.map(([k, v]) => renderNode(k, v, level + 1, openLevels))));
  };
  if (openLevels < 0 || level < openLevels) {
    node.open = true;
    fill();
  } else {
    node.addEventListener("toggle", fill, { once: true });
  }
  return node;
}

export class JSONView extends BaseView {
  createElement() {
    return h("div", { className: "docsync-json-tree" });
  }

  render(props, has) {
    if (!has("data") && !has("depth")) return;
    const depth = Number.isInteger(props.depth) ? props.depth : 1;
    this.el.replaceChildren(renderNode(null, props.data ?? null, 0, depth));
  }
}
