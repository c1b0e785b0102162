"""DiscretePlayer, JSONEditor (tree, form and text modes) and a media pane that pn.panel
picks from a URL, with the values echoed by bound functions (tests/browser/test_editors.py)."""

import tempfile
import wave
from pathlib import Path

import docsync as pn

w = pn.widgets

years = w.DiscretePlayer(name="Year", options={"Twenty": 2020, "Twenty-one": 2021,
                                               "Twenty-two": 2022}, value=2021, interval=100)
config = w.JSONEditor(name="Config", value={"title": "Run", "sizes": [1, 2], "on": True})
fixed = w.JSONEditor(name="Fixed", value={"n": 3, "s": "a"}, mode="form", menu=False)
raw = w.JSONEditor(name="Raw", value=[1, {"a": None}], mode="text")
to_server = w.Button(name="Set from server")
sound_file = Path(tempfile.gettempdir()) / "docsync-editors-tone.wav"
with wave.open(str(sound_file), "wb") as out:  # 0.1 s of silence
    out.setnchannels(1)
    out.setsampwidth(2)
    out.setframerate(8000)
    out.writeframes(bytes(1600))


def set_from_server(event):
    years.value = 2022
    config.value = {"title": "Server"}


to_server.on_click(set_from_server)


def echo(name, widget, param="value"):
    return pn.Column(pn.bind(lambda v: f"{name} = {v!r}", widget.param[param]),
                     css_classes=[f"echo-{name}"])


pn.Column(
    "# Editors",
    pn.Row(years, echo("years", years)),
    pn.Row(config, echo("config", config), echo("config-mode", config, "mode")),
    pn.Row(fixed, echo("fixed", fixed)),
    pn.Row(raw, echo("raw", raw)),
    pn.panel(str(sound_file)),
    to_server,
).servable(title="Editors")
