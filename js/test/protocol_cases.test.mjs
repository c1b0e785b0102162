/**
 * The shared protocol cases (tests/protocol_cases/README.md), JS side: every patch case
 * through patch.js and the document store, every transcript through protocol.js.
 */

import assert from "node:assert/strict";
import { describe, test } from "node:test";

import { DocumentStore } from "../src/document.js";
import { PatchError, applyPatch } from "../src/patch.js";
import { ClientProtocol } from "../src/protocol.js";
import { helloDoc, loadCases } from "./helpers.mjs";

const TOKEN = "test-token.0.sig";
const SESSION = "test-session";
const APP_DOCS = { hello: helloDoc };

describe("patch cases", () => {
  const cases = loadCases("patch");
  test("there are patch cases", () => assert.ok(cases.length > 0));
  for (const c of cases) {
    test(`${c.file}: ${c.name}`, () => {
      const before = structuredClone(c.doc);
      if (c.error) {
        assert.throws(() => applyPatch(c.doc, c.ops), PatchError);
      } else {
        assert.deepEqual(applyPatch(c.doc, c.ops), c.expected);
      }
      assert.deepEqual(c.doc, before, "the input document must be left unchanged");
    });
  }
});

/** Replace "$TOKEN" / "$SESSION" placeholders in a JSON value. */
function substitute(value) {
  if (value === "$TOKEN") return TOKEN;
  if (value === "$SESSION") return SESSION;
  if (Array.isArray(value)) return value.map(substitute);
  if (value && typeof value === "object") return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, substitute(v)]));
  return value;
}

/**
 * Play a transcript against the client protocol. `server` steps are input; `client` steps
 * are what the client must produce at that point: what it queued first (resends after a
 * welcome, the ack right after a snapshot), otherwise a hello, a local edit (patch), an
 * event, or an ack taken now. Server steps are
 * compared on the fields given, so a transcript may leave some out; they are filled in:
 * snapshot.doc with the app's document, error.message with "", patch.ops with no ops (the
 * document is then no longer checked).
 */
function playTranscript(transcript) {
  const firstHello = transcript.steps.find((s) => s.client?.type === "hello")?.client ?? {};
  const protocol = new ClientProtocol({ token: TOKEN, args: firstHello.args ?? {}, location: firstHello.location ?? {} });
  const store = new DocumentStore();
  let docKnown = true;
  let pending = []; // messages the client produced that the transcript has not shown yet
  let now = 0;
  transcript.steps.forEach((step, i) => {
    const where = `step ${i}: ${JSON.stringify(step)}`;
    now += 0.001;
    if (step.client) {
      const expected = substitute(step.client);
      let produced;
      if (pending.length > 0) produced = pending.shift();
      else if (expected.type === "hello") produced = protocol.connect();
      else if (expected.type === "patch") produced = protocol.patch(expected.ops);
      else if (expected.type === "event") produced = protocol.event(expected.model, expected.name, expected.data);
      else if (expected.type === "ack") produced = protocol.takeAck();
      else assert.fail(`${where}: unknown client message type`);
      if (expected.type === "hello") {
        // Compared on the fields given (args/location depend on the page).
        for (const [k, v] of Object.entries(expected)) assert.deepEqual(produced[k], v, `${where}: hello.${k}`);
      } else {
        assert.deepEqual(produced, expected, where);
      }
    } else if (step.server) {
      const msg = substitute(step.server);
      if (msg.type === "snapshot" && !("doc" in msg)) msg.doc = (APP_DOCS[transcript.app] ?? helloDoc)();
      if (msg.type === "error" && !("message" in msg)) msg.message = "";
      if (msg.type === "patch" && !("ops" in msg)) {
        msg.ops = [];
        docKnown = false;
      }
      const event = protocol.receive(msg, now);
      if (event.type === "welcome") pending = pending.concat(event.resend);
      if (event.type === "snapshot") {
        store.replace(event.doc);
        docKnown = true;
      }
      if (event.type === "patch" && docKnown) store.apply(event.ops);
      // What the transport does after applying a message: send an ack that is due now.
      if (protocol.ackDue(now)) pending.push(protocol.takeAck());
    } else if (step.drop) {
      assert.deepEqual(pending, [], `${where}: client messages left unshown before the drop`);
      protocol.disconnected();
    }
    // server_set and other server-only steps are not visible to the client.
  });
  assert.deepEqual(pending, [], "client messages left unshown at the end");
}

describe("transcripts", () => {
  const transcripts = loadCases("transcripts");
  test("there are transcripts", () => assert.ok(transcripts.length > 0));
  for (const t of transcripts) {
    test(`${t.file}: ${t.name}`, () => playTranscript(t));
  }
});
