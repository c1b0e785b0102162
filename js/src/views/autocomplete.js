/**
 * `AutocompleteInput`: a native text input (a combobox) whose `<datalist>` holds the
 * options that match the typed text, as the server's `search_strategy`, `case_sensitive`
 * and `min_characters` say (the browser's list then shows them; arrow keys pick one).
 * Client-writable: `value_input`, sent on every keystroke, and `value`, sent when the user
 * commits the text (`change`: Enter, picking a suggestion, or leaving the field). With
 * `restrict` the server refuses a text that is no option, and the field snaps back.
 */

import { ControlView, controlId, h } from "./base.js";
import { optionPairs } from "./select.js";

/** The options suggested for `text` (the twin of the server's rule). */
export function suggestions(options, text, { caseSensitive = true, strategy = "starts_with", minCharacters = 2 } = {}) {
  if (text.length < minCharacters) return [];
  const fold = caseSensitive ? (s) => s : (s) => s.toLowerCase();
  const needle = fold(text);
  return options.filter((o) => (strategy === "includes" ? fold(o).includes(needle) : fold(o).startsWith(needle)));
}

export class AutocompleteInputView extends ControlView {
  createControl() {
    const input = h("input", { type: "text", autocomplete: "off" });
    this.list = h("datalist", { id: `${controlId(this.id)}-options` });
    input.setAttribute("list", this.list.id);
    this.options = [];
    input.addEventListener("input", () => {
      this._suggest();
      this.ctx.edit(this.id, "value_input", input.value);
    });
    input.addEventListener("change", () => this.ctx.edit(this.id, "value", input.value));
    return input;
  }

  createElement() {
    const el = super.createElement();
    el.append(this.list);
    return el;
  }

  _suggest() {
    const found = suggestions(this.options, this.control.value, this.rule);
    this.list.replaceChildren(...found.map((o) => h("option", { value: o })));
  }

  render(props, has) {
    this.renderLabel(props, has);
    if (has("placeholder")) this.control.placeholder = props.placeholder ?? "";
    if (has("max_length")) {
      if (Number.isInteger(props.max_length)) this.control.maxLength = props.max_length;
      else this.control.removeAttribute("maxlength");
    }
    if (has("options")) this.options = optionPairs(props.options).map(([, v]) => String(v));
    this.rule = { caseSensitive: props.case_sensitive !== false, strategy: props.search_strategy,
                  minCharacters: Number.isInteger(props.min_characters) ? props.min_characters : 2 };
    const value = props.value == null ? "" : String(props.value);
    if (has("value") && this.control.value !== value) this.control.value = value;
    this._suggest();
  }
}
