"""A playback page in the style of Panel's how-to pages: a Player drives a frame, an
editable slider sets the speed, a menu acts on click, a search box picks a station, time
pickers set a schedule, a literal input holds a dict, and a video is shown from its URL;
a Parameterized class's Date and DateRange parameters get Panel's widgets through
``from_param``."""

import datetime as dt

import param

import docsync as pn

pn.extension()


class Schedule(param.Parameterized):
    starts = param.Date(default=dt.datetime(2024, 5, 1, 9, 0))
    window = param.DateRange(default=(dt.date(2024, 5, 1), dt.date(2024, 5, 7)),
                             bounds=(dt.date(2024, 1, 1), dt.date(2024, 12, 31)))


schedule = Schedule()
starts = pn.widgets.Widget.from_param(schedule.param.starts)
window = pn.widgets.Widget.from_param(schedule.param.window)

player = pn.widgets.Player(name="Frame", start=0, end=20, value=5, loop_policy="loop",
                           interval=200)
speed = pn.widgets.EditableFloatSlider(name="Speed", start=0.5, end=2.0, step=0.25,
                                       fixed_start=0.25, fixed_end=8.0, value=1.0)
station = pn.widgets.AutocompleteInput(name="Station", options=["Bergen", "Berlin", "Bern"],
                                       case_sensitive=False, search_strategy="starts_with")
alarm = pn.widgets.TimePicker(name="Alarm", value="07:30", start="05:00", end="10:00")
menu = pn.widgets.MenuButton(name="Export", items=[("As CSV", "csv"), None, ("As PNG", "png")],
                             button_type="primary")
limits = pn.widgets.LiteralInput(name="Limits", value={"low": 0, "high": 20}, type=dict)
clip = pn.pane.Video("https://example.org/storm.mp4", loop=True, muted=True, width=320)
log = pn.pane.Markdown("Nothing exported")


def export(event):
    log.object = f"Exported as {event.new}"


menu.on_click(export)


def status(frame, speed, station, alarm, starts, window, paused):
    return (f"Frame {frame} at {speed}x from {station or 'nowhere'}, alarm {alarm}, "
            f"starts {starts:%Y-%m-%d %H:%M}, window {window[0]}..{window[1]}, "
            f"video {'paused' if paused else 'playing'}")


pn.Column(
    player, speed, station, alarm, menu, log, starts, window, limits, clip,
    pn.bind(lambda lim: f"Limits {lim['low']} to {lim['high']}", limits),
    pn.bind(status, player, speed, station, alarm, schedule.param.starts,
            schedule.param.window, clip.param.paused),
).servable()
