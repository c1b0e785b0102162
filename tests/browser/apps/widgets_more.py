"""Every widget and indicator of issue 3, each echoed by the server; buttons set them all
from the server, run a slow callback (the busy indicator) and download a file."""

import datetime
import time

import docsync as ds

w = ds.widgets

toggle = w.Toggle(name="Bold", button_type="primary")
search = w.TextInput(name="Search", placeholder="type, then Enter")
password = w.PasswordInput(name="Password", placeholder="secret")
notes = w.TextAreaInput(name="Notes", rows=3, max_length=200)
price = w.IntRangeSlider(name="Price", start=0, end=10, value=(2, 5))
level = w.IntSlider(name="Level", start=0, end=100, value=10)
count = w.IntInput(name="Count", start=0, end=10, value=4)
ratio = w.FloatInput(name="Ratio", start=0.0, end=1.0, step=0.1, value=0.5)
fruits = w.MultiSelect(name="Fruits", options=["apple", "pear", "plum"], value=["apple"], size=3)
size = w.RadioButtonGroup(name="Size", options=["S", "M", "L"], value="M")
extras = w.CheckboxGroup(name="Extras", options=["milk", "sugar"], value=[], inline=True)
day = w.DatePicker(name="Day", value=datetime.date(2024, 5, 17), start=datetime.date(2024, 1, 1))
colour = w.ColorPicker(name="Colour", value="#336699")
upload = w.FileInput(name="Upload", accept=".txt,text/plain", max_size=1024)
download = w.FileDownload(b"name,score\nada,3\n", filename="report.csv", button_type="success")

number = ds.indicators.Number(name="Score", value=42, format="{value} pts",
                              colors=[(50, "#1a7f37"), (100, "#cf222e")], font_size="32pt")
progress = ds.indicators.Progress(name="Done", value=30, max=100)
spinner = ds.indicators.LoadingSpinner(name="Working", value=False, size=24)

from_server = w.Button(name="Set from server", button_type="primary")
slow = w.Button(name="Slow")
throttled_seen = []
committed = {"search": [], "notes": []}


def set_from_server(event):
    toggle.value = True
    password.value = "from server"
    notes.value = "line one\nline two"
    price.value = (6, 9)
    count.value = 8
    ratio.value = 0.2
    fruits.value = ["pear", "plum"]
    size.value = "L"
    extras.value = ["sugar"]
    day.value = datetime.date(2025, 1, 31)
    colour.value = "#ff8800"
    number.value = 120
    progress.value = None
    spinner.value = True


def run_slowly(event):
    time.sleep(1.0)
    number.value = 7


from_server.on_click(set_from_server)
slow.on_click(run_slowly)
level.param.watch(lambda e: throttled_seen.append(e.new), "value_throttled")
for text_name, text_widget in (("search", search), ("notes", notes)):
    text_widget.param.watch(lambda e, n=text_name: committed[n].append(e.new), "value_throttled")


def echo(name, show, *widgets):
    """A Column (tagged ``echo-<name>``) around a bound function of the widgets' values."""
    return ds.Column(ds.bind(lambda *values: f"{name} = {show(*values)}", *widgets),
                     css_classes=[f"echo-{name}"])


def upload_text(value, filename, mime_type):
    return "none" if value is None else f"{filename} {mime_type} {len(value)} bytes"


ds.Column(
    "# More widgets",
    ds.Row(toggle, echo("toggle", repr, toggle)),
    ds.Row(search, echo("search", repr, search),
           echo("search-committed", lambda v: f"{v!r} after {len(committed['search'])} commits",
                search.param.value_throttled)),
    ds.Row(password, echo("password", repr, password)),
    ds.Row(notes, echo("notes", repr, notes),
           echo("notes-committed", lambda v: f"{v!r} after {len(committed['notes'])} commits",
                notes.param.value_throttled)),
    ds.Row(price, echo("price", repr, price),
           echo("price-throttled", repr, price.param.value_throttled)),
    ds.Row(level, echo("level", repr, level),
           echo("level-throttled", lambda v: f"{v} after {len(throttled_seen)} releases",
                level.param.value_throttled)),
    ds.Row(count, echo("count", repr, count)),
    ds.Row(ratio, echo("ratio", repr, ratio)),
    ds.Row(fruits, echo("fruits", repr, fruits)),
    ds.Row(size, echo("size", repr, size)),
    ds.Row(extras, echo("extras", repr, extras)),
    ds.Row(day, echo("day", repr, day)),
    ds.Row(colour, echo("colour", repr, colour)),
    ds.Row(upload, echo("upload", upload_text, upload.param.value, upload.param.filename,
                        upload.param.mime_type)),
    ds.Row(download, number, progress, spinner),
    ds.Row(from_server, slow),
).servable(title="More widgets")
