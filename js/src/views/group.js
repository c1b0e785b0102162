/**
 * What a widget made of several native controls shares: a visible label and one element
 * (`role` group or radiogroup) that it names, so the set reads as one labelled control.
 */

import { BaseView, controlId, h } from "./base.js";

export class GroupView extends BaseView {
  /** The group's ARIA role; subclasses may override. */
  get groupRole() {
    return "group";
  }

  createElement() {
    this.label = h("span", { className: "docsync-label", id: `${controlId(this.id)}-label` });
    this.group = this.createGroup();
    this.group.classList.add("docsync-control");
    this.group.setAttribute("role", this.groupRole);
    return h("div", { className: "docsync-widget" }, this.label, this.group);
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
