/**
 * The client side of the docsync wire protocol as a pure state machine (PROTOCOL.md §4, §6).
 *
 * No sockets, no DOM, no clock: the caller passes `now` (seconds, any monotonic origin)
 * and moves the messages. Contract for a transport:
 *
 *   1. On every new connection, send `connect()` (the `hello`) first.
 *   2. Pass every received message to `receive(msg, now)` and act on the returned event.
 *      It throws `ProtocolError` for a malformed, out-of-place or out-of-order message;
 *      the transport must then drop the connection and reconnect (resuming).
 *   3. After `receive` (once the event is applied), and when `nextAckAt()` passes, send
 *      `takeAck(now)` if `ackDue(now)`. A snapshot is due for an ack at once.
 *   4. Messages from `patch()` / `event()` are kept in the outbox until acknowledged; send
 *      them at once only when `isOpen`. After a `welcome`, send the event's `resend` list.
 *   5. On connection loss, call `disconnected()`.
 *
 * States: "closed" -> connect() -> "awaiting-welcome" -> welcome -> "open" -> disconnected()
 * -> "closed".
 */

/** Acknowledge at least every this many server messages (PROTOCOL.md §6). */
export const ACK_EVERY_MESSAGES = 50;
/** ... or this many seconds after the first unacknowledged one arrived (PROTOCOL.md §6). */
export const ACK_INTERVAL_SECONDS = 1.0;
// A snapshot is acknowledged as soon as it is applied: that ack tells the server the page
// is shown, and it runs the session's `onload` hooks on it.

export const PROTOCOL_VERSION = 1;

/** A server message that the client cannot accept; the connection must be dropped. */
export class ProtocolError extends Error {
  constructor(message) {
    super(message);
    this.name = "ProtocolError";
  }
}

const isObject = (v) => v !== null && typeof v === "object" && !Array.isArray(v);
const isInt = (v) => Number.isInteger(v);
const isSeq = (v) => Number.isInteger(v) && v >= 0;

/** Field checks per server message type (PROTOCOL.md §4, server → client table). */
const SERVER_FIELDS = {
  welcome: { session_id: (v) => typeof v === "string", resumed: (v) => typeof v === "boolean", cseq: isSeq },
  snapshot: { seq: isSeq, doc: isObject },
  patch: { seq: isSeq, ops: Array.isArray, cseq: (v) => v === undefined || v === null || isSeq(v) },
  command: { seq: isSeq, name: (v) => typeof v === "string", data: (v) => v === undefined || v === null || isObject(v) },
  error: { seq: isSeq, cseq: (v) => v === null || v === undefined || isSeq(v), code: (v) => typeof v === "string", message: (v) => typeof v === "string" },
};

/** Throw ProtocolError unless `msg` is a well-formed server message. */
export function validateServerMessage(msg) {
  if (!isObject(msg) || typeof msg.type !== "string") throw new ProtocolError("server message is not an object with a string type");
  const fields = SERVER_FIELDS[msg.type];
  if (!fields) throw new ProtocolError(`unknown server message type ${JSON.stringify(msg.type)}`);
  for (const [name, check] of Object.entries(fields)) {
    if (!check(msg[name])) throw new ProtocolError(`${msg.type}.${name} is missing or has the wrong type`);
  }
}

/**
 * A message the server would refuse for its size (it closes the connection with 1009,
 * PROTOCOL.md §1). Thrown before the message is queued, so it is never sent, never kept
 * in the outbox and never resent after a reconnect.
 */
export class MessageTooLarge extends Error {
  constructor(size, limit) {
    super(`This change is ${size} bytes; the server accepts messages of at most ${limit} bytes.`);
    this.name = "MessageTooLarge";
    this.size = size;
    this.limit = limit;
  }
}

/** UTF-8 length of `text`, computed only when it might exceed `limit`. */
function overLimit(text, limit) {
  if (text.length * 3 <= limit) return null; // even all three-byte characters fit
  const size = new TextEncoder().encode(text).length;
  return size > limit ? size : null;
}

export class ClientProtocol {
  /**
   * @param {object} options
   * @param {string} options.token  the bootstrap token (PROTOCOL.md §2)
   * @param {object | () => object} [options.args]  query args sent in `hello` (a function
   *   is called at every `connect()`)
   * @param {object | () => object} [options.location]  page location sent in `hello`, likewise
   * @param {number} [options.maxMessage]  the server's frame limit in bytes (bootstrap
   *   `max_message`): `patch()`/`event()` throw `MessageTooLarge` above it
   */
  constructor({ token, args = {}, location = {}, ackEvery = ACK_EVERY_MESSAGES, ackInterval = ACK_INTERVAL_SECONDS, maxMessage = Infinity }) {
    this.token = token;
    this.maxMessage = maxMessage;
    this.args = args;
    this.location = location;
    this.ackEvery = ackEvery;
    this.ackInterval = ackInterval;
    this.state = "closed";
    /** Last applied server seq; null until the first snapshot (or after `resync()`). */
    this.lastSeq = null;
    this.sessionId = null;
    this._lastAcked = null;
    this._firstUnackedAt = null;
    this._ackNow = false;
    this._nextCseq = 1;
    /** Sent-but-unacknowledged `patch`/`event` messages, in cseq order (PROTOCOL.md §6). */
    this.outbox = [];
  }

  get isOpen() {
    return this.state === "open";
  }

  /** Start a connection: returns the `hello` to send first (PROTOCOL.md §4, §6). */
  connect() {
    this.state = "awaiting-welcome";
    // The hello's last_seq tells the server everything up to it was applied: an implicit ack.
    this._lastAcked = this.lastSeq;
    this._firstUnackedAt = null;
    this._ackNow = false;
    const current = (v) => (typeof v === "function" ? v() : v);
    return { type: "hello", protocol: PROTOCOL_VERSION, token: this.token, last_seq: this.lastSeq, args: current(this.args), location: current(this.location) };
  }

  /** The connection is gone; unacknowledged messages stay in the outbox for the resume. */
  disconnected() {
    this.state = "closed";
  }

  /**
   * Forget the applied seq so that the next `hello` asks for a snapshot (last_seq null).
   * Call it when a server patch could not be applied, then drop the connection.
   */
  resync() {
    this.lastSeq = null;
  }

  /** A local property edit: returns the `patch` message (kept in the outbox). */
  patch(ops) {
    return this._queue({ type: "patch", cseq: this._nextCseq, base: this.lastSeq ?? 0, ops });
  }

  /** A stateless event such as a click: returns the `event` message (kept in the outbox). */
  event(model, name, data = {}) {
    return this._queue({ type: "event", cseq: this._nextCseq, base: this.lastSeq ?? 0, model, name, data });
  }

  _queue(msg) {
    if (Number.isFinite(this.maxMessage)) {
      const size = overLimit(JSON.stringify(msg), this.maxMessage);
      if (size !== null) throw new MessageTooLarge(size, this.maxMessage);
    }
    this._nextCseq += 1;
    this.outbox.push(msg);
    return msg;
  }

  /**
   * Process one server message. Returns one of:
   *   {type: "welcome", resumed, sessionId, resend: [msg, ...]}  send `resend` in order
   *   {type: "snapshot", doc}      replace the document
   *   {type: "patch", ops}         apply ops in order
   *   {type: "command", name, data}
   *   {type: "error", code, message, refused: msg | null}  refused = our refused message
   *   {type: "duplicate", seq}     already applied; nothing to do
   * Throws ProtocolError when the message is malformed or breaks the sequence.
   */
  receive(msg, now) {
    validateServerMessage(msg);
    if (this.state === "closed") throw new ProtocolError("message received while not connected");
    if (msg.type === "welcome") return this._welcome(msg);
    if (this.state !== "open") throw new ProtocolError(`${msg.type} received before welcome`);

    // PROTOCOL.md §4/§6: seq rises by one per message; a repeat is ignored, a gap is fatal.
    // A snapshot may jump ahead (the replay log no longer reached back, §6); before the
    // first snapshot only a snapshot is acceptable.
    if (this.lastSeq !== null && msg.seq <= this.lastSeq) return { type: "duplicate", seq: msg.seq };
    if (msg.type !== "snapshot") {
      if (this.lastSeq === null) throw new ProtocolError(`${msg.type} received before the first snapshot`);
      if (msg.seq !== this.lastSeq + 1) throw new ProtocolError(`gap in server seq: expected ${this.lastSeq + 1}, got ${msg.seq}`);
    }
    this.lastSeq = msg.seq;
    if (this._firstUnackedAt === null) this._firstUnackedAt = now;
    return this._dispatch(msg);
  }

  _welcome(msg) {
    if (this.state !== "awaiting-welcome") throw new ProtocolError("unexpected welcome");
    this.state = "open";
    this.sessionId = msg.session_id;
    this._dropAcknowledged(msg.cseq);
    if (!msg.resumed) {
      // A new session: its seqs start afresh with a snapshot.
      this.lastSeq = null;
      this._lastAcked = null;
    }
    return { type: "welcome", resumed: msg.resumed, sessionId: msg.session_id, resend: this.outbox.slice() };
  }

  _dispatch(msg) {
    switch (msg.type) {
      case "snapshot":
        this._ackNow = true;
        return { type: "snapshot", doc: msg.doc };
      case "patch":
        if (isSeq(msg.cseq)) this._dropAcknowledged(msg.cseq);
        return { type: "patch", ops: msg.ops };
      case "command":
        return { type: "command", name: msg.name, data: msg.data ?? {} };
      default: {
        // "error": the refused message was processed, so it (and all before it) is done.
        const refused = isSeq(msg.cseq) ? (this.outbox.find((m) => m.cseq === msg.cseq) ?? null) : null;
        if (isSeq(msg.cseq)) this._dropAcknowledged(msg.cseq);
        return { type: "error", code: msg.code, message: msg.message, refused };
      }
    }
  }

  _dropAcknowledged(cseq) {
    this.outbox = this.outbox.filter((m) => m.cseq > cseq);
    // Never reuse a cseq the server has seen, even if this client lost track of it.
    if (cseq >= this._nextCseq) this._nextCseq = cseq + 1;
  }

  _unacked() {
    if (this.lastSeq === null) return 0;
    return this.lastSeq - (this._lastAcked ?? 0);
  }

  /**
   * True when an `ack` must be sent now: right after a snapshot, else every 50 messages or
   * 1 s after the first unacknowledged one (PROTOCOL.md §6).
   */
  ackDue(now) {
    if (!this.isOpen) return false;
    const unacked = this._unacked();
    if (unacked <= 0) return false;
    return this._ackNow || unacked >= this.ackEvery || now - this._firstUnackedAt >= this.ackInterval;
  }

  /** When the next ack falls due (same clock as `now`), or null when nothing awaits an ack. */
  nextAckAt() {
    if (!this.isOpen || this._unacked() <= 0 || this._firstUnackedAt === null) return null;
    return this._ackNow ? this._firstUnackedAt : this._firstUnackedAt + this.ackInterval;
  }

  /** Return the `ack` for everything applied so far and record it, or null if none is needed. */
  takeAck() {
    if (!this.isOpen || this._unacked() <= 0) return null;
    this._lastAcked = this.lastSeq;
    this._firstUnackedAt = null;
    this._ackNow = false;
    return { type: "ack", seq: this.lastSeq };
  }
}
