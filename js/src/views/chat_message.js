/**
 * `ChatMessage`: avatar, user name, time and contents (an `article` named after its user).
 *
 * Contents, from the server (docsync/chat/message.py): `html` (Markdown the server
 * rendered and sanitized) once the message is done; `text`, a list of pieces whose
 * concatenation is the text, while it streams: pieces the server appended are added to
 * the page as text nodes, so a token costs the page what the token is long, not the whole
 * message; or `content`, a component. `face` is `{text}` or `{image}`.
 */

import { BaseView, h } from "./base.js";
import { followLatest } from "./chat_feed.js";

export class ChatMessageView extends BaseView {
  createElement() {
    this.avatar = h("div", { className: "docsync-chat-avatar", "aria-hidden": "true" });
    this.user = h("span", { className: "docsync-chat-user" });
    this.time = h("time", { className: "docsync-chat-time" });
    this.dot = h("span", { className: "docsync-chat-dot", "aria-hidden": "true", hidden: true });
    this.body = h("div", { className: "docsync-chat-content" });
    this.shown = []; // the text pieces shown (while streaming)
    const header = h("div", { className: "docsync-chat-header" }, this.user, this.time, this.dot);
    return h("article", { className: "docsync-chat-message" }, this.avatar, h("div", { className: "docsync-chat-bubble" }, header, this.body));
  }

  render(props, has) {
    if (has("face")) this.renderFace(props.face, props.user);
    if (has("user")) {
      this.user.textContent = props.user ?? "";
      this.el.setAttribute("aria-label", `Message from ${props.user ?? "someone"}`);
    }
    if (has("time")) this.time.textContent = props.time ?? "";
    if (has("show_avatar")) this.avatar.hidden = props.show_avatar === false;
    if (has("show_user")) this.user.hidden = props.show_user === false;
    if (has("show_timestamp")) this.time.hidden = props.show_timestamp === false;
    if (has("show_activity_dot")) this.dot.hidden = props.show_activity_dot !== true;
    if (has("streaming")) {
      this.el.setAttribute("aria-busy", String(props.streaming === true));
      this.el.classList.toggle("docsync-chat-streaming", props.streaming === true);
    }
    if (has("text") || has("html") || has("content")) this.renderContents(props);
  }

  renderFace(face, user) {
    if (face && typeof face.image === "string") {
      this.avatar.replaceChildren(h("img", { src: face.image, alt: "" }));
    } else {
      this.avatar.textContent = face && typeof face.text === "string" ? face.text : String(user ?? "?").slice(0, 1);
    }
  }

  renderContents(props) {
    if (Array.isArray(props.text)) {
      this.renderText(props.text);
    } else if (props.content && typeof props.content === "object") {
      this.shown = [];
      this.body.replaceChildren(this.ctx.child(props.content));
    } else {
      this.shown = [];
      this.body.classList.remove("docsync-chat-plain");
      this.body.innerHTML = typeof props.html === "string" ? props.html : "";
    }
    followLatest(this.el);
  }

  /** Show `pieces`: append the new ones when what is shown is their prefix, else redraw. */
  renderText(pieces) {
    const { reset, add } = textUpdate(this.body.classList.contains("docsync-chat-plain") ? this.shown : null, pieces);
    if (reset) {
      this.body.classList.add("docsync-chat-plain");
      this.body.replaceChildren();
      this.shown = [];
    }
    for (const piece of add) {
      this.body.append(document.createTextNode(piece));
      this.shown.push(piece);
    }
  }
}

/**
 * How to go from the text pieces `shown` (null: none shown as text) to `pieces`: when
 * `shown` is their prefix, `add` the rest (`reset` false); otherwise `reset` and add all.
 * Pieces that are not strings show as nothing.
 */
export function textUpdate(shown, pieces) {
  const list = Array.isArray(pieces) ? pieces.map((p) => (typeof p === "string" ? p : "")) : [];
  const grows = Array.isArray(shown) && shown.length <= list.length && shown.every((p, i) => p === list[i]);
  return grows ? { reset: false, add: list.slice(shown.length) } : { reset: true, add: list };
}
