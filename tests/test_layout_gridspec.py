"""GridSpec (docsync/layout/gridspec.py): placing by 2D index, the grid's size, overlaps,
reading and deleting regions, and what the page is sent."""

import logging

import pytest

import docsync as ds
from docsync.core.model import props_json
from docsync.layout import GridSpec
from docsync.pane import Markdown
from docsync.testing import LocalClient


def sample() -> GridSpec:
    gspec = GridSpec(width=800, height=600)
    gspec[:, 0] = ds.Spacer(styles={"background": "red"})
    gspec[0, 1:3] = "green"
    gspec[1, 2:4] = "orange"
    gspec[2, 1:4] = "blue"
    gspec[0:1, 3:4] = "purple"
    return gspec


def test_placing_grows_the_grid_and_wraps_plain_objects():
    gspec = sample()
    assert (gspec.nrows, gspec.ncols) == (3, 4) and len(gspec) == 5
    assert gspec.grid == [[1, 1, 1, 1], [1, 0, 1, 1], [1, 1, 1, 1]]
    assert isinstance(gspec[0, 1], Markdown) and gspec[0, 1].object == "green"
    assert gspec[2, 0] is gspec[0, 0]  # the red spacer spans every row
    with pytest.raises(IndexError, match="no GridSpec child on cell"):
        gspec[1, 1]


def test_the_page_gets_each_childs_region():
    gspec = sample()
    children = props_json(gspec, lambda m: "m")["children"]
    assert children[0] == {"child": {"ref": "m"}, "row": 0, "col": 0, "row_span": 3,
                           "col_span": 1}
    assert children[3] == {"child": {"ref": "m"}, "row": 2, "col": 1, "row_span": 1,
                           "col_span": 3}
    gspec[3, 1] = "more"  # the open-ended spacer follows the grid to its new last row
    assert props_json(gspec, lambda m: "m")["children"][0]["row_span"] == 4


def test_a_fixed_size_refuses_cells_outside_it():
    gspec = GridSpec(ncols=2, nrows=2)
    gspec[1, 1] = "a"
    for index in [(0, 2), (2, 0), (0, slice(1, 3))]:
        with pytest.raises(IndexError, match="outside the grid"):
            gspec[index] = "b"
    assert (gspec.nrows, gspec.ncols) == (2, 2)


@pytest.mark.parametrize("index", [0, (0, -1), (slice(0, 4, 2), 0), (0, "a"), (slice(2, 1), 0)])
def test_bad_indexes_say_what_is_wrong(index):
    with pytest.raises(IndexError, match=r"GridSpec|2D index"):
        GridSpec()[index] = "x"


def test_overlaps_warn_error_or_override(caplog):
    gspec = sample()
    with caplog.at_level(logging.WARNING):
        gspec[0, 0:2] = "over"
    assert "overlaps" in caplog.text
    assert gspec[0, 0].object == "over" and gspec.grid[1][0] == 0  # the spacer went
    gspec.mode = "error"
    with pytest.raises(IndexError, match="remove them first"):
        gspec[2, 2] = "x"
    assert gspec[2, 2].object == "blue"
    gspec.mode = "override"
    gspec[2, 2] = "x"
    assert gspec[2, 2].object == "x" and gspec.grid[2][1] == 0


def test_slicing_makes_a_grid_of_the_children_there_and_del_removes_them():
    gspec = sample()
    part = gspec[1:3, 1:4]
    assert type(part) is GridSpec and part.width == 800
    assert {k: v.object for k, v in part.objects.items()} == {
        (0, 1, 1, 3): "orange", (1, 0, 2, 3): "blue"}
    del gspec[2, :]
    assert [getattr(v, "object", None) for v in gspec] == ["green", "orange", "purple"]
    assert gspec.nrows == 2


def test_objects_assigned_are_checked_and_wrapped():
    gspec = GridSpec()
    gspec.objects = {(0, 0, 1, 2): "a"}
    assert isinstance(gspec[0, 1], Markdown) and gspec.ncols == 2
    with pytest.raises(ValueError, match="region"):
        gspec.objects = {(0, 0): "a"}


def test_a_served_gridspec_follows_changes():
    gspec = sample()
    c = LocalClient(lambda: gspec).connect()
    gid = c.client.find("GridSpec")
    assert len(c.client.prop(gid, "children")) == 5 and c.client.prop(gid, "nrows") == 3
    del gspec[0, 3]
    c.tick()
    assert len(c.client.prop(gid, "children")) == 4
    assert c.client.find("Markdown", object="orange")
    with pytest.raises(LookupError):
        c.client.find("Markdown", object="purple")
