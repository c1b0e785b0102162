/**
 * `Select`: a native select. `options` is a list of values (label = String(value)) or an
 * object label -> value; `groups` (title -> such options) replaces `options` with titled
 * `<optgroup>`s. `disabled_options` are shown but cannot be chosen; `size` above 1 shows
 * that many options at once (a list box) instead of a drop-down.
 * Client-writable: `value`, sent as the option's JSON value.
 */

import { deepEqual } from "../patch.js";
import { ControlView, h } from "./base.js";

/** `[label, value]` pairs of a Select's `options` prop. */
export function optionPairs(options) {
  if (Array.isArray(options)) return options.map((v) => [typeof v === "string" ? v : JSON.stringify(v) ?? String(v), v]);
  if (options && typeof options === "object") return Object.entries(options);
  return [];
}

/**
 * What a Select shows, in order: `[{ group, items: [{ label, value, disabled }] }]`, with
 * `group` null for options outside any group (the server allows `options` or `groups`,
 * not both; `options` wins here too).
 */
export function selectEntries(props) {
  const disabled = Array.isArray(props.disabled_options) ? props.disabled_options : [];
  const item = ([label, value]) => ({ label, value, disabled: disabled.some((d) => deepEqual(d, value)) });
  const pairs = optionPairs(props.options);
  const groups = props.groups;
  if (pairs.length || !groups || typeof groups !== "object" || Array.isArray(groups)) {
    return [{ group: null, items: pairs.map(item) }];
  }
  return Object.entries(groups).map(([group, options]) => ({ group, items: optionPairs(options).map(item) }));
}

export class SelectView extends ControlView {
  createControl() {
    const select = h("select");
    this.values = [];
    select.addEventListener("change", () => {
      const i = select.selectedIndex;
      if (i >= 0 && i < this.values.length) this.ctx.edit(this.id, "value", this.values[i]);
    });
    return select;
  }

  render(props, has) {
    this.renderLabel(props, has);
    if (has("size")) this.control.size = Number.isInteger(props.size) && props.size > 1 ? props.size : 1;
    const entries = has("options") || has("groups") || has("disabled_options");
    if (entries) {
      this.values = [];
      const option = ({ label, value, disabled }) => {
        this.values.push(value);
        return h("option", { value: String(this.values.length - 1), textContent: label, disabled });
      };
      this.control.replaceChildren(
        ...selectEntries(props).flatMap(({ group, items }) =>
          group === null ? items.map(option) : [h("optgroup", { label: group }, ...items.map(option))],
        ),
      );
    }
    if (entries || has("value")) {
      this.control.selectedIndex = this.values.findIndex((v) => deepEqual(v, props.value));
    }
  }
}
