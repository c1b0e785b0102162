/**
 * `MultiChoice`: the chosen options as tags, each with a "Remove <label>" button, and a
 * text field (a combobox named "<name> search") whose `<datalist>` offers the options not
 * yet chosen; committing an option's label (Enter, or picking it) adds it. The field is
 * disabled once `max_items` are chosen. All of it is in a `group` named by the label.
 * Client-writable: `value`, the chosen options' JSON values in the order chosen.
 */

import { deepEqual } from "../patch.js";
import { controlId, h } from "./base.js";
import { GroupView } from "./group.js";
import { optionPairs } from "./select.js";

/** The option pair whose label is `text` (exactly, else ignoring case), or undefined. */
export function optionByLabel(pairs, text) {
  const wanted = text.trim();
  return pairs.find(([label]) => label === wanted) ?? pairs.find(([label]) => label.toLowerCase() === wanted.toLowerCase());
}

export class MultiChoiceView extends GroupView {
  createGroup() {
    this.pairs = [];
    this.chosen = [];
    this.tags = h("ul", { className: "docsync-tags" });
    this.list = h("datalist", { id: `${controlId(this.id)}-options` });
    this.search = h("input", { type: "text", autocomplete: "off", className: "docsync-tag-search" });
    this.search.setAttribute("list", this.list.id);
    this.search.addEventListener("change", () => {
      const pair = optionByLabel(this.pairs, this.search.value);
      if (!pair || this.chosen.some((v) => deepEqual(v, pair[1]))) return;
      this.search.value = "";
      this._send([...this.chosen, pair[1]]);
    });
    return h("div", { className: "docsync-multichoice-box" }, this.tags, this.search, this.list);
  }

  _send(chosen) {
    this.chosen = chosen;
    this._renderChosen();
    this.ctx.edit(this.id, "value", chosen);
  }

  _label(value) {
    const pair = this.pairs.find(([, v]) => deepEqual(v, value));
    return pair ? pair[0] : String(value);
  }

  _renderChosen() {
    this.tags.replaceChildren(...this.chosen.map((value, i) => {
      const label = this._label(value);
      const remove = h("button", { type: "button", className: "docsync-tag-remove", textContent: "×", disabled: this.disabled });
      remove.setAttribute("aria-label", `Remove ${label}`);
      remove.addEventListener("click", () => {
        this._send(this.chosen.filter((_, j) => j !== i));
        this.search.focus();
      });
      return h("li", { className: "docsync-tag" }, h("span", { textContent: label }), remove);
    }));
    this.list.replaceChildren(...this.pairs.filter(([, v]) => !this.chosen.some((c) => deepEqual(c, v)))
      .map(([label]) => h("option", { value: label })));
    const full = Number.isInteger(this.maxItems) && this.chosen.length >= this.maxItems;
    this.search.disabled = this.disabled || full;
  }

  render(props, has) {
    this.renderLabel(props, has);
    if (has("name")) this.search.setAttribute("aria-label", `${props.name || this.type} search`);
    if (has("placeholder")) this.search.placeholder = props.placeholder ?? "";
    if (has("options")) this.pairs = optionPairs(props.options);
    this.disabled = Boolean(props.disabled);
    this.maxItems = props.max_items;
    // The page shows only the chosen values that are options (the app may set others).
    if (has("value") || has("options")) {
      const value = Array.isArray(props.value) ? props.value : [];
      this.chosen = value.filter((v) => this.pairs.some(([, o]) => deepEqual(o, v)));
    }
    this._renderChosen();
  }
}
