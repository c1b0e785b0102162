/**
 * The notebook transport: the only module that touches the anywidget model (DESIGN.md §7).
 *
 * A Jupyter comm carries what a WebSocket carries (PROTOCOL.md §1): text frames and close
 * frames, as the custom messages described in docsync/notebook/comm.py:
 *
 *   {conn, frame: text}           a text frame of logical connection `conn`, either way
 *   {conn, close: code, reason}   a close frame, either way; the kernel answers ours
 *   {conn, token: null}           ask the kernel for a fresh session token; answered
 *                                 {conn, token: text}, or {conn, token: null} when docsync
 *                                 no longer runs in the kernel
 *   {conn, asset: name}           ask the kernel for the text of a static bundle (vega.js);
 *                                 answered {conn, asset: name, text}, text null when the
 *                                 kernel does not give that name out
 *
 * `CommLink` wraps one view's model. Its `socketClass()` is a WebSocket-shaped class that
 * `Transport` (transport.js) uses as its `WebSocketImpl`, so the comm gets the same pump as
 * a WebSocket: hello, acks, resend after welcome, the close codes of PROTOCOL.md §8.
 *
 * When the kernel restarts, its comms die with it; the widget manager then reports the
 * model's comm as no longer live (`comm_live_update`). Every open connection then closes
 * with 4404 (the session is gone, as when it expired) and new ones close at once, so the
 * page says it is disconnected instead of waiting on a dead comm.
 */

/** Close code of a session that no longer exists (PROTOCOL.md §8). */
export const CLOSE_GONE = 4404;
const KERNEL_GONE = "the kernel restarted or stopped";

let nextConn = 0;

/** A connection id unique among the views of one page. */
function newConnId() {
  nextConn += 1;
  return `${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 10)}-${nextConn}`;
}

export class CommLink {
  /** @param {object} model  the anywidget model proxy (`send`, `on`, `off`, `get`) */
  constructor(model) {
    this.model = model;
    /** False once the kernel's side of the comm is gone for good. */
    this.alive = true;
    this._sockets = new Map(); // conn -> CommSocket
    this._waiters = new Map(); // conn of a token or asset request -> settle(answer or null)
    this._onMessage = (msg) => this._dispatch(msg);
    this._onLiveChange = () => this._died();
    model.on("msg:custom", this._onMessage);
    model.on("comm_live_update", this._onLiveChange);
  }

  /** A WebSocket-like class over this link, for `new Transport({WebSocketImpl})`. */
  socketClass() {
    const link = this;
    return class extends CommSocket {
      constructor(url) {
        super(link, url);
      }
    };
  }

  /**
   * Ask the kernel for a fresh session token (a browser tab would load the page again).
   * Resolves to the token, or null when there is none to be had within `timeoutMs`.
   */
  requestToken(timeoutMs = 10000) {
    return this._ask({ token: null }, timeoutMs).then((answer) => (typeof answer?.token === "string" ? answer.token : null));
  }

  /**
   * Ask the kernel for the text of the static bundle `name` ("vega.js"), which a served page
   * would fetch from the server. Resolves to the text; rejects when the kernel does not give
   * it, when no answer came within `timeoutMs`, or when the link died or was disposed first.
   */
  requestAsset(name, timeoutMs = 60000) {
    return this._ask({ asset: name }, timeoutMs).then((answer) => {
      if (typeof answer?.text === "string") return answer.text;
      throw new Error(answer ? `the kernel does not give out ${name}` : `the kernel did not send ${name}`);
    });
  }

  /** Stop listening (the view was removed); open connections are closed first, and
   * requests still waiting get no answer. */
  dispose() {
    for (const socket of [...this._sockets.values()]) socket.close(1001, "view removed");
    this._settleAll();
    this.model.off("msg:custom", this._onMessage);
    this.model.off("comm_live_update", this._onLiveChange);
  }

  /** Send `content` under a conn of its own; resolves to the kernel's answer of that conn,
   * or null when none came within `timeoutMs` (or the link died or was disposed). */
  _ask(content, timeoutMs) {
    if (!this.alive) return Promise.resolve(null);
    const conn = newConnId();
    return new Promise((resolve) => {
      let timer = null;
      const settle = (answer) => {
        clearTimeout(timer);
        this._waiters.delete(conn);
        resolve(answer);
      };
      this._waiters.set(conn, settle);
      timer = setTimeout(() => settle(null), timeoutMs);
      if (!this._post({ conn, ...content })) settle(null);
    });
  }

  _settleAll() {
    for (const settle of [...this._waiters.values()]) settle(null);
  }

  /** Send one custom message; false when the comm cannot take it. */
  _post(content) {
    try {
      this.model.send(content);
      return true;
    } catch (err) {
      console.warn("docsync: the kernel comm refused a message", err);
      this._died();
      return false;
    }
  }

  _dispatch(msg) {
    if (!msg || typeof msg !== "object" || typeof msg.conn !== "string") return;
    if ("token" in msg || "asset" in msg) {
      this._waiters.get(msg.conn)?.(msg);
      return;
    }
    const socket = this._sockets.get(msg.conn);
    if (!socket) return; // another view's connection, or one already closed
    if (typeof msg.frame === "string") socket._receive(msg.frame);
    else if ("close" in msg) socket._closed(Number.isInteger(msg.close) ? msg.close : 1006, String(msg.reason ?? ""));
  }

  _died() {
    if (!this.alive) return;
    this.alive = false;
    for (const socket of [...this._sockets.values()]) socket._closed(CLOSE_GONE, KERNEL_GONE);
    this._settleAll();
  }
}

/**
 * One logical connection, with the part of the WebSocket interface `Transport` uses:
 * `readyState`, `send(text)`, `close(code, reason)`, and the `onopen`, `onmessage`,
 * `onclose` handlers (called asynchronously, as a browser calls them).
 */
export class CommSocket {
  constructor(link, url) {
    this.link = link;
    this.url = url;
    this.conn = newConnId();
    this.readyState = 0;
    this.onopen = null;
    this.onmessage = null;
    this.onclose = null;
    link._sockets.set(this.conn, this);
    setTimeout(() => {
      if (this.readyState !== 0) return;
      if (!link.alive) {
        this._closed(CLOSE_GONE, KERNEL_GONE);
        return;
      }
      this.readyState = 1;
      this.onopen?.({});
    }, 0);
  }

  send(text) {
    if (this.readyState !== 1) return;
    this.link._post({ conn: this.conn, frame: text });
  }

  /** Start the closing handshake; `onclose` runs when the kernel answers. */
  close(code = 1000, reason = "") {
    if (this.readyState >= 2) return;
    const wasOpen = this.readyState === 1;
    this.readyState = 2;
    if (!wasOpen || !this.link.alive || !this.link._post({ conn: this.conn, close: code, reason })) {
      this._closed(code, reason);
    }
  }

  _receive(text) {
    if (this.readyState === 1) this.onmessage?.({ data: text });
  }

  _closed(code, reason) {
    if (this.readyState === 3) return;
    this.readyState = 3;
    this.link._sockets.delete(this.conn);
    setTimeout(() => this.onclose?.({ code, reason }), 0);
  }
}
