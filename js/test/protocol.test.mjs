import assert from "node:assert/strict";
import { describe, test } from "node:test";

import { ClientProtocol, MessageTooLarge, ProtocolError } from "../src/protocol.js";
import { helloDoc } from "./helpers.mjs";

const welcome = (cseq = 0, resumed = false) => ({ type: "welcome", session_id: "s", resumed, cseq });
const snapshot = (seq) => ({ type: "snapshot", seq, doc: helloDoc() });
const patch = (seq, extra = {}) => ({ type: "patch", seq, ops: [], ...extra });
const edit = (v) => [{ op: "replace", path: "/models/m2/props/value", value: v }];

/** A protocol that has connected and applied a snapshot at `seq`. */
function opened(seq = 1) {
  const p = new ClientProtocol({ token: "T" });
  p.connect();
  p.receive(welcome(), 0);
  p.receive(snapshot(seq), 0);
  return p;
}

describe("hello and welcome", () => {
  test("args and location given as functions are read at every connect", () => {
    let search = "?a=1";
    const p = new ClientProtocol({ token: "T", args: () => ({ a: [search.slice(3)] }), location: () => ({ search }) });
    assert.deepEqual([p.connect().args, p.connect().location], [{ a: ["1"] }, { search: "?a=1" }]);
    search = "?a=2";
    assert.deepEqual([p.connect().args, p.connect().location], [{ a: ["2"] }, { search: "?a=2" }]);
  });

  test("first hello has last_seq null, a reconnect the last applied seq", () => {
    const p = new ClientProtocol({ token: "T", args: { a: ["1"] }, location: { href: "h" } });
    assert.deepEqual(p.connect(), { type: "hello", protocol: 1, token: "T", last_seq: null, args: { a: ["1"] }, location: { href: "h" } });
    p.receive(welcome(), 0);
    p.receive(snapshot(1), 0);
    p.receive(patch(2), 0);
    p.disconnected();
    assert.equal(p.connect().last_seq, 2);
  });

  test("nothing but welcome is accepted before welcome", () => {
    const p = new ClientProtocol({ token: "T" });
    assert.throws(() => p.receive(welcome(), 0), ProtocolError); // not connected
    p.connect();
    assert.throws(() => p.receive(snapshot(1), 0), ProtocolError);
  });

  test("the first sequenced message must be a snapshot", () => {
    const p = new ClientProtocol({ token: "T" });
    p.connect();
    p.receive(welcome(), 0);
    assert.throws(() => p.receive(patch(1), 0), ProtocolError);
  });
});

test("a welcome that did not resume starts seq afresh, acks included", () => {
  const p = opened(7);
  p.disconnected();
  assert.equal(p.connect().last_seq, 7);
  p.receive(welcome(0, false), 0);
  p.receive(snapshot(1), 0);
  assert.equal(p.ackDue(1), true);
  assert.deepEqual(p.takeAck(), { type: "ack", seq: 1 });
});

describe("outbox", () => {
  test("patch and event carry cseq and base, and wait in the outbox", () => {
    const p = opened(4);
    assert.deepEqual(p.patch(edit(5)), { type: "patch", cseq: 1, base: 4, ops: edit(5) });
    assert.deepEqual(p.event("m9", "click"), { type: "event", cseq: 2, base: 4, model: "m9", name: "click", data: {} });
    assert.deepEqual(p.outbox.map((m) => m.cseq), [1, 2]);
  });

  test("a server patch with cseq acknowledges up to it", () => {
    const p = opened(1);
    p.patch(edit(1));
    p.patch(edit(2));
    p.patch(edit(3));
    p.receive(patch(2, { cseq: 2 }), 0);
    assert.deepEqual(p.outbox.map((m) => m.cseq), [3]);
  });

  test("resume: drop what welcome.cseq covers, resend the rest in order", () => {
    const p = opened(1);
    p.patch(edit(1));
    p.patch(edit(2));
    p.disconnected();
    p.event("m9", "click"); // made while disconnected
    assert.equal(p.isOpen, false);
    assert.equal(p.connect().last_seq, 1);
    const ev = p.receive(welcome(1, true), 0);
    assert.deepEqual(ev.resend.map((m) => [m.type, m.cseq]), [["patch", 2], ["event", 3]]);
    assert.equal(p.patch(edit(4)).cseq, 4);
  });

  test("an error names and acknowledges the refused message", () => {
    const p = opened(1);
    const sent = p.patch(edit(99));
    const ev = p.receive({ type: "error", seq: 2, cseq: 1, code: "invalid", message: "too big" }, 0);
    assert.deepEqual(ev, { type: "error", code: "invalid", message: "too big", refused: sent });
    assert.deepEqual(p.outbox, []);
  });

  test("cseq never goes backwards below what the server has seen", () => {
    const p = new ClientProtocol({ token: "T" });
    p.connect();
    p.receive(welcome(7, true), 0);
    assert.equal(p.patch(edit(1)).cseq, 8);
  });
});

describe("sequencing", () => {
  test("duplicates are ignored, gaps are protocol errors", () => {
    const p = opened(1);
    assert.equal(p.receive(patch(2), 0).type, "patch");
    assert.deepEqual(p.receive(patch(2), 0), { type: "duplicate", seq: 2 });
    assert.deepEqual(p.receive(snapshot(1), 0), { type: "duplicate", seq: 1 });
    assert.throws(() => p.receive(patch(4), 0), /gap/);
    assert.equal(p.lastSeq, 2);
  });

  test("a snapshot replaces the document and may jump ahead", () => {
    const p = opened(1);
    const ev = p.receive(snapshot(40), 0);
    assert.equal(ev.type, "snapshot");
    assert.deepEqual(ev.doc, helloDoc());
    assert.equal(p.lastSeq, 40);
    assert.equal(p.receive(patch(41), 0).type, "patch");
  });

  test("resync asks for a snapshot on the next hello", () => {
    const p = opened(3);
    p.resync();
    p.disconnected();
    assert.equal(p.connect().last_seq, null);
    p.receive(welcome(0, true), 0);
    assert.throws(() => p.receive(patch(4), 0), ProtocolError);
  });

  test("malformed server messages are refused", () => {
    const p = opened(1);
    for (const bad of [null, [], "x", { type: 3 }, { type: "nope", seq: 2 }, { type: "patch", seq: 2 }, { type: "patch", seq: "2", ops: [] },
      { type: "snapshot", seq: 2, doc: [] }, { type: "error", seq: 2, cseq: null, code: "x" }, { type: "command", seq: 2, name: 1 }]) {
      assert.throws(() => p.receive(bad, 0), ProtocolError, JSON.stringify(bad));
    }
    assert.equal(p.lastSeq, 1);
    assert.throws(() => p.receive(welcome(), 0), ProtocolError); // a second welcome
  });

  test("commands pass through", () => {
    const p = opened(1);
    assert.deepEqual(p.receive({ type: "command", seq: 2, name: "open_url", data: { url: "u" } }, 0), { type: "command", name: "open_url", data: { url: "u" } });
  });
});

describe("acknowledgement (PROTOCOL.md §6)", () => {
  test("a snapshot is due at once: the server learns the page is shown", () => {
    const p = new ClientProtocol({ token: "T" });
    p.connect();
    p.receive(welcome(), 5);
    assert.equal(p.ackDue(5), false);
    p.receive(snapshot(1), 5);
    assert.equal(p.ackDue(5), true);
    assert.equal(p.nextAckAt(), 5);
    assert.deepEqual(p.takeAck(), { type: "ack", seq: 1 });
    p.receive(patch(2), 5.5); // later messages wait for the usual policy again
    assert.equal(p.ackDue(5.5), false);
    assert.equal(p.nextAckAt(), 6.5);
    p.receive(snapshot(9), 5.6); // a resync snapshot is shown at once too
    assert.equal(p.ackDue(5.6), true);
    assert.deepEqual(p.takeAck(), { type: "ack", seq: 9 });
  });

  test("a snapshot's ack is not owed on a new connection: hello's last_seq covers it", () => {
    const p = opened(1);
    p.disconnected();
    assert.equal(p.connect().last_seq, 1);
    p.receive(welcome(0, true), 0);
    assert.equal(p.ackDue(0), false);
    assert.equal(p.takeAck(), null);
  });

  test("due after 50 messages", () => {
    const p = opened(1);
    p.takeAck(); // the snapshot's
    for (let seq = 2; seq < 51; seq++) p.receive(patch(seq), 0.01);
    assert.equal(p.ackDue(0.01), false);
    p.receive(patch(51), 0.01);
    assert.equal(p.ackDue(0.01), true);
    assert.deepEqual(p.takeAck(), { type: "ack", seq: 51 });
    assert.equal(p.ackDue(0.01), false);
    assert.equal(p.takeAck(), null);
  });

  test("due one second after the first unacknowledged message", () => {
    const p = opened(1); // snapshot arrived at t=0
    p.takeAck();
    assert.equal(p.nextAckAt(), null);
    p.receive(patch(2), 10);
    p.receive(patch(3), 10.5);
    assert.equal(p.nextAckAt(), 11);
    assert.equal(p.ackDue(10.99), false);
    assert.equal(p.ackDue(11), true);
    assert.deepEqual(p.takeAck(), { type: "ack", seq: 3 });
    assert.equal(p.nextAckAt(), null);
  });

  test("duplicates do not need an ack; hello counts as one", () => {
    const p = opened(1);
    p.takeAck();
    p.receive(snapshot(1), 5);
    assert.equal(p.ackDue(100), false);
    p.receive(patch(2), 5);
    p.disconnected();
    assert.equal(p.ackDue(100), false);
    p.connect(); // last_seq 2 acknowledges everything
    p.receive(welcome(0, true), 6);
    assert.equal(p.ackDue(100), false);
  });
});

describe("the server's frame limit (bootstrap max_message)", () => {
  test("a message over it is refused before it is queued; smaller ones go out", () => {
    const p = new ClientProtocol({ token: "T", maxMessage: 200 });
    p.connect();
    p.receive(welcome(), 0);
    p.receive(snapshot(1), 0);
    assert.throws(() => p.event("m1", "upload", { data: "x".repeat(300) }), (err) => {
      assert.ok(err instanceof MessageTooLarge);
      assert.equal(err.limit, 200);
      assert.ok(err.size > 300);
      assert.match(err.message, /at most 200 bytes/);
      return true;
    });
    assert.equal(p.outbox.length, 0); // never resent after a reconnect
    const msg = p.event("m1", "upload", { data: "small" });
    assert.equal(msg.cseq, 1); // the refused message used no cseq
    assert.equal(p.outbox.length, 1);
  });

  test("sizes count UTF-8 bytes, not UTF-16 code units", () => {
    const p = new ClientProtocol({ token: "T", maxMessage: 200 });
    assert.throws(() => p.patch([{ op: "replace", path: "/models/m1/props/value", value: "é".repeat(60) }]), MessageTooLarge);
    assert.doesNotThrow(() => p.patch([{ op: "replace", path: "/models/m1/props/value", value: "e".repeat(60) }]));
  });
});
