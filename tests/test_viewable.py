"""``pn.viewable.Viewer``: a component of your own, shown by what ``__panel__`` returns."""

from __future__ import annotations

import param
import pytest

import docsync as pn
from docsync.core.build import building


class Counter(pn.viewable.Viewer):
    value = param.Integer(default=0)

    def __init__(self, **params):
        super().__init__(**params)
        self.button = pn.widgets.Button(name="+1", on_click=self._add)
        self.view = pn.Column(self.button, pn.bind(lambda v: f"count {v}", self.param.value))

    def _add(self, _event):
        self.value += 1

    def __panel__(self):
        return self.view


def test_a_viewer_shows_as_its_panel_and_is_servable():
    counter = Counter()
    assert pn.panel(counter) is counter.view
    assert isinstance(counter.view, pn.viewable.Viewable)
    with building() as build:
        assert counter.servable(title="Counter") is counter
    assert build.servables == [counter.view] and build.title == "Counter"
    counter.button.clicks += 1  # Button(on_click=...) as in Panel
    assert counter.value == 1


def test_a_viewer_without_panel_says_what_to_add():
    class Empty(pn.viewable.Viewer):
        pass

    with pytest.raises(TypeError, match="define __panel__"):
        Empty().servable()
