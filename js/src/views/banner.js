/**
 * The connection banner (fixed at the top of the page) and toasts for server `error`
 * messages: the page never silently shows stale state (DESIGN.md §7).
 */

import { h } from "./base.js";

export class Banner {
  constructor(parent = document.body) {
    this.el = h("div", { className: "docsync-banner", role: "status", hidden: true });
    this.toasts = h("div", { className: "docsync-toasts", "aria-live": "assertive" });
    parent.append(this.el, this.toasts);
    this._hideTimer = null;
  }

  /**
   * Show `text`. `kind` is "info" | "warning" | "error" | "ok"; `action` is an optional
   * `{label, onClick}` button; `hideAfterMs` hides the banner again.
   */
  show(text, { kind = "warning", action = null, hideAfterMs = null } = {}) {
    clearTimeout(this._hideTimer);
    this.el.className = `docsync-banner docsync-banner-${kind}`;
    const children = [h("span", { className: "docsync-banner-text", textContent: text })];
    if (action) {
      const button = h("button", { type: "button", className: "docsync-banner-action", textContent: action.label });
      button.addEventListener("click", action.onClick);
      children.push(button);
    }
    this.el.replaceChildren(...children);
    this.el.hidden = false;
    if (hideAfterMs !== null) this._hideTimer = setTimeout(() => this.hide(), hideAfterMs);
  }

  hide() {
    clearTimeout(this._hideTimer);
    this.el.hidden = true;
    this.el.replaceChildren();
  }

  /** A dismissable toast that disappears by itself after `ms`. */
  toast(text, { kind = "error", ms = 6000 } = {}) {
    const close = h("button", { type: "button", className: "docsync-toast-close", textContent: "×", "aria-label": "Dismiss" });
    const toast = h("div", { className: `docsync-toast docsync-toast-${kind}`, role: "alert" }, h("span", { textContent: text }), close);
    close.addEventListener("click", () => toast.remove());
    this.toasts.append(toast);
    setTimeout(() => toast.remove(), ms);
  }
}
