/**
 * `Form`: fields whose edits stay in the page until the user submits; then every held edit
 * and `submits + 1` go out as one `patch` message (docsync/form.py says why that reading of
 * PROTOCOL.md §4/§5). The field views are unchanged: they get a context whose `edit` this
 * view holds back (`ctx.derive`). A server change of a held prop drops the held edit, so a
 * submit sends what the fields show. `result` renders with the page's own context: a form
 * returned by the handler submits on its own.
 */

import { BaseView, controlId, h, renderChildren } from "./base.js";
import { applyScroll } from "./list.js";

/** Held edits, latest value per (model id, prop), in first-edit order. */
export class HeldEdits {
  constructor() {
    this.edits = new Map();
  }

  get size() {
    return this.edits.size;
  }

  hold(id, name, value) {
    this.edits.set(JSON.stringify([id, name]), [id, name, value]);
  }

  /** Forget the held edits of these props of model `id` (the server changed them). */
  drop(id, names) {
    for (const name of names) this.edits.delete(JSON.stringify([id, name]));
  }

  /** The held edits followed by the form's counter, emptying the hold: one submit. */
  take(formId, submits) {
    const count = Number.isInteger(submits) && submits >= 0 ? submits : 0;
    const out = [...this.edits.values(), [formId, "submits", count + 1]];
    this.edits.clear();
    return out;
  }
}

export class FormView extends BaseView {
  createElement() {
    this.held = new HeldEdits();
    this.props = {};
    this.fieldsCtx = this.ctx.derive({
      edit: (id, name, value) => {
        this.held.hold(id, name, value);
        this._showHeld();
      },
      changed: (id, names) => {
        this.held.drop(id, names);
        this._showHeld();
      },
    });
    const labelId = `${controlId(this.id)}-label`;
    this.heading = h("div", { className: "docsync-form-label", id: labelId });
    this.fields = h("div", { className: "docsync-form-fields" });
    this.button = h("button", { type: "submit", className: "docsync-form-submit docsync-button docsync-button-primary" });
    this.form = h("form", { className: "docsync-form-body", noValidate: true }, this.heading, this.fields, this.button);
    this.form.addEventListener("submit", (event) => {
      event.preventDefault();
      this.submit();
    });
    this.result = h("div", { className: "docsync-form-result", "aria-live": "polite" });
    this._labelId = labelId;
    return h("div", {}, this.form, this.result);
  }

  render(props, has) {
    this.props = props;
    if (has("scroll")) applyScroll(this.el, props.scroll, "column");
    if (has("label")) {
      const label = typeof props.label === "string" ? props.label : "";
      this.heading.textContent = label;
      this.heading.hidden = !label;
      if (label) this.form.setAttribute("aria-labelledby", this._labelId);
      else this.form.removeAttribute("aria-labelledby");
    }
    if (has("submit_label")) this.button.textContent = props.submit_label || "Submit";
    if (has("children")) renderChildren(this.fieldsCtx, this.fields, props.children);
    if (has("result")) {
      if (props.result) this.result.replaceChildren(this.ctx.child(props.result));
      else this.result.replaceChildren();
    }
  }

  /** Send the held edits and the submit, in one message. */
  submit() {
    this.ctx.commit(this.held.take(this.id, this.props.submits));
    this._showHeld();
  }

  _showHeld() {
    this.el.classList.toggle("docsync-form-edited", this.held.size > 0);
  }
}
