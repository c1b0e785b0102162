import assert from "node:assert/strict";
import { afterEach, beforeEach, describe, mock, test } from "node:test";

import { ClientProtocol } from "../src/protocol.js";
import { BACKOFF_MAX_MS, Transport, backoffDelay, resolveWebSocketUrl } from "../src/transport.js";
import { helloDoc } from "./helpers.mjs";

/** A stand-in for the browser WebSocket: records sent frames, lets the test play the server. */
class FakeSocket {
  static all = [];
  constructor(url) {
    this.url = url;
    this.sent = [];
    this.readyState = 0;
    FakeSocket.all.push(this);
  }
  send(data) {
    this.sent.push(JSON.parse(data));
  }
  close(code = 1000) {
    this.serverClose(code);
  }
  // Test side:
  open() {
    this.readyState = 1;
    this.onopen();
  }
  deliver(msg) {
    this.onmessage({ data: JSON.stringify(msg) });
  }
  serverClose(code, reason = "") {
    if (this.readyState === 3) return;
    this.readyState = 3;
    this.onclose({ code, reason });
  }
}

function setup() {
  FakeSocket.all = [];
  const statuses = [];
  const events = [];
  let now = 0;
  const protocol = new ClientProtocol({ token: "T" });
  const transport = new Transport({
    url: "ws://x/app/ws",
    protocol,
    WebSocketImpl: FakeSocket,
    clock: () => now,
    onEvent: (e) => events.push(e),
    onStatus: (s, d) => statuses.push([s, d]),
  });
  transport.start();
  const ws = () => FakeSocket.all.at(-1);
  const handshake = (resumed = false, cseq = 0) => {
    ws().open();
    ws().deliver({ type: "welcome", session_id: "s", resumed, cseq });
  };
  return { protocol, transport, statuses, events, ws, handshake, tick: (s) => (now += s) };
}

describe("transport", () => {
  beforeEach(() => mock.timers.enable({ apis: ["setTimeout"] }));
  afterEach(() => mock.timers.reset());

  test("url resolution and backoff", () => {
    assert.equal(resolveWebSocketUrl("ws", "http://h:1/app"), "ws://h:1/ws");
    assert.equal(resolveWebSocketUrl("app/ws", "https://h/x/"), "wss://h/x/app/ws");
    assert.equal(resolveWebSocketUrl("ws://o/ws", "https://h/"), "ws://o/ws");
    assert.equal(backoffDelay(1, () => 1), 100);
    assert.equal(backoffDelay(3, () => 1), 400);
    assert.equal(backoffDelay(30, () => 1), BACKOFF_MAX_MS);
    assert.equal(backoffDelay(30, () => 0), BACKOFF_MAX_MS / 2);
  });

  test("hello first, snapshot acked once applied, patches after a second, resume with resend", () => {
    const t = setup();
    let sentWhenApplied = null;
    t.transport.onEvent = (e) => {
      if (e.type === "snapshot") sentWhenApplied = t.ws().sent.length;
    };
    t.handshake();
    assert.equal(t.ws().sent[0].type, "hello");
    assert.equal(t.ws().sent[0].last_seq, null);
    t.ws().deliver({ type: "snapshot", seq: 1, doc: helloDoc() });
    assert.deepEqual(t.statuses.map(([s]) => s), ["connecting", "open"]);
    assert.equal(sentWhenApplied, 1, "the ack goes out after the snapshot is applied, not before");
    assert.deepEqual(t.ws().sent.at(-1), { type: "ack", seq: 1 });
    t.ws().deliver({ type: "patch", seq: 2, ops: [] });
    assert.equal(t.ws().sent.length, 2);
    t.tick(1);
    mock.timers.tick(1100);
    assert.deepEqual(t.ws().sent.at(-1), { type: "ack", seq: 2 });

    t.transport.send(t.protocol.patch([{ op: "replace", path: "/models/m2/props/value", value: 4 }]));
    assert.equal(t.ws().sent.at(-1).type, "patch");
    t.ws().serverClose(1006);
    assert.equal(t.statuses.at(-1)[0], "reconnecting");
    assert.equal(t.statuses.at(-1)[1].attempt, 1);
    t.transport.send(t.protocol.event("m9", "click", {})); // while down: outbox only
    mock.timers.tick(200);
    assert.equal(FakeSocket.all.length, 2);
    t.handshake(true, 0);
    assert.deepEqual(t.ws().sent.map((m) => [m.type, m.cseq ?? m.last_seq]), [["hello", 2], ["patch", 1], ["event", 2]]);
    assert.equal(t.statuses.at(-1)[0], "restored");
  });

  test("close codes (PROTOCOL.md §8)", () => {
    const cases = [
      [4401, "expired"],
      [4404, "expired"],
      [4403, "forbidden"],
      [1001, "reconnecting"],
      [1009, "reconnecting"],
      [4400, "reconnecting"],
      [4429, "reconnecting"],
    ];
    for (const [code, status] of cases) {
      const t = setup();
      t.handshake();
      t.ws().deliver({ type: "snapshot", seq: 1, doc: helloDoc() });
      t.ws().serverClose(code);
      assert.equal(t.statuses.at(-1)[0], status, `code ${code}`);
      mock.timers.tick(10_000);
      assert.equal(FakeSocket.all.length, status === "reconnecting" ? 2 : 1, `code ${code}`);
      t.transport.stop();
    }
  });

  test("4401 for a login sends the page to the login page; other 4401s are an expired session", () => {
    for (const [reason, status] of [["login required", "login"], ["login expired", "login"],
                                    ["session token signature does not verify", "expired"]]) {
      const t = setup();
      t.handshake();
      t.ws().deliver({ type: "snapshot", seq: 1, doc: helloDoc() });
      t.ws().serverClose(4401, reason);
      assert.equal(t.statuses.at(-1)[0], status, reason);
      mock.timers.tick(10_000);
      assert.equal(FakeSocket.all.length, 1, "no reconnect");
      t.transport.stop();
    }
  });

  test("4429 backs off for seconds", () => {
    const t = setup();
    t.handshake();
    t.ws().serverClose(4429);
    assert.ok(t.statuses.at(-1)[1].delay >= 2500);
  });

  test("4409: reload after a fresh hello, taken over after a welcome", () => {
    let t = setup();
    t.ws().open(); // hello with last_seq null
    t.ws().serverClose(4409);
    assert.equal(t.statuses.at(-1)[0], "reload");

    t = setup();
    t.handshake();
    t.ws().deliver({ type: "snapshot", seq: 1, doc: helloDoc() });
    t.ws().serverClose(4409);
    assert.equal(t.statuses.at(-1)[0], "taken-over");
  });

  test("a bad server message or an unappliable patch drops and resumes", () => {
    const t = setup();
    t.handshake();
    t.ws().deliver({ type: "snapshot", seq: 1, doc: helloDoc() });
    t.ws().deliver({ type: "patch", seq: 3, ops: [] }); // gap
    assert.equal(t.statuses.at(-1)[0], "reconnecting");
    mock.timers.tick(200);
    t.ws().open();
    assert.equal(t.ws().sent[0].last_seq, 1);
  });

  test("the reload command turns the next close into a restart", () => {
    const t = setup();
    t.handshake();
    t.ws().deliver({ type: "snapshot", seq: 1, doc: helloDoc() });
    t.transport.expectRestart();
    t.ws().serverClose(1001);
    assert.equal(t.statuses.at(-1)[0], "restarting");
    mock.timers.tick(10_000);
    assert.equal(FakeSocket.all.length, 1);
  });
});
