"""Panel's public names, per namespace, so that an app asking docsync for one it lacks is
told that the name is Panel's and where to look, rather than only that it is missing.

The lists come from Panel's API reference (``pn``, ``pn.widgets``, ``pn.pane``,
``pn.layout``, ``pn.template``, ``pn.indicators``). A name docsync has is found by the
normal lookup before a module's ``__getattr__`` runs, so a name on these lists that
docsync gains needs no change here.
"""

from __future__ import annotations

import difflib
import sys

__all__ = ["PANEL_NAMES", "missing"]

_LAYOUTS = """Accordion Card Column Divider Feed FlexBox FloatPanel GridBox GridSpec GridStack
    HSpacer ListLike ListPanel Modal Panel Row Spacer Swipe Tabs VSpacer WidgetBox"""

#: Namespace (a docsync module, standing for Panel's module of the same role) → the public
#: names Panel has there.
PANEL_NAMES: dict[str, frozenset[str]] = {name: frozenset(names.split()) for name, names in {
    "docsync": """Accordion Card Column Feed FlexBox FloatPanel GridBox GridSpec GridStack
        HSpacer Modal Param ReactiveExpr Row Spacer Swipe Tabs Template VSpacer WidgetBox
        bind cache chat config custom depends extension indicators interact ipywidget
        layout links pane panel param pipeline rx serve state template viewable widgets
        widget""",
    "docsync.widgets": """ArrayInput AutocompleteInput BooleanStatus Button ButtonIcon
        Checkbox CheckBoxGroup CheckButtonGroup CodeEditor ColorPicker CompositeWidget
        CrossSelector DataFrame DatePicker DateRangePicker DateRangeSlider
        DatetimeRangeSlider DateSlider DatetimeSlider DatetimeInput DatetimePicker
        DatetimeRangeInput DatetimeRangePicker Debugger Dial DiscretePlayer DiscreteSlider
        EditableFloatSlider EditableIntSlider EditableRangeSlider FileDownload FileDropper
        FileInput FileSelector FloatInput FloatSlider Gauge Grammar GrammarList IntInput
        IntRangeSlider IntSlider JSONEditor LinearGauge LiteralInput LoadingSpinner
        MenuButton MultiChoice MultiSelect NestedSelect Number NumberInput PasswordInput
        Player Progress RadioBoxGroup RadioButtonGroup RangeSlider Select SpeechToText
        Spinner StaticText Switch Tabulator Terminal TextAreaInput TextEditor TextInput
        TextToSpeech TimePicker Toggle ToggleGroup ToggleIcon TooltipIcon Tqdm Trend
        Utterance VideoStream Voice Widget WidgetBase""",
    "docsync.pane": """Alert Audio AVIF DataFrame DeckGL ECharts GIF HTML
        ICO Image Interactive IPyWidget IPyLeaflet JPG JSON LaTeX Markdown Matplotlib Pane
        PaneBase ParamFunction ParamMethod ParamRef panel PDF Perspective Placeholder
        PNG ReactiveExpr Reacton RGGPlot Str Streamz SVG Textual Vega Video Vizzu
        VTK VTKVolume WebP YT""",
    "docsync.layout": _LAYOUTS,
    "docsync.template": """BaseTemplate BootstrapTemplate DarkTheme DefaultTheme
        EditableTemplate FastGridTemplate FastListTemplate GoldenTemplate MaterialTemplate
        ReactTemplate SlidesTemplate Template VanillaTemplate""",
    "docsync.indicators": """BooleanIndicator BooleanStatus Dial Gauge Indicator
        LinearGauge LoadingSpinner Number Progress String TooltipIcon Tqdm Trend
        ValueIndicator""",
}.items()}

# How an app reaches each namespace, for the message: "pn.widgets.Tabulator".
_PANEL_PATH = {"docsync": "pn", "docsync.widgets": "pn.widgets", "docsync.pane": "pn.pane",
               "docsync.layout": "pn.layout", "docsync.template": "pn.template",
               "docsync.indicators": "pn.indicators"}


def missing(module: str, name: str) -> AttributeError:
    """The error for ``name`` looked up on docsync module ``module`` (one of
    :data:`PANEL_NAMES`' keys) that does not have it, for its ``__getattr__`` to raise.

    For one of Panel's names the message says so and points to README's "Coming from
    Panel"; for any other it is Python's usual message, with the nearest name docsync has.
    """
    if name in PANEL_NAMES.get(module, frozenset()):
        return AttributeError(
            f"{_PANEL_PATH[module]}.{name} is Panel's, which docsync does not have: "
            f"README's \"Coming from Panel\" lists what docsync has and what to use instead")
    message = f"module {module!r} has no attribute {name!r}"
    if not name.startswith("_"):
        own = list(getattr(sys.modules.get(module), "__all__", ()))
        near = difflib.get_close_matches(name, own, n=1)
        if near:
            message += f"; did you mean {near[0]!r}?"
    return AttributeError(message)
