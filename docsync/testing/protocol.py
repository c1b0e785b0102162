"""``ClientProtocol``: the browser's half of PROTOCOL.md in Python, without DOM or socket."""

from __future__ import annotations

import json
from typing import Any

import jsonpatch

from docsync.exceptions import ProtocolMismatch  # re-exported: tests of apps catch it here

__all__ = ["ClientProtocol", "ProtocolMismatch"]


class ClientProtocol:
    """What a browser tab does with the protocol, minus the DOM and the socket."""

    def __init__(self, token: str) -> None:
        self.token = token
        self.doc: dict[str, Any] | None = None
        self.session_id: str | None = None
        self.last_seq: int | None = None
        self.cseq = 0
        self.outbox: list[dict[str, Any]] = []
        self.errors: list[dict[str, Any]] = []
        self.commands: list[dict[str, Any]] = []
        self.received: list[dict[str, Any]] = []
        self.welcomes: list[dict[str, Any]] = []
        self.snapshots = 0

    # -- outgoing ------------------------------------------------------------------------

    def hello(self, *, args: dict[str, Any] | None = None,
              location: dict[str, Any] | None = None) -> str:
        return json.dumps({"type": "hello", "protocol": 1, "token": self.token,
                           "last_seq": self.last_seq, "args": args or {},
                           "location": location or {}})

    def _send(self, message: dict[str, Any]) -> str:
        self.cseq += 1
        message = {**message, "cseq": self.cseq, "base": self.last_seq or 0}
        self.outbox.append(message)
        return json.dumps(message)

    def set(self, model_id: str, prop: str, value: Any) -> str:
        """A local edit: applied at once (optimistically), returned as a ``patch`` frame."""
        op = {"op": "replace", "path": f"/models/{model_id}/props/{prop}", "value": value}
        if self.doc is not None and model_id in self.doc["models"]:
            self.doc["models"][model_id]["props"][prop] = value
        return self._send({"type": "patch", "ops": [op]})

    def set_many(self, edits: dict[tuple[str, str], Any]) -> str:
        """Several local edits, ``{(model_id, prop): value}``, in one ``patch`` frame."""
        ops = []
        for (model_id, prop), value in edits.items():
            ops.append({"op": "replace", "path": f"/models/{model_id}/props/{prop}",
                        "value": value})
            if self.doc is not None and model_id in self.doc["models"]:
                self.doc["models"][model_id]["props"][prop] = value
        return self._send({"type": "patch", "ops": ops})

    def submit(self, form_id: str, values: dict[str, Any] | None = None) -> str:
        """What the page sends when the user submits ``Form`` ``form_id`` after editing
        fields ``{field_model_id: value}``: one ``patch`` setting each field's ``value``,
        then the form's ``submits`` counter raised by one (see ``docsync.form``)."""
        edits: dict[tuple[str, str], Any] = {(mid, "value"): v for mid, v in (values or {}).items()}
        edits[(form_id, "submits")] = self.prop(form_id, "submits") + 1
        return self.set_many(edits)

    def patch(self, ops: list[Any]) -> str:
        """A raw ``patch`` frame with arbitrary ops (for testing refusals)."""
        return self._send({"type": "patch", "ops": ops})

    def event(self, model_id: str, name: str, data: Any = None) -> str:
        return self._send({"type": "event", "model": model_id, "name": name,
                           "data": {} if data is None else data})

    def ack(self) -> str:
        return json.dumps({"type": "ack", "seq": self.last_seq or 0})

    def resend(self) -> list[str]:
        """Frames to resend after a ``welcome``: the unacknowledged outbox, in order."""
        return [json.dumps(m) for m in self.outbox]

    # -- incoming ------------------------------------------------------------------------

    def receive(self, text: str) -> dict[str, Any]:
        message = json.loads(text)
        self.received.append(message)
        kind = message["type"]
        if kind == "welcome":
            self.session_id = message["session_id"]
            self.welcomes.append(message)
            self._acked(message["cseq"])
            return message
        seq = message["seq"]
        if self.last_seq is not None and seq <= self.last_seq:
            return message  # a duplicate (PROTOCOL.md §6): already applied
        if kind != "snapshot" and self.last_seq is not None and seq != self.last_seq + 1:
            raise ProtocolMismatch(f"seq {seq} after {self.last_seq}: a message was lost")
        self.last_seq = seq
        if kind == "snapshot":
            self.doc = message["doc"]
            self.snapshots += 1
        elif kind == "patch":
            if self.doc is None:
                raise ProtocolMismatch("patch before snapshot")
            try:
                jsonpatch.apply_patch(self.doc, message["ops"], in_place=True)
            except (jsonpatch.JsonPatchException, jsonpatch.JsonPointerException) as exc:
                raise ProtocolMismatch(f"patch {seq} does not apply: {exc}") from None
            if "cseq" in message:
                self._acked(message["cseq"])
        elif kind == "error":
            self.errors.append(message)
        elif kind == "command":
            self.commands.append(message)
        return message

    def _acked(self, cseq: int) -> None:
        self.outbox = [m for m in self.outbox if m["cseq"] > cseq]

    # -- reading the document -----------------------------------------------------------

    def find(self, type_: str | None = None, **props: Any) -> str:
        """The id of the first model (in id order) of ``type_`` whose props match."""
        assert self.doc is not None, "not connected"
        for model_id, model in sorted(self.doc["models"].items(), key=lambda kv: int(kv[0][1:])):
            if type_ is not None and model["type"] != type_:
                continue
            if all(model["props"].get(k) == v for k, v in props.items()):
                return model_id
        raise LookupError(f"no {type_ or 'model'} with {props} in the document")

    def props(self, model_id: str) -> dict[str, Any]:
        assert self.doc is not None, "not connected"
        return self.doc["models"][model_id]["props"]

    def prop(self, model_id: str, prop: str) -> Any:
        return self.props(model_id)[prop]
