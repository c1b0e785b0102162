"""``Chunks`` and the document's append ops for it (docsync/core/chunks.py, document.py)."""

import jsonpatch
import param
import pytest

from docsync.core.chunks import Chunks
from docsync.core.document import Document
from docsync.core.model import Model, chunk_props


class Streamed(Model):
    text = param.ClassSelector(class_=Chunks, default=None, allow_None=True)
    label = param.String(default="")


def grow(model, *pieces):
    for piece in pieces:
        model.text.append(piece)
    model.text = model.text  # the same object again: tells the document it grew


def test_chunks_append_text_and_refuse_non_strings():
    chunks = Chunks(["a", "", "b"])
    chunks.append("cd")
    assert chunks.pieces() == ["a", "b", "cd"] and chunks.text == "abcd" and len(chunks) == 3
    assert chunks.pieces(1) == ["b", "cd"]
    assert chunks == Chunks(["a", "b", "cd"]) and chunks != Chunks(["abcd"])
    with pytest.raises(TypeError, match="cannot append a int"):
        chunks.append(3)


def test_chunk_props_are_the_classselectors_of_chunks():
    assert chunk_props(Streamed) == ("text",)


@pytest.fixture
def streamed():
    model = Streamed(text=Chunks(["Hel"]))
    doc = Document([model])
    client = doc.snapshot(1)
    return model, doc, client


def test_snapshot_sends_the_pieces_as_a_list(streamed):
    _, _, client = streamed
    assert client["models"]["m1"]["props"]["text"] == ["Hel"]


def test_growth_is_sent_as_one_add_per_new_piece(streamed):
    model, doc, client = streamed
    grow(model, "lo", " wor")
    grow(model, "ld")
    ops = doc.take_ops(2)
    assert ops == [{"op": "add", "path": "/models/m1/props/text/-", "value": v}
                   for v in ("lo", " wor", "ld")]
    client = jsonpatch.apply_patch(client, ops)
    assert "".join(client["models"]["m1"]["props"]["text"]) == "Hello world"
    assert doc.take_ops(3) == []


def test_each_flush_sends_only_what_came_after_the_last(streamed):
    model, doc, client = streamed
    sent = []
    for seq, piece in enumerate(["a"] * 50, start=2):
        grow(model, piece)
        ops = doc.take_ops(seq)
        sent.append(ops)
        client = jsonpatch.apply_patch(client, ops)
    assert all(len(ops) == 1 and ops[0]["value"] == "a" for ops in sent)
    assert client["models"]["m1"]["props"]["text"] == model.text.pieces()


def test_another_chunks_object_is_sent_whole(streamed):
    model, doc, _ = streamed
    model.text = Chunks(["Hel", "p"])  # same prefix, but a new object: no trust in it
    assert doc.take_ops(2) == [{"op": "replace", "path": "/models/m1/props/text",
                                "value": ["Hel", "p"]}]
    model.text = None
    assert doc.take_ops(3) == [{"op": "replace", "path": "/models/m1/props/text",
                                "value": None}]
    model.text = Chunks(["x"])
    grow(model, "y")
    assert doc.take_ops(4) == [{"op": "replace", "path": "/models/m1/props/text",
                                "value": ["x", "y"]}]


def test_a_snapshot_after_growth_restarts_the_appends_from_it(streamed):
    model, doc, _ = streamed
    grow(model, "lo")
    client = doc.snapshot(2)
    assert client["models"]["m1"]["props"]["text"] == ["Hel", "lo"]
    grow(model, "!")
    assert doc.take_ops(3) == [{"op": "add", "path": "/models/m1/props/text/-", "value": "!"}]


def test_a_model_added_later_starts_from_its_pieces_then_appends():
    holder = Streamed(text=Chunks())
    doc = Document([holder])
    doc.snapshot(1)
    doc.roots = [holder, late := Streamed(text=Chunks(["a"]))]
    add = [op for op in doc.take_ops(2) if op["path"] == "/models/m2"]
    assert add[0]["value"]["props"]["text"] == ["a"]
    grow(late, "b")
    assert doc.take_ops(3) == [{"op": "add", "path": "/models/m2/props/text/-", "value": "b"}]


def test_revert_sends_the_whole_list(streamed):
    model, doc, _ = streamed
    grow(model, "lo")
    doc.take_ops(2)
    doc.revert([("m1", "text")])
    assert doc.take_ops(3) == [{"op": "replace", "path": "/models/m1/props/text",
                                "value": ["Hel", "lo"]}]


def test_other_props_of_the_model_are_diffed_as_usual(streamed):
    model, doc, _ = streamed
    grow(model, "p")
    model.label = "done"
    assert doc.take_ops(2) == [
        {"op": "add", "path": "/models/m1/props/text/-", "value": "p"},
        {"op": "replace", "path": "/models/m1/props/label", "value": "done"},
    ]
