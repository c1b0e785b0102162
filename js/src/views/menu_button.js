/**
 * `MenuButton`: a native button (`aria-haspopup="menu"`) that opens a `menu` of `items`
 * (strings, [label, value] pairs, or null for a separator). Enter, Space or ArrowDown
 * opens it on the first item; the arrow keys, Home and End move; Enter or Space chooses;
 * Escape closes it and returns to the button. With `split`, the main button is a button of
 * its own and a second one, named "<name> menu", opens the menu.
 * A choice sends an `event` "click" with `{item: i}` (the index in `items`); the split
 * button's main part sends `{item: null}`.
 */

import { BaseView, h } from "./base.js";
import { setButtonType } from "./button.js";

/** `[{label, index}]` of the items that can be chosen, and the separators as null. */
export function menuItems(items) {
  return (Array.isArray(items) ? items : []).map((item, index) => {
    if (item == null) return null;
    const label = Array.isArray(item) ? String(item[0]) : String(item);
    return { label, index };
  });
}

export class MenuButtonView extends BaseView {
  createElement() {
    this.main = h("button", { type: "button", className: "docsync-button" });
    this.opener = h("button", { type: "button", className: "docsync-button docsync-menu-arrow", textContent: "▾" });
    this.menu = h("div", { className: "docsync-menu", hidden: true, role: "menu" });
    for (const button of [this.main, this.opener]) {
      button.addEventListener("keydown", (e) => {
        if (button === this.main && this.split) return;
        if (e.key === "ArrowDown") {
          e.preventDefault();
          this.open();
        }
      });
    }
    this.main.addEventListener("click", () => (this.split ? this.ctx.event(this.id, "click", { item: null }) : this.toggle()));
    this.opener.addEventListener("click", () => this.toggle());
    this.menu.addEventListener("keydown", (e) => this._key(e));
    const el = h("div", { className: "docsync-menubutton" }, this.main, this.opener, this.menu);
    el.addEventListener("focusout", (e) => {
      if (!el.contains(e.relatedTarget)) this.close(false);
    });
    return el;
  }

  get trigger() {
    return this.split ? this.opener : this.main;
  }

  toggle() {
    if (this.menu.hidden) this.open();
    else this.close(true);
  }

  open() {
    if (!this.buttons.length) return;
    this.menu.hidden = false;
    this.trigger.setAttribute("aria-expanded", "true");
    this.buttons[0].focus();
  }

  close(refocus) {
    if (this.menu.hidden) return;
    this.menu.hidden = true;
    this.trigger.setAttribute("aria-expanded", "false");
    if (refocus) this.trigger.focus();
  }

  _key(e) {
    const at = this.buttons.indexOf(document.activeElement);
    const move = { ArrowDown: at + 1, ArrowUp: at - 1, Home: 0, End: this.buttons.length - 1 }[e.key];
    if (move !== undefined) {
      e.preventDefault();
      this.buttons[(move + this.buttons.length) % this.buttons.length].focus();
    } else if (e.key === "Escape") {
      e.preventDefault();
      this.close(true);
    } else if (e.key === "Tab") {
      this.close(false);
    }
  }

  render(props, has) {
    if (has("split")) {
      this.split = Boolean(props.split);
      this.opener.hidden = !this.split;
      this.main.classList.toggle("docsync-menu-trigger", !this.split);
      for (const b of [this.main, this.opener]) {
        b.removeAttribute("aria-haspopup");
        b.removeAttribute("aria-expanded");
      }
      this.trigger.setAttribute("aria-haspopup", "menu");
      this.trigger.setAttribute("aria-expanded", String(!this.menu.hidden));
    }
    if (has("name") || has("split")) {
      const name = props.name || this.type;
      this.main.textContent = this.split ? name : `${name} ▾`;
      this.main.setAttribute("aria-label", name);
      this.opener.setAttribute("aria-label", `${name} menu`);
      this.menu.setAttribute("aria-label", name);
    }
    if (has("disabled")) this.main.disabled = this.opener.disabled = Boolean(props.disabled);
    if (has("button_type")) {
      setButtonType(this.main, props.button_type);
      setButtonType(this.opener, props.button_type);
    }
    if (has("items")) {
      this.buttons = [];
      this.menu.replaceChildren(...menuItems(props.items).map((item) => {
        if (item === null) return h("div", { role: "separator", className: "docsync-menu-separator" });
        const button = h("button", { type: "button", className: "docsync-menu-item", role: "menuitem", tabIndex: -1, textContent: item.label });
        button.addEventListener("click", () => {
          this.close(true);
          this.ctx.event(this.id, "click", { item: item.index });
        });
        this.buttons.push(button);
        return button;
      }));
    }
  }
}
