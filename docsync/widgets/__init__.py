"""Widgets: controls whose ``value`` the browser writes, and buttons whose clicks it sends.

Names and arguments follow Panel's. ``base`` holds what every widget shares and the rules
for the values the browser and the app set; the other modules hold one family each.
"""

from typing import Any

from docsync.compat import missing
from docsync.widgets.base import BUTTON_TYPES, Widget
from docsync.widgets.buttons import Button, Toggle
from docsync.widgets.choices import CheckboxGroup, MultiSelect, RadioButtonGroup, Select
from docsync.widgets.files import FileDownload, FileInput, accepts, format_size
from docsync.widgets.inputs import (
    Checkbox,
    ColorPicker,
    DatePicker,
    FloatInput,
    IntInput,
    PasswordInput,
    TextAreaInput,
    TextInput,
)
from docsync.widgets.sliders import FloatSlider, IntRangeSlider, IntSlider

__all__ = [
    "BUTTON_TYPES",
    "Button",
    "CheckBoxGroup",
    "Checkbox",
    "CheckboxGroup",
    "ColorPicker",
    "DatePicker",
    "FileDownload",
    "FileInput",
    "FloatInput",
    "FloatSlider",
    "IntInput",
    "IntRangeSlider",
    "IntSlider",
    "MultiSelect",
    "PasswordInput",
    "RadioButtonGroup",
    "Select",
    "Tabulator", "TextAreaInput",
    "TextInput",
    "Toggle",
    "Widget",
    "accepts",
    "format_size",
]

#: Panel's spelling of the name.
CheckBoxGroup = CheckboxGroup

# Last: docsync.table builds on Widget, which must be bound by now.
from docsync.table import Tabulator  # noqa: E402


def __getattr__(name: str) -> Any:
    raise missing(__name__, name)
