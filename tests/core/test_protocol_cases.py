"""The shared protocol cases (tests/protocol_cases/) run against the Python core.

The same files run against the browser client under ``node --test`` (js/test/).
"""

from __future__ import annotations

import json
import secrets
from pathlib import Path
from typing import Any

import jsonpatch
import pytest

import docsync as ds
from docsync.core.connection import Connection
from docsync.core.document import Document
from docsync.core.messages import Hello
from docsync.core.registry import RegistryConfig, SessionRegistry
from docsync.core.session import LogLimits, Session
from docsync.core.tokens import issue_token, new_session_id

CASES = Path(__file__).resolve().parent.parent / "protocol_cases"
PATCH_CASES = sorted((CASES / "patch").glob("*.json"))
TRANSCRIPTS = sorted((CASES / "transcripts").glob("*.json"))


def hello_app() -> Document:
    """PROTOCOL cases' ``hello`` app: m1 Column, m2 IntSlider, m3 ParamFunction, m4 Markdown."""
    x = ds.widgets.IntSlider(name="x", start=0, end=10, value=3)
    return Document([ds.Column(x, ds.bind(lambda v: f"x is {v}", x))], title="hello")


@pytest.mark.parametrize("path", PATCH_CASES, ids=lambda p: p.stem)
def test_patch_case(path: Path) -> None:
    case = json.loads(path.read_text())
    doc = json.loads(json.dumps(case["doc"]))
    if case.get("error"):
        with pytest.raises((jsonpatch.JsonPatchException, jsonpatch.JsonPointerException)):
            jsonpatch.apply_patch(doc, case["ops"], in_place=False)
    else:
        assert jsonpatch.apply_patch(doc, case["ops"], in_place=False) == case["expected"]


def _matches(expected: Any, actual: Any) -> bool:
    if expected == "$SESSION":
        return isinstance(actual, str) and len(actual) >= 22
    if isinstance(expected, dict):
        return isinstance(actual, dict) and all(
            k in actual and _matches(v, actual[k]) for k, v in expected.items())
    return bool(expected == actual)


class Runner:
    """Plays a transcript's client steps into the core and checks its server steps."""

    def __init__(self, case: dict[str, Any]) -> None:
        secret = secrets.token_bytes(32)
        limits = LogLimits(max_messages=case.get("log_max_messages", 1024))
        self.registry = SessionRegistry(secret=secret, factory=self._create,
                                        config=RegistryConfig(log_limits=limits))
        self.limits = limits
        self.token = issue_token(secret, new_session_id(secrets.token_bytes(16)), 0)
        self.connection: Connection | None = None
        self.session: Session | None = None
        self.in_flight: list[dict[str, Any]] = []

    def _create(self, session_id: str, hello: Hello, handle: Any) -> Session:
        return Session(session_id, hello_app(), hello=hello, limits=self.limits)

    def client(self, message: dict[str, Any]) -> None:
        if message["type"] == "hello":
            message = {**message, "token": self.token}
            self.connection = Connection(self.registry)
        if self.connection is None:
            return  # an edit made offline: it reaches the server as a resend after welcome
        out = self.connection.receive(json.dumps(message), now=0)
        self.session = self.connection.session
        self.in_flight.extend(json.loads(t) for t in out.send)

    def server(self, expected: dict[str, Any]) -> None:
        assert self.in_flight, f"expected {expected}, the server sent nothing more"
        actual = self.in_flight.pop(0)
        assert _matches(expected, actual), f"expected {expected}\n     got {actual}"

    def drop(self) -> None:
        assert self.connection is not None
        self.connection.closed(now=0)
        self.connection = None
        self.in_flight.clear()  # lost with the connection

    def server_set(self, step: dict[str, Any]) -> None:
        assert self.session is not None
        model = self.session.document.get_model(step["model"])
        setattr(model, step["prop"], step["value"])
        frames = self.session.flush()  # the transport's loop tick
        if self.connection is not None:
            self.in_flight.extend(json.loads(t) for t in frames)


@pytest.mark.parametrize("path", TRANSCRIPTS, ids=lambda p: p.stem)
def test_transcript(path: Path) -> None:
    case = json.loads(path.read_text())
    assert case["app"] == "hello"
    runner = Runner(case)
    for step in case["steps"]:
        if "client" in step:
            runner.client(step["client"])
        elif "server" in step:
            runner.server(step["server"])
        elif "drop" in step:
            runner.drop()
        elif "server_set" in step:
            runner.server_set(step["server_set"])
        else:
            raise AssertionError(f"unknown step {step}")
    assert not runner.in_flight, f"the server sent more than the transcript: {runner.in_flight}"
