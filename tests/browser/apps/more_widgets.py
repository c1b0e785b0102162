"""Issue 14's widgets and media panes, each echoed by the server; a button sets them all
from the server."""

import datetime
import io
import struct
import wave

import docsync as ds

w = ds.widgets


def tone_wav(seconds: float = 2.0, rate: int = 8000) -> bytes:
    """A real WAV file: a square wave, quiet, ``seconds`` long."""
    out = io.BytesIO()
    with wave.open(out, "wb") as f:
        f.setnchannels(1)
        f.setsampwidth(2)
        f.setframerate(rate)
        frames = (800 if (i // 20) % 2 else -800 for i in range(int(seconds * rate)))
        f.writeframes(b"".join(struct.pack("<h", v) for v in frames))
    return out.getvalue()


PDF_BYTES = (b"%PDF-1.1\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n"
             b"2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj\n"
             b"3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 200 200]>>endobj\n"
             b"trailer<</Root 1 0 R>>\n%%EOF\n")

switch = w.Switch(name="Dark mode")
static = w.StaticText(name="Model", value="animagen2")
span = w.RangeSlider(name="Span", start=0.0, end=2.0, step=0.5, value=(0.5, 1.5))
grade = w.DiscreteSlider(name="Grade", options={"Low": 1, "Mid": 5, "High": 10}, value=5)
speed = w.EditableIntSlider(name="Speed", start=0, end=10, fixed_end=100, value=3)
day = w.DateSlider(name="Day", start=datetime.date(2024, 1, 1), end=datetime.date(2024, 1, 31),
                   value=datetime.date(2024, 1, 10))
period = w.DateRangeSlider(name="Period", start=datetime.date(2024, 1, 1),
                           end=datetime.date(2024, 12, 31),
                           value=(datetime.date(2024, 3, 1), datetime.date(2024, 6, 1)))
meeting = w.DatetimePicker(name="Meeting", value=datetime.datetime(2024, 5, 1, 9, 30),
                           enable_seconds=False)
alarm = w.TimePicker(name="Alarm", value="07:15", start="05:00", end="12:00")
subject = w.AutocompleteInput(name="Subject", options=["Biology", "Chemistry", "Bioinformatics"],
                              case_sensitive=False, placeholder="Start typing")
tools = w.MultiChoice(name="Tools", options=["Panel", "hvPlot", "Bokeh", "Param"],
                      value=["Panel"], max_items=3)
models = w.CheckButtonGroup(name="Models", options=["Lasso", "Ridge", "Linear"], value=["Ridge"],
                            button_type="success")
sponsor = w.RadioBoxGroup(name="Sponsor", options=["Anaconda", "Blackstone"], inline=True)
menu = w.MenuButton(name="File", items=[("Open", "open"), None, ("Save", "save")],
                    button_type="primary")
player = w.Player(name="Frames", start=0, end=3, value=0, interval=100, show_value=True)
limits = w.LiteralInput(name="Limits", value={"low": 1, "high": 5}, type=dict)
sound = ds.pane.Audio(tone_wav(), name="Tone")
doc = ds.pane.PDF(PDF_BYTES, width=300, height=300)
# A path on this server that serves nothing: the player shows, with the server's settings.
clip = ds.pane.Video("/static-media/none.mp4", loop=True, muted=True, volume=40, width=200)

from_server = w.Button(name="Set from server", button_type="primary")


def set_from_server(event):
    switch.value = True
    static.value = 42
    span.value = (0.0, 2.0)
    grade.value = 10
    speed.value = 40  # past the end: the end moves
    day.value = datetime.date(2024, 1, 20)
    period.value = (datetime.date(2024, 2, 1), datetime.date(2024, 2, 29))
    meeting.value = datetime.datetime(2024, 7, 4, 18, 0)
    alarm.value = "11:45"
    subject.value = "Chemistry"
    tools.value = ["Bokeh", "Param"]
    models.value = ["Lasso", "Linear"]
    sponsor.value = "Blackstone"
    player.value = 2
    limits.value = {"low": 0}


from_server.on_click(set_from_server)


def echo(name, *widgets, param="value"):
    """A Column (tagged ``echo-<name>``) around a bound function of the widgets' values."""
    refs = [wd.param[param] for wd in widgets]
    return ds.Column(ds.bind(lambda *values: f"{name} = {values[0]!r}", *refs),
                     css_classes=[f"echo-{name}"])


ds.Column(
    "# Issue 14's widgets",
    ds.Row(switch, echo("switch", switch)),
    ds.Row(static),
    ds.Row(span, echo("span", span)),
    ds.Row(grade, echo("grade", grade)),
    ds.Row(speed, echo("speed", speed), echo("speed-end", speed, param="end")),
    ds.Row(day, echo("day", day)),
    ds.Row(period, echo("period", period)),
    ds.Row(meeting, echo("meeting", meeting)),
    ds.Row(alarm, echo("alarm", alarm)),
    ds.Row(subject, echo("subject", subject), echo("subject-input", subject, param="value_input")),
    ds.Row(tools, echo("tools", tools)),
    ds.Row(models, echo("models", models)),
    ds.Row(sponsor, echo("sponsor", sponsor)),
    ds.Row(menu, echo("menu", menu, param="clicked")),
    ds.Row(player, echo("player", player), echo("player-direction", player, param="direction")),
    ds.Row(limits, echo("limits", limits)),
    ds.Row(sound, echo("sound", sound, param="paused"),
           echo("sound-volume", sound, param="volume")),
    doc,
    clip,
    from_server,
).servable(title="Issue 14's widgets")
