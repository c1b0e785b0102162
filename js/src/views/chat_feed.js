/**
 * `ChatFeed`: its messages (`children`) as a log (`role="log"`: a screen reader announces
 * new messages). The log follows new messages, and text that streams into the last one,
 * while the reader is scrolled to within `auto_scroll_limit` px of its end; scrolled
 * further up, it stays put. `running` marks it `aria-busy` while a reply is being made.
 */

import { BaseView, h, renderChildren } from "./base.js";

/** Keep the log that holds `el` scrolled to its end, if it is following (see above). */
export function followLatest(el) {
  const log = el.closest?.(".docsync-chat-log");
  if (log && log.dataset.follow !== "false") log.scrollTop = log.scrollHeight;
}

/** Whether a log scrolled like this is within `limit` px of its end (so it follows). */
export function isFollowing({ scrollHeight, scrollTop, clientHeight }, limit) {
  return scrollHeight - scrollTop - clientHeight <= limit;
}

export class ChatFeedView extends BaseView {
  createElement() {
    this.log = h("div", { className: "docsync-chat-log", role: "log", "aria-label": "Chat messages", tabIndex: 0 });
    this.log.dataset.follow = "true";
    this.limit = 200;
    this.log.addEventListener("scroll", () => {
      this.log.dataset.follow = String(isFollowing(this.log, this.limit));
    });
    return h("div", { className: "docsync-chat" }, this.log);
  }

  render(props, has) {
    if (has("auto_scroll_limit")) this.limit = Number.isFinite(props.auto_scroll_limit) ? props.auto_scroll_limit : 200;
    if (has("view_latest") && props.view_latest === false) this.log.dataset.follow = "false";
    if (has("running")) this.log.setAttribute("aria-busy", String(props.running === true));
    if (has("children")) {
      renderChildren(this.ctx, this.log, props.children);
      if (this.log.dataset.follow !== "false") this.log.scrollTop = this.log.scrollHeight;
    }
  }
}
