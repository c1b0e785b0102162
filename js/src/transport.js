/**
 * The WebSocket pump: the only module that touches `WebSocket` (DESIGN.md §7).
 *
 * It connects, feeds frames to a `ClientProtocol`, sends what the protocol produces, runs
 * the ack timer and reconnects with exponential backoff and jitter. It has no rules of its
 * own beyond the close codes of PROTOCOL.md §8. The application hears from it through two
 * callbacks:
 *
 *   onEvent(event)            every event returned by `protocol.receive` (see protocol.js)
 *   onStatus(status, detail)  "connecting" | "open" | "restored" | "reconnecting" {attempt,
 *                             delay} | "expired" | "taken-over" | "forbidden" | "reload" | "login"
 *                             | "restarting"
 *
 * `onEvent` may throw to say the message could not be applied; the connection is then
 * dropped and resumed with a fresh snapshot.
 */

import { ProtocolError } from "./protocol.js";

export const BACKOFF_INITIAL_MS = 100;
export const BACKOFF_MAX_MS = 5000;

/** Client-initiated close code for a server message we could not accept (PROTOCOL.md §8). */
const CLOSE_PROTOCOL_VIOLATION = 4400;

/** Resolve a bootstrap `ws` url against the page url: http -> ws, https -> wss (PROTOCOL.md §2). */
export function resolveWebSocketUrl(ws, pageUrl) {
  const url = new URL(ws, pageUrl);
  if (url.protocol === "http:") url.protocol = "ws:";
  else if (url.protocol === "https:") url.protocol = "wss:";
  return url.href;
}

/** Backoff before reconnect attempt `attempt` (1-based), in ms: doubling, capped, jittered. */
export function backoffDelay(attempt, random = Math.random) {
  const base = Math.min(BACKOFF_MAX_MS, BACKOFF_INITIAL_MS * 2 ** (attempt - 1));
  return Math.round(base * (0.5 + random() / 2));
}

export class Transport {
  constructor({ url, protocol, onEvent, onStatus, WebSocketImpl = globalThis.WebSocket, clock = () => performance.now() / 1000 }) {
    this.url = url;
    this.protocol = protocol;
    this.onEvent = onEvent;
    this.onStatus = onStatus;
    this.WebSocketImpl = WebSocketImpl;
    this.clock = clock;
    this.ws = null;
    this.attempt = 0; // failed connection attempts since the last welcome
    this.stopped = false;
    this.everOpened = false;
    this._helloLastSeq = null;
    this._welcomed = false;
    this._restartExpected = false;
    this._ackTimer = null;
    this._reconnectTimer = null;
  }

  /** Open the first connection. */
  start() {
    this.onStatus("connecting", {});
    this._open();
  }

  /** Send a message now if the session is open; otherwise it waits in the protocol outbox. */
  send(msg) {
    if (this.protocol.isOpen && this.ws?.readyState === 1) this.ws.send(JSON.stringify(msg));
  }

  /** The server announced a restart (command "reload"): the next close is not a failure. */
  expectRestart() {
    this._restartExpected = true;
  }

  /** Stop for good: no more reconnects. */
  stop() {
    this.stopped = true;
    clearTimeout(this._reconnectTimer);
    clearTimeout(this._ackTimer);
    this.ws?.close(1000);
  }

  _open() {
    let ws;
    try {
      ws = new this.WebSocketImpl(this.url);
    } catch (err) {
      console.error("docsync: cannot open WebSocket", err);
      this.stopped = true;
      this.onStatus("forbidden", { message: String(err.message ?? err) });
      return;
    }
    this.ws = ws;
    this._welcomed = false;
    ws.onopen = () => {
      const hello = this.protocol.connect();
      this._helloLastSeq = hello.last_seq;
      ws.send(JSON.stringify(hello));
    };
    ws.onmessage = (frame) => this._onFrame(ws, frame);
    ws.onclose = (ev) => this._onClose(ws, ev.code, ev.reason);
  }

  _onFrame(ws, frame) {
    if (ws !== this.ws) return;
    let event;
    try {
      if (typeof frame.data !== "string") throw new ProtocolError("binary frames are not part of protocol v1");
      event = this.protocol.receive(JSON.parse(frame.data), this.clock());
    } catch (err) {
      console.error("docsync: bad server message, reconnecting", err);
      ws.close(CLOSE_PROTOCOL_VIOLATION, "bad server message");
      return;
    }
    if (event.type === "welcome") this._onWelcome(event);
    try {
      this.onEvent(event);
    } catch (err) {
      console.error("docsync: could not apply server message, resyncing", err);
      this.protocol.resync();
      ws.close(CLOSE_PROTOCOL_VIOLATION, "cannot apply server message");
      return;
    }
    this._maybeAck();
  }

  _onWelcome(event) {
    this._welcomed = true;
    this.attempt = 0;
    this.onStatus(this.everOpened ? "restored" : "open", { resumed: event.resumed });
    this.everOpened = true;
    // PROTOCOL.md §6: resend, in order, what the server has not acknowledged.
    for (const msg of event.resend) this.ws.send(JSON.stringify(msg));
  }

  _maybeAck() {
    const now = this.clock();
    if (this.protocol.ackDue(now)) this.send(this.protocol.takeAck());
    clearTimeout(this._ackTimer);
    const at = this.protocol.nextAckAt();
    if (at !== null) this._ackTimer = setTimeout(() => this._maybeAck(), Math.max(0, (at - now) * 1000) + 1);
  }

  /** PROTOCOL.md §8: what each close code means for the client. */
  _onClose(ws, code, reason) {
    if (ws !== this.ws) return;
    this.ws = null;
    clearTimeout(this._ackTimer);
    this.protocol.disconnected();
    if (this.stopped) return;
    if (this._restartExpected) {
      this.stopped = true;
      this.onStatus("restarting", {});
      return;
    }
    switch (code) {
      case 4401:
        // A server with logins: no login, or it expired or logged out. Reloading the page
        // takes the user to the login page (the page itself needs a login).
        if (String(reason).startsWith("login")) return this._halt("login", { code, reason });
        return this._halt("expired", { code, reason });
      case 4404:
        return this._halt("expired", { code, reason });
      case 4403:
        return this._halt("forbidden", { code, reason, message: "This page's origin is not allowed to connect." });
      case 4409:
        // §6: a hello with last_seq null refused because another tab holds the session:
        // load a fresh page (fresh token, fresh session). Otherwise we were taken over.
        if (!this._welcomed && this._helloLastSeq === null) return this._halt("reload", { code });
        return this._halt("taken-over", { code });
      case 4429:
        return this._reconnect(Math.max(this.attempt + 1, 7)); // back off hard, then resume
      default:
        // 1000, 1001 (server shutting down), 1006 (network), 1009, 4400, ...: resume.
        return this._reconnect(this.attempt + 1);
    }
  }

  _halt(status, detail) {
    this.stopped = true;
    this.onStatus(status, detail);
  }

  _reconnect(attempt) {
    this.attempt = attempt;
    const delay = backoffDelay(attempt);
    this.onStatus("reconnecting", { attempt, delay });
    this._reconnectTimer = setTimeout(() => this._open(), delay);
  }
}
