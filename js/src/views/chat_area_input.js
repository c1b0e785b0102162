/**
 * `ChatAreaInput`: the text area a chat is typed into. Client-writable: `value_input`,
 * sent while typing, and `value`, sent when the user sends the text: Enter (or
 * Ctrl/Cmd+Enter when `enter_sends` is false); Shift+Enter makes a new line, and Enter
 * while an input method composes does nothing. `max_length` caps it here too. Focus
 * that the field lost by being disabled during a reply comes back when it is enabled.
 */

import { ControlView, h } from "./base.js";

/** Whether key event `e` sends the text (see above) rather than typing into it. */
export function sendsOnKey(e, enterSends) {
  if (e.key !== "Enter" || e.shiftKey || e.isComposing) return false;
  return enterSends || e.ctrlKey || e.metaKey;
}

export class ChatAreaInputView extends ControlView {
  createControl() {
    const area = h("textarea");
    this.enterSends = true;
    area.addEventListener("input", () => this.ctx.edit(this.id, "value_input", area.value));
    area.addEventListener("keydown", (e) => {
      if (!sendsOnKey(e, this.enterSends)) return;
      e.preventDefault();
      if (area.value.trim() !== "") this.ctx.edit(this.id, "value", area.value);
    });
    return area;
  }

  render(props, has) {
    // The input is disabled while a reply is made, and disabling a focused field drops
    // its focus: give it back when the input is enabled again, unless the user has moved
    // on to something else meanwhile.
    const wasFocused = document.activeElement === this.control;
    this.renderLabel(props, has);
    if (has("disabled")) {
      if (props.disabled && wasFocused) this.refocus = true;
      else if (!props.disabled && this.refocus) {
        this.refocus = false;
        const active = document.activeElement;
        if (!active || active === document.body) this.control.focus();
      }
    }
    if (has("name") || has("placeholder")) {
      if (!props.name) this.control.setAttribute("aria-label", props.placeholder || "Message");
    }
    if (has("placeholder")) this.control.placeholder = props.placeholder ?? "";
    if (has("enter_sends")) this.enterSends = props.enter_sends !== false;
    if (has("rows")) this.control.rows = Number.isInteger(props.rows) && props.rows > 0 ? props.rows : 1;
    if (has("max_length")) {
      if (Number.isInteger(props.max_length)) this.control.maxLength = props.max_length;
      else this.control.removeAttribute("maxlength");
    }
    const value = props.value_input == null ? "" : String(props.value_input);
    if (has("value_input") && this.control.value !== value) this.control.value = value;
  }
}
