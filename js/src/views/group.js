/**
 * What a widget made of several native controls shares: a visible label and one element
 * (`role` group or radiogroup) that it names, so the set reads as one labelled control.
 */

import { deepEqual } from "../patch.js";
import { BaseView, controlId, h, readout } from "./base.js";
import { optionPairs } from "./select.js";

export class GroupView extends BaseView {
  /** The group's ARIA role; subclasses may override. */
  get groupRole() {
    return "group";
  }

  /** True for groups that show their value beside the label (`this.readout`). */
  get hasReadout() {
    return false;
  }

  createElement() {
    this.label = h("span", { className: "docsync-label", id: `${controlId(this.id)}-label` });
    this.group = this.createGroup();
    this.group.classList.add("docsync-control");
    this.group.setAttribute("role", this.groupRole);
    this.readout = this.hasReadout ? readout() : null;
    const parts = this.readout ? [this.label, this.readout, this.group] : [this.label, this.group];
    return h("div", { className: "docsync-widget" }, ...parts);
  }

  /** Render `name` as the label and the group's accessible name. */
  renderLabel(props, has) {
    if (!has("name")) return;
    this.label.textContent = props.name ?? "";
    this.label.hidden = !props.name;
    // Without a visible label, keep an accessible name.
    if (props.name) {
      this.group.removeAttribute("aria-label");
      this.group.setAttribute("aria-labelledby", this.label.id);
    } else {
      this.group.removeAttribute("aria-labelledby");
      this.group.setAttribute("aria-label", this.type);
    }
  }
}

/** A `<label>` around a native radio or checkbox and its text. */
export function choice(input, text) {
  return h("label", { className: "docsync-choice", htmlFor: input.id }, input, h("span", { textContent: text }));
}

/**
 * A group of native radios or checkboxes, one per option (`options`: a list of values or
 * a {label: value} object). Subclasses say which input type they use, whether an option
 * is chosen in `value`, and what a change sends.
 */
export class ChoiceGroupView extends GroupView {
  /** "radio" or "checkbox". */
  get inputType() {
    return "checkbox";
  }

  /** Classes of the element holding the choices. */
  get choicesClass() {
    return "docsync-choices";
  }

  createGroup() {
    this.values = [];
    this.inputs = [];
    return h("div", { className: this.choicesClass });
  }

  /** Whether the option whose JSON value is `option` is chosen in the prop `value`. */
  isChosen(option, value) {
    return deepEqual(option, value);
  }

  /** The user changed input `i`. */
  changed(i) {
    throw new Error(`${this.type}: changed(${i}) is not implemented`);
  }

  /** Props of the subclass's own (after the shared ones). */
  renderExtra(_props, _has) {}

  render(props, has) {
    this.renderLabel(props, has);
    if (has("options")) {
      const pairs = optionPairs(props.options);
      this.values = pairs.map(([, v]) => v);
      this.inputs = pairs.map((_, i) => {
        const input = h("input", { type: this.inputType, name: controlId(this.id), value: String(i), id: `${controlId(this.id)}-${i}` });
        input.addEventListener("change", () => this.changed(i));
        return input;
      });
      this.group.replaceChildren(...pairs.map(([label], i) => choice(this.inputs[i], label)));
    }
    if (has("options") || has("value")) {
      this.inputs.forEach((input, i) => {
        input.checked = this.isChosen(this.values[i], props.value);
      });
    }
    if (has("options") || has("disabled")) for (const input of this.inputs) input.disabled = Boolean(props.disabled);
    this.renderExtra(props, has);
  }
}
