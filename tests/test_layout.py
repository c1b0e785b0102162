import pytest

import docsync as ds
from docsync.bind import ParamFunction


def test_layouts_wrap_plain_objects_like_panel():
    col = ds.Column("# title", 3, lambda: "x")
    assert [type(o).__name__ for o in col] == ["Markdown", "Str", "ParamFunction"]
    assert isinstance(col[2], ParamFunction)


def test_list_methods_assign_new_lists():
    row = ds.Row()
    seen = []
    row.param.watch(lambda e: seen.append(len(e.new)), "objects")
    row.append("a")
    row.extend(["b", "c"])
    row.insert(0, "z")
    row[1] = "q"
    row.pop()
    row.remove(row[0])
    assert seen == [1, 3, 4, 4, 3, 2] and len(row) == 2
    row.clear()
    assert len(row) == 0


def test_objects_must_be_models():
    with pytest.raises(TypeError):
        ds.Column().objects = ["not a model"]
