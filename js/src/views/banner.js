/**
 * The connection banner (at the top of the page, sticky) and toasts, for server `error`
 * messages and `notify` commands: the page never silently shows stale state (DESIGN.md §7).
 */

import { h } from "./base.js";

export class Banner {
  constructor(parent = document.body) {
    this.el = h("div", { className: "docsync-banner", role: "status", hidden: true });
    // Each toast carries its own live role (status or alert), so screen readers announce it
    // politely or at once by its level.
    this.toasts = h("div", { className: "docsync-toasts" });
    // First in the page and sticky: it pushes the content down instead of covering it.
    parent.prepend(this.el);
    parent.append(this.toasts);
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

  /** Move keyboard focus to the banner's action button, if it shows one. */
  focusAction() {
    this.el.querySelector(".docsync-banner-action")?.focus();
  }

  hide() {
    clearTimeout(this._hideTimer);
    this.el.hidden = true;
    this.el.replaceChildren();
  }

  /**
   * Show a toast with a Dismiss button. `kind` is "info" | "success" | "warning" | "error";
   * warnings and errors are alerts, the others status messages. It disappears by itself
   * after `ms` milliseconds, or only when dismissed if `ms` is 0. Returns its element.
   */
  toast(text, { kind = "error", ms = 6000 } = {}) {
    const urgent = kind === "warning" || kind === "error";
    const close = h("button", { type: "button", className: "docsync-toast-close", textContent: "×", "aria-label": "Dismiss" });
    const toast = h("div", { className: `docsync-toast docsync-toast-${kind}`, role: urgent ? "alert" : "status" }, h("span", { className: "docsync-toast-text", textContent: text }), close);
    let timer = null;
    const remove = () => {
      clearTimeout(timer);
      toast.remove();
    };
    close.addEventListener("click", remove);
    this.toasts.append(toast);
    if (ms > 0) timer = setTimeout(remove, ms);
    return toast;
  }
}
