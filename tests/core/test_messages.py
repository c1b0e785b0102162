import json

import pytest

from docsync.core.messages import (
    MAX_DEPTH,
    Ack,
    ClientEvent,
    ClientPatch,
    Hello,
    encode,
    parse_client_message,
)
from docsync.exceptions import BadMessage


def test_parses_each_client_message_type():
    hello = parse_client_message(json.dumps(
        {"type": "hello", "protocol": 1, "token": "t", "last_seq": None, "args": {"a": ["1"]},
         "location": {"pathname": "/app"}}))
    assert hello == Hello(1, "t", None, {"a": ["1"]}, {"pathname": "/app"})
    patch = parse_client_message('{"type":"patch","cseq":2,"base":1,"ops":[]}')
    assert patch == ClientPatch(2, 1, [])
    assert parse_client_message(
        '{"type":"event","cseq":3,"base":1,"model":"m2","name":"click","data":{}}'
    ) == ClientEvent(3, 1, "m2", "click", {})
    assert parse_client_message('{"type":"ack","seq":7}') == Ack(7)


@pytest.mark.parametrize("text", [
    "not json", "[1, 2]", '"hello"', "{}", '{"type": "nope"}',
    '{"type":"patch","cseq":"1","base":1,"ops":[]}',
    '{"type":"patch","cseq":1,"base":1,"ops":{}}',
    '{"type":"patch","cseq":true,"base":1,"ops":[]}',
    '{"type":"patch","cseq":-1,"base":1,"ops":[]}',
    '{"type":"event","cseq":1,"base":1,"model":2,"name":"click"}',
    '{"type":"hello","protocol":1,"token":5,"last_seq":null}',
    '{"type":"hello","protocol":1,"token":"t"}',
    '{"type":"ack"}',
    b"\xff\xfe",
    # issue 12: these raised TypeError or RecursionError instead
    '{"type": ["patch"], "cseq": 1}',
    '{"type": {"patch": 1}, "cseq": 1}',
    '{"type":"ack","seq":NaN}',
    '{"type":"patch","cseq":1,"base":0,"ops":[{"op":"replace","path":"/x","value":Infinity}]}',
    '{"type":"patch","cseq":1,"base":0,"ops":[' + "[" * 10_000 + "]" * 10_000 + "]}",
    '{"type":"patch","cseq":1,"base":0,"ops":[' + "[" * 150 + "]" * 150 + "]}",
    '{"type":"hello","protocol":1,"token":"t","last_seq":null,"args":'
    + '{"a":' * 10_000 + "1" + "}" * 10_000 + "}",
])
def test_refuses_malformed_input_as_bad_message(text):
    with pytest.raises(BadMessage) as info:
        parse_client_message(text)
    assert info.value.code == "bad-message"


def test_bad_message_names_the_cseq_it_could_read():
    with pytest.raises(BadMessage) as info:
        parse_client_message('{"type":"patch","cseq":4,"base":1}')
    assert info.value.cseq == 4  # type: ignore[attr-defined]


def test_nesting_up_to_the_limit_is_accepted():
    value = "[" * (MAX_DEPTH - 3) + "]" * (MAX_DEPTH - 3)
    message = parse_client_message(
        '{"type":"patch","cseq":1,"base":0,"ops":[{"op":"replace","path":"/p","value":'
        + value + "}]}")
    assert isinstance(message, ClientPatch)


def test_encode_is_compact_and_refuses_nan():
    assert encode({"type": "ack", "seq": 1}) == '{"type":"ack","seq":1}'
    with pytest.raises(ValueError):
        encode({"x": float("nan")})


def test_a_frame_given_as_bytes_parses_as_its_text():
    text = '{"type":"event","cseq":2,"base":0,"model":"m1","name":"click","data":"é"}'
    assert parse_client_message(text.encode()) == parse_client_message(text)
    with pytest.raises(BadMessage):
        parse_client_message(b'{"type":"ack","seq":\xff}')
