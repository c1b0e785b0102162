"""Panel's names (docsync/compat.py): a name docsync lacks says it is Panel's and points to
README's "Coming from Panel"; any other missing name gets Python's message."""

import importlib

import pytest

import docsync as pn
from docsync.compat import PANEL_NAMES


@pytest.mark.parametrize("expr, shown", [
    ("pn.widgets.Terminal", "pn.widgets.Terminal"),
    ("pn.pane.ECharts", "pn.pane.ECharts"),
    ("pn.template.ReactTemplate", "pn.template.ReactTemplate"),
    ("pn.FloatPanel", "pn.FloatPanel"),
    ("pn.layout.Swipe", "pn.layout.Swipe"),
    ("pn.indicators.Gauge", "pn.indicators.Gauge"),
])
def test_a_panel_name_docsync_lacks_says_so(expr, shown):
    with pytest.raises(AttributeError) as error:
        eval(expr, {"pn": pn})
    assert str(error.value) == (f"{shown} is Panel's, which docsync does not have: README's "
                                "\"Coming from Panel\" lists what docsync has and what to "
                                "use instead")


def test_other_missing_names_get_pythons_message_and_the_nearest_name():
    with pytest.raises(AttributeError, match=r"module 'docsync.widgets' has no attribute "
                                             r"'IntSlidr'; did you mean 'IntSlider'"):
        pn.widgets.IntSlidr  # noqa: B018
    with pytest.raises(AttributeError, match=r"^module 'docsync.pane' has no attribute 'qq'$"):
        pn.pane.qq  # noqa: B018
    assert not hasattr(pn.widgets, "__wrapped__")
    from docsync.widgets import IntSlider, Widget  # the package keeps every import path

    assert issubclass(IntSlider, Widget)


def test_every_name_docsync_has_is_found_before_the_hook():
    for module, names in PANEL_NAMES.items():
        mod = importlib.import_module(module)
        for name in names & set(getattr(mod, "__all__", ())):
            assert getattr(mod, name) is not None


def test_pn_param_holds_the_parameter_panes():
    assert pn.param.Param is pn.Param and pn.param.ParamMethod is pn.pane.ParamMethod
    assert pn.param.ParamFunction is pn.pane.ParamFunction
