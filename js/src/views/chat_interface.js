/**
 * `ChatInterface`: a chat feed (chat_feed.js) with its input (`input_area`) and its
 * `buttons` (Send, or Stop while a reply is made; Rerun, Undo, Clear) below the log.
 * With `show_button_name` false the buttons show icons; their text stays their name.
 */

import { h, renderChildren } from "./base.js";
import { ChatFeedView } from "./chat_feed.js";

export class ChatInterfaceView extends ChatFeedView {
  createElement() {
    const el = super.createElement();
    this.input = h("div", { className: "docsync-chat-input" });
    this.actions = h("div", { className: "docsync-chat-actions", role: "group", "aria-label": "Chat actions" });
    el.append(h("div", { className: "docsync-chat-controls" }, this.input, this.actions));
    return el;
  }

  render(props, has) {
    super.render(props, has);
    if (has("input_area")) this.input.replaceChildren(...(props.input_area ? [this.ctx.child(props.input_area)] : []));
    if (has("buttons")) renderChildren(this.ctx, this.actions, props.buttons);
    if (has("show_button_name")) this.el.classList.toggle("docsync-chat-compact", props.show_button_name === false);
  }
}
