"""Wire messages (PROTOCOL.md §4): one parser for client messages, encoders for server ones."""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from docsync.exceptions import BadMessage

__all__ = [
    "PROTOCOL_VERSION",
    "Ack",
    "ClientEvent",
    "ClientMessage",
    "ClientPatch",
    "Hello",
    "encode",
    "parse_client_message",
]

PROTOCOL_VERSION = 1
#: Deepest nesting of arrays and objects a client frame may hold. Deeper input would make
#: the parser, and later every copy or encoding of the value, recurse past Python's limit.
MAX_DEPTH = 100


@dataclass(frozen=True, slots=True)
class Hello:
    protocol: int
    token: str
    last_seq: int | None
    args: dict[str, Any]
    location: dict[str, Any]


@dataclass(frozen=True, slots=True)
class ClientPatch:
    cseq: int
    base: int
    ops: list[Any]


@dataclass(frozen=True, slots=True)
class ClientEvent:
    cseq: int
    base: int
    model: str
    name: str
    data: Any


@dataclass(frozen=True, slots=True)
class Ack:
    seq: int


ClientMessage = Hello | ClientPatch | ClientEvent | Ack


def _int(obj: dict[str, Any], key: str, *, nullable: bool = False) -> Any:
    value = obj.get(key)
    if value is None and nullable and key in obj:
        return None
    # bool is an int subclass in Python; JSON true is never a sequence number.
    if not isinstance(value, int) or isinstance(value, bool) or value < 0:
        raise BadMessage(f"field {key!r} must be a non-negative integer")
    return value


def _typed(obj: dict[str, Any], key: str, kind: type, label: str) -> Any:
    value = obj.get(key)
    if not isinstance(value, kind):
        raise BadMessage(f"field {key!r} must be {label}")
    return value


def _dict_or_empty(obj: dict[str, Any], key: str) -> dict[str, Any]:
    value = obj.get(key)
    if value is None:
        return {}
    if not isinstance(value, dict):
        raise BadMessage(f"field {key!r} must be an object")
    return value


def _hello(obj: dict[str, Any]) -> Hello:
    return Hello(
        protocol=_int(obj, "protocol"),
        token=_typed(obj, "token", str, "a string"),
        last_seq=_int(obj, "last_seq", nullable=True),
        args=_dict_or_empty(obj, "args"),
        location=_dict_or_empty(obj, "location"),
    )


def _patch(obj: dict[str, Any]) -> ClientPatch:
    return ClientPatch(
        cseq=_int(obj, "cseq"), base=_int(obj, "base"), ops=_typed(obj, "ops", list, "a list")
    )


def _event(obj: dict[str, Any]) -> ClientEvent:
    return ClientEvent(
        cseq=_int(obj, "cseq"),
        base=_int(obj, "base"),
        model=_typed(obj, "model", str, "a string"),
        name=_typed(obj, "name", str, "a string"),
        data=obj.get("data"),
    )


def _ack(obj: dict[str, Any]) -> Ack:
    return Ack(seq=_int(obj, "seq"))


_PARSERS: dict[str, Callable[[dict[str, Any]], ClientMessage]] = {
    "hello": _hello, "patch": _patch, "event": _event, "ack": _ack}


def _refuse_constant(name: str) -> Any:
    raise BadMessage(f"{name} is not JSON (RFC 8259 has no NaN or Infinity)")


# One decoder and one encoder, made once: json.loads and json.dumps build a new one on every
# call given any option, which costs more than decoding a patch (neither holds state).
_DECODER = json.JSONDecoder(parse_constant=_refuse_constant)
_ENCODER = json.JSONEncoder(separators=(",", ":"), ensure_ascii=False, allow_nan=False)


def _check_depth(value: Any) -> None:
    # Iterative, so that checking cannot itself recurse too deeply.
    stack: list[tuple[Any, int]] = [(value, 1)]
    while stack:
        item, depth = stack.pop()
        children = item.values() if isinstance(item, dict) else item
        for child in children:
            if isinstance(child, (dict, list)):
                if depth >= MAX_DEPTH:
                    raise BadMessage(f"JSON nested deeper than {MAX_DEPTH} levels")
                stack.append((child, depth + 1))


def parse_client_message(text: str | bytes) -> ClientMessage:
    """Parse one client frame; this never raises anything but :class:`BadMessage`.

    Raises :class:`BadMessage` for anything that is not one JSON object of a known ``type``
    with well-typed fields, nested at most :data:`MAX_DEPTH` levels. The error's ``cseq``
    attribute holds the message's ``cseq`` when one could be read, so the refusal can name
    it (PROTOCOL.md §4, ``error.cseq``).
    """
    try:
        if isinstance(text, bytes):
            text = text.decode(json.detect_encoding(text), "surrogatepass")
        obj = _DECODER.decode(text)
    except RecursionError:
        raise BadMessage(f"JSON nested deeper than {MAX_DEPTH} levels") from None
    except (ValueError, UnicodeDecodeError) as exc:
        raise BadMessage(f"not JSON: {exc}") from None
    if not isinstance(obj, dict):
        raise BadMessage("a message must be a JSON object")
    kind = obj.get("type")
    parser = _PARSERS.get(kind) if isinstance(kind, str) else None
    try:
        if len(text) >= 2 * MAX_DEPTH:  # each level takes two brackets: shorter is shallow
            _check_depth(obj)
        if parser is None:
            raise BadMessage(f"unknown message type {kind!r}")
        return parser(obj)
    except BadMessage as exc:
        cseq = obj.get("cseq")
        readable = isinstance(cseq, int) and not isinstance(cseq, bool)
        exc.cseq = cseq if readable else None  # type: ignore[attr-defined]
        raise


def encode(message: dict[str, Any]) -> str:
    """Encode a server message as one compact JSON text frame."""
    return _ENCODER.encode(message)
