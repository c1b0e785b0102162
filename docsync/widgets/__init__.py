"""Widgets: controls whose ``value`` the browser writes, and buttons whose clicks it sends.

Names and arguments follow Panel's. ``base`` holds what every widget shares and the rules
for the values the browser and the app set; the other modules hold one family each.
"""

from typing import Any

from docsync.compat import missing
from docsync.widgets.base import BUTTON_TYPES, Widget
from docsync.widgets.buttons import Button, MenuButton, Toggle
from docsync.widgets.choices import (
    CheckboxGroup,
    CheckButtonGroup,
    MultiSelect,
    RadioBoxGroup,
    RadioButtonGroup,
    Select,
    ToggleGroup,
)
from docsync.widgets.date_sliders import DateRangeSlider, DateSlider
from docsync.widgets.discrete import DiscreteSlider
from docsync.widgets.editable import EditableFloatSlider, EditableIntSlider
from docsync.widgets.files import FileDownload, FileInput, accepts, format_size
from docsync.widgets.inputs import (
    Checkbox,
    ColorPicker,
    DatePicker,
    FloatInput,
    IntInput,
    NumberInput,
    PasswordInput,
    StaticText,
    Switch,
    TextAreaInput,
    TextInput,
)
from docsync.widgets.json_editor import JSONEditor
from docsync.widgets.literal import LiteralInput
from docsync.widgets.player import DiscretePlayer, Player
from docsync.widgets.sliders import FloatSlider, IntRangeSlider, IntSlider, RangeSlider
from docsync.widgets.times import DatetimePicker, TimePicker
from docsync.widgets.typeahead import AutocompleteInput, MultiChoice

__all__ = [
    "BUTTON_TYPES",
    "AutocompleteInput",
    "Button",
    "CheckBoxGroup",
    "CheckButtonGroup",
    "Checkbox",
    "CheckboxGroup",
    "ColorPicker",
    "DatePicker",
    "DateRangeSlider",
    "DateSlider",
    "DatetimePicker",
    "DiscretePlayer",
    "DiscreteSlider",
    "EditableFloatSlider",
    "EditableIntSlider",
    "FileDownload",
    "FileInput",
    "FloatInput",
    "FloatSlider",
    "IntInput",
    "IntRangeSlider",
    "IntSlider",
    "JSONEditor",
    "LiteralInput",
    "MenuButton",
    "MultiChoice",
    "MultiSelect",
    "NumberInput",
    "PasswordInput",
    "Player",
    "RadioBoxGroup",
    "RadioButtonGroup",
    "RangeSlider",
    "Select",
    "Spinner",
    "StaticText",
    "Switch",
    "Tabulator",
    "TextAreaInput",
    "TextInput",
    "TimePicker",
    "Toggle",
    "ToggleGroup",
    "Widget",
    "accepts",
    "format_size",
]

#: Panel's spelling of the name.
CheckBoxGroup = CheckboxGroup
#: Panel's older name of ``NumberInput``.
Spinner = NumberInput

# Last: docsync.table builds on Widget, which must be bound by now.
from docsync.table import Tabulator  # noqa: E402


def __getattr__(name: str) -> Any:
    raise missing(__name__, name)
