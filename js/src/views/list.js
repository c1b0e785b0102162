/**
 * `Column`, `Row` and `WidgetBox`: their `children` stacked (a column) or side by side (a
 * row; a WidgetBox with `horizontal`). `scroll` adds scrollbars (scrollClass). A Column
 * also keeps `scroll_position` (client-writable: sent once the reader stops scrolling,
 * applied when the server sets it), follows new children to the end when the reader is
 * within `auto_scroll_limit` px of it, starts at the end with `view_latest`, and offers a
 * "scroll to the end" button beyond `scroll_button_threshold` px from it.
 */

import { BaseView, h } from "./base.js";

const SCROLL_CLASSES = {
  "both-auto": "docsync-scroll", "x-auto": "docsync-scroll-x-auto", "y-auto": "docsync-scroll-y-auto",
  both: "docsync-scroll-both", x: "docsync-scroll-x", y: "docsync-scroll-y",
};

/** The CSS class for Panel's `scroll` value in a layout laid out in `direction`, or null. */
export function scrollClass(scroll, direction) {
  if (scroll === true) return direction === "column" ? "docsync-scroll-y-auto" : direction === "row" ? "docsync-scroll-x-auto" : "docsync-scroll";
  return typeof scroll === "string" && Object.hasOwn(SCROLL_CLASSES, scroll) ? SCROLL_CLASSES[scroll] : null;
}

/** Pixels between the bottom of what `el` shows and the end of its contents. */
export function distanceFromEnd({ scrollHeight, scrollTop, clientHeight }) {
  return Math.max(0, scrollHeight - scrollTop - clientHeight);
}

/** Whether a limit or threshold in px (0 or unset: off) is reached by `distance`. */
export const within = (distance, limit) => Number.isInteger(limit) && limit > 0 && distance <= limit;
export const beyond = (distance, threshold) => Number.isInteger(threshold) && threshold > 0 && distance > threshold;

const ALL_SCROLL = [...new Set(Object.values(SCROLL_CLASSES))];

/** Give `el` the scroll class of `scroll` (see scrollClass), replacing any other. */
export function applyScroll(el, scroll, direction = null) {
  el.classList.remove(...ALL_SCROLL);
  const cls = scrollClass(scroll, direction);
  if (cls) el.classList.add(cls);
}

export class ListView extends BaseView {
  createElement() {
    const el = h("div");
    this.props = {};
    this.scrollButton = null;
    if (this.type === "Column") {
      this.scrollButton = h("button", { type: "button", className: "docsync-scroll-button", hidden: true, "aria-label": "Scroll to the end" });
      this.scrollButton.addEventListener("click", () => this._toEnd());
      el.addEventListener("scroll", () => this._onScroll());
      // One message per scroll gesture: `scrollend` where the browser has it, else the
      // last scroll event of an animation frame.
      if ("onscrollend" in el) el.addEventListener("scrollend", () => this._sendPosition());
      else el.addEventListener("scroll", () => this._sendSoon());
      // `view_latest`, a first `scroll_position` and the button need the laid-out size,
      // which a Column in a hidden tab or a closed card gets only once shown.
      this.pendingScroll = null; // "end", a position in px, or null
      this.sizeWatch = typeof ResizeObserver === "function" ? new ResizeObserver(() => this._onResize()) : null;
      this.sizeWatch?.observe(el);
    }
    return el;
  }

  destroy() {
    this.sizeWatch?.disconnect();
    super.destroy();
  }

  _onResize() {
    if (this.pendingScroll !== null && this.el.clientHeight > 0) {
      if (this.pendingScroll === "end") this._toEnd();
      else this.el.scrollTop = this.pendingScroll;
      this.pendingScroll = null;
    }
    this._updateButton();
  }

  get direction() {
    if (this.type === "Row") return "row";
    if (this.type === "WidgetBox") return this.props.horizontal === true ? "row" : "column";
    return "column";
  }

  render(props, has) {
    this.props = props;
    const first = !this._rendered;
    this._rendered = true;
    if (has("horizontal") && this.type === "WidgetBox") {
      this.el.classList.toggle("docsync-row", this.direction === "row");
      this.el.classList.toggle("docsync-column", this.direction === "column");
    }
    if (has("scroll") || has("horizontal")) applyScroll(this.el, props.scroll, this.direction);
    if (has("children")) {
      const follow = !first && within(distanceFromEnd(this.el), props.auto_scroll_limit);
      const refs = Array.isArray(props.children) ? props.children : [];
      this.el.replaceChildren(...refs.map((ref) => this.ctx.child(ref)));
      if (this.scrollButton) this.el.append(this.scrollButton);
      if (follow) this._toEnd();
    }
    if (this.type !== "Column") return;
    if (first && props.view_latest === true) {
      this.pendingScroll = "end";
      if (!this.sizeWatch) requestAnimationFrame(() => this._toEnd());
    } else if (has("scroll_position") && Number.isInteger(props.scroll_position) && Math.round(this.el.scrollTop) !== props.scroll_position) {
      if (this.el.clientHeight > 0 || !this.sizeWatch) this.el.scrollTop = props.scroll_position;
      else this.pendingScroll = props.scroll_position;
    }
    this._updateButton();
  }

  _toEnd() {
    this.el.scrollTop = this.el.scrollHeight;
  }

  _onScroll() {
    this._updateButton();
  }

  _updateButton() {
    if (this.scrollButton) this.scrollButton.hidden = !beyond(distanceFromEnd(this.el), this.props.scroll_button_threshold);
  }

  _sendSoon() {
    if (this._frame) return;
    this._frame = requestAnimationFrame(() => {
      this._frame = null;
      this._sendPosition();
    });
  }

  _sendPosition() {
    const position = Math.round(this.el.scrollTop);
    if (position !== this.props.scroll_position) {
      this.props = { ...this.props, scroll_position: position };
      this.ctx.edit(this.id, "scroll_position", position);
    }
  }
}
