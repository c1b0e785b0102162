/**
 * comm_transport.js: the comm as a WebSocket for transport.js. The shared transcripts
 * (tests/protocol_cases/) are played through Transport over a CommLink, the kernel's side
 * scripted from the transcript's server steps, as tests/notebook/test_comm_cases.py plays
 * them from the frontend's side against a real kernel.
 */

import assert from "node:assert/strict";
import { afterEach, beforeEach, describe, mock, test } from "node:test";

import { CLOSE_GONE, CommLink } from "../src/comm_transport.js";
import { ClientProtocol } from "../src/protocol.js";
import { Transport } from "../src/transport.js";
import { helloDoc, loadCases } from "./helpers.mjs";

const TOKEN = "test-token.0.sig";
const SESSION = "test-session";

/** The kernel's side of one widget: what anywidget's model proxy offers a view. */
class KernelSide {
  constructor(state = {}) {
    this.state = state;
    this.handlers = new Map();
    this.sent = []; // custom messages from the view, in order
  }
  get(name) {
    return this.state[name];
  }
  on(name, callback) {
    if (!this.handlers.has(name)) this.handlers.set(name, new Set());
    this.handlers.get(name).add(callback);
  }
  off(name, callback) {
    this.handlers.get(name)?.delete(callback);
  }
  send(content) {
    this.sent.push(structuredClone(content));
  }
  // Test side:
  emit(name, ...args) {
    for (const callback of [...(this.handlers.get(name) ?? [])]) callback(...args);
  }
  custom(content) {
    this.emit("msg:custom", content);
  }
  listeners(name) {
    return this.handlers.get(name)?.size ?? 0;
  }
}

function setup() {
  const kernel = new KernelSide({ token: TOKEN });
  const link = new CommLink(kernel);
  const statuses = [];
  const events = [];
  let now = 0;
  const protocol = new ClientProtocol({ token: TOKEN });
  const transport = new Transport({
    url: "comm:",
    protocol,
    WebSocketImpl: link.socketClass(),
    clock: () => now,
    onEvent: (e) => events.push(e),
    onStatus: (s, d) => statuses.push([s, d]),
  });
  const frames = () => kernel.sent.filter((m) => "frame" in m).map((m) => ({ conn: m.conn, ...JSON.parse(m.frame) }));
  const conn = () => kernel.sent.filter((m) => "frame" in m).at(-1)?.conn;
  return { kernel, link, protocol, transport, statuses, events, frames, conn, tick: (s) => (now += s) };
}

function substitute(value) {
  if (value === "$TOKEN") return TOKEN;
  if (value === "$SESSION") return SESSION;
  if (Array.isArray(value)) return value.map(substitute);
  if (value && typeof value === "object") return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, substitute(v)]));
  return value;
}

/**
 * Play a transcript: `server` steps are sent by the scripted kernel on the current
 * connection; `client` steps must be what the view sent over the comm, in order (hellos
 * when Transport connects, acks when due, edits made through the protocol and resent after
 * a welcome); `drop` closes the connection from the kernel's side (1006: Transport resumes).
 */
function playTranscript(transcript) {
  const t = setup();
  let read = 0; // frames of the comm already compared
  let started = false;
  let offline = false;
  const sentFrames = () => t.frames().slice(read);
  transcript.steps.forEach((step, i) => {
    const where = `step ${i}: ${JSON.stringify(step)}`;
    t.tick(0.001);
    if (step.client) {
      const expected = substitute(step.client);
      if (expected.type === "hello") {
        if (!started) t.transport.start();
        started = true;
        offline = false;
        mock.timers.tick(10_000); // the reconnect backoff, then the socket opens
      } else if (expected.type === "patch" && sentFrames().length === 0) {
        t.transport.send(t.protocol.patch(expected.ops));
      } else if (expected.type === "event" && sentFrames().length === 0) {
        t.transport.send(t.protocol.event(expected.model, expected.name, expected.data));
      } else if (expected.type === "ack" && sentFrames().length === 0) {
        t.tick(1.0); // an ack falls due a second after the first unacknowledged message
        mock.timers.tick(1100);
      }
      if (offline) return; // an edit made offline: resent after the next welcome
      const [produced] = sentFrames();
      assert.ok(produced, `${where}: the view sent nothing`);
      read += 1;
      const { conn, ...message } = produced;
      assert.equal(conn, t.conn(), where);
      if (expected.type === "hello") {
        for (const [k, v] of Object.entries(expected)) assert.deepEqual(message[k], v, `${where}: hello.${k}`);
      } else {
        assert.deepEqual(message, expected, where);
      }
    } else if (step.server) {
      const msg = substitute(step.server);
      if (msg.type === "snapshot" && !("doc" in msg)) msg.doc = helloDoc();
      if (msg.type === "error" && !("message" in msg)) msg.message = "";
      if (msg.type === "patch" && !("ops" in msg)) msg.ops = [];
      t.kernel.custom({ conn: t.conn(), frame: JSON.stringify(msg) });
    } else if (step.drop) {
      assert.deepEqual(sentFrames(), [], `${where}: view messages left unshown before the drop`);
      t.kernel.custom({ conn: t.conn(), close: 1006, reason: "drop" });
      mock.timers.tick(1); // onclose runs; Transport schedules its reconnect
      assert.equal(t.statuses.at(-1)[0], "reconnecting", where);
      offline = true;
    }
  });
  assert.deepEqual(sentFrames(), [], "view messages left unshown at the end");
  t.transport.stop();
}

describe("comm transport", () => {
  beforeEach(() => mock.timers.enable({ apis: ["setTimeout"] }));
  afterEach(() => mock.timers.reset());

  const transcripts = loadCases("transcripts");
  test("there are transcripts", () => assert.ok(transcripts.length > 0));
  for (const transcript of transcripts) {
    test(`transcript ${transcript.file}: ${transcript.name}`, () => playTranscript(transcript));
  }

  test("each connection has its own id; another connection's frames are not ours", () => {
    const t = setup();
    t.transport.start();
    mock.timers.tick(1);
    const first = t.conn();
    t.kernel.custom({ conn: "someone-else", frame: JSON.stringify({ type: "welcome", session_id: "x", resumed: false, cseq: 0 }) });
    assert.equal(t.events.length, 0);
    t.kernel.custom({ conn: first, frame: JSON.stringify({ type: "welcome", session_id: SESSION, resumed: false, cseq: 0 }) });
    assert.deepEqual(t.statuses.map(([s]) => s), ["connecting", "open"]);
    t.kernel.custom({ conn: first, close: 1001, reason: "kernel going away" });
    mock.timers.tick(1); // onclose runs; Transport schedules its reconnect
    mock.timers.tick(10_000);
    assert.notEqual(t.conn(), first, "the resume uses a new connection");
    assert.equal(t.frames().at(-1).type, "hello");
  });

  test("closing is a handshake: onclose when the kernel answers", () => {
    const t = setup();
    t.transport.start();
    mock.timers.tick(1);
    const conn = t.conn();
    t.transport.stop();
    assert.deepEqual(t.kernel.sent.at(-1), { conn, close: 1000, reason: "" });
    t.kernel.custom({ conn, close: 1000, reason: "" });
    mock.timers.tick(1);
    assert.deepEqual(t.statuses.map(([s]) => s), ["connecting"], "a stopped transport says nothing more");
  });

  test("a kernel restart closes the session as gone, and new connections at once", () => {
    const t = setup();
    t.transport.start();
    mock.timers.tick(1);
    t.kernel.custom({ conn: t.conn(), frame: JSON.stringify({ type: "welcome", session_id: SESSION, resumed: false, cseq: 0 }) });
    t.kernel.emit("comm_live_update"); // the widget manager: this model's comm is no longer live
    mock.timers.tick(1);
    assert.equal(t.link.alive, false);
    assert.deepEqual(t.statuses.at(-1), ["expired", { code: CLOSE_GONE, reason: "the kernel restarted or stopped" }]);
    const socket = new (t.link.socketClass())("comm:");
    const closes = [];
    socket.onclose = (e) => closes.push(e.code);
    mock.timers.tick(1);
    assert.deepEqual(closes, [CLOSE_GONE]);
  });

  test("fresh tokens on request; none once the kernel is gone", async () => {
    const t = setup();
    const asked = t.link.requestToken();
    const request = t.kernel.sent.at(-1);
    assert.equal(request.token, null);
    t.kernel.custom({ conn: request.conn, token: "fresh.1.sig" });
    assert.equal(await asked, "fresh.1.sig");
    const unanswered = t.link.requestToken(500);
    mock.timers.tick(600);
    assert.equal(await unanswered, null);
    t.kernel.emit("comm_live_update");
    assert.equal(await t.link.requestToken(), null);
  });

  test("a static bundle on request: its text, or a rejection saying why there is none", async () => {
    const t = setup();
    const asked = t.link.requestAsset("vega.js");
    const request = t.kernel.sent.at(-1);
    assert.equal(request.asset, "vega.js");
    t.kernel.custom({ conn: "another-view", asset: "vega.js", text: "not ours" });
    t.kernel.custom({ conn: request.conn, asset: "vega.js", text: "globalThis.docsyncVega = {};" });
    assert.equal(await asked, "globalThis.docsyncVega = {};");

    const refused = t.link.requestAsset("secrets.py");
    const second = t.kernel.sent.at(-1);
    assert.notEqual(second.conn, request.conn, "each request has a conn of its own");
    t.kernel.custom({ conn: second.conn, asset: "secrets.py", text: null });
    await assert.rejects(refused, /the kernel does not give out secrets\.py/);

    const slow = t.link.requestAsset("vega.js", 500);
    mock.timers.tick(600);
    await assert.rejects(slow, /the kernel did not send vega\.js/);

    const removed = t.link.requestAsset("vega.js");
    t.link.dispose(); // the output is removed before the kernel answered
    await assert.rejects(removed, /the kernel did not send vega\.js/);
  });

  test("no static bundle once the kernel is gone", async () => {
    const t = setup();
    const pending = t.link.requestAsset("vega.js");
    t.kernel.emit("comm_live_update");
    await assert.rejects(pending, /did not send/);
    const sent = t.kernel.sent.length;
    await assert.rejects(t.link.requestAsset("vega.js"), /did not send/);
    assert.equal(t.kernel.sent.length, sent, "nothing is sent over a dead comm");
  });

  test("dispose stops listening to the model", () => {
    const t = setup();
    assert.equal(t.kernel.listeners("msg:custom"), 1);
    t.link.dispose();
    assert.equal(t.kernel.listeners("msg:custom"), 0);
    assert.equal(t.kernel.listeners("comm_live_update"), 0);
  });
});
