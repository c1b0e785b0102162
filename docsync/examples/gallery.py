"""The gallery: every docsync component, live, with a short caption, in the page template.

``make demo`` serves it; it is the first thing a newcomer sees. Each section is a function
that returns its components, so the page reads as a catalogue.
"""

import asyncio
import datetime as dt
import io
import struct
import wave

import altair as alt
import numpy as np
import pandas as pd
import plotly.graph_objects as go
from bokeh.plotting import figure as bokeh_figure
from matplotlib.figure import Figure

import docsync as ds
from docsync.widgets import Tabulator

w, p, ind = ds.widgets, ds.pane, ds.indicators


def entry(caption, component):
    """A component under a one-line caption."""
    return ds.Column(f"**{caption}**", component, margin=(0, 0, 8, 0))


def grid(*entries):
    return ds.GridBox(*entries, ncols=3, sizing_mode="stretch_width")


@ds.cache
def sample_frame(rows):
    """One shared table for every session (computed once, then a cache hit)."""
    rng = np.random.default_rng(7)
    return pd.DataFrame({
        "city": rng.choice(["Lyon", "Oslo", "Quito", "Pune", "Perth"], rows),
        "temperature": rng.normal(18, 6, rows).round(1),
        "visitors": rng.integers(0, 10_000, rows),
    })


def widgets():
    slider = w.IntSlider(name="IntSlider", start=0, end=100, value=42)
    echo = ds.bind(lambda v: f"The slider says **{v}**.", slider)
    clicks = w.Button(name="Click me", button_type="primary")
    counter = p.Str("0 clicks")
    clicks.on_click(lambda _e: setattr(counter, "object", f"{clicks.clicks} clicks"))
    # A copy: an edit changes the frame in place, and the cached one is every session's.
    table = Tabulator(sample_frame(100_000).copy(), name="Tabulator", pagination="remote",
                      page_size=6, header_filters=True, editors={"city": None})
    edited = p.Str("Edit a temperature or a visitor count.")
    table.on_edit(lambda e: setattr(edited, "object",
                                    f"Row {e.row}: {e.column} {e.old} -> {e.value}"))
    return grid(
        entry("Tabulator: 100,000 rows paged, sorted and filtered on the server; "
              "edits checked against each column's type", ds.Column(table, edited)),
        entry("IntSlider, sent while dragging; bind re-renders its text",
              ds.Column(slider, echo)),
        entry("FloatSlider", w.FloatSlider(name="FloatSlider", start=0, end=1, step=0.05,
                                           value=0.35)),
        entry("IntRangeSlider", w.IntRangeSlider(name="Range", start=0, end=10,
                                                 value=(2, 7))),
        entry("Button, counted on the server", ds.Column(clicks, counter)),
        entry("Toggle", w.Toggle(name="Toggle", value=True)),
        entry("Checkbox", w.Checkbox(name="Checkbox", value=True)),
        entry("TextInput", w.TextInput(name="TextInput", placeholder="Type here")),
        entry("PasswordInput", w.PasswordInput(name="PasswordInput", value="secret")),
        entry("TextAreaInput", w.TextAreaInput(name="TextAreaInput", value="Several\nlines")),
        entry("IntInput", w.IntInput(name="IntInput", start=0, end=10, value=3)),
        entry("FloatInput", w.FloatInput(name="FloatInput", step=0.5, value=2.5)),
        entry("Select", w.Select(name="Select", options=["Lyon", "Oslo", "Quito"])),
        entry("MultiSelect", w.MultiSelect(name="MultiSelect",
                                           options=["red", "green", "blue"], value=["red"])),
        entry("RadioButtonGroup", w.RadioButtonGroup(name="Size", options=["S", "M", "L"],
                                                     value="M")),
        entry("CheckboxGroup", w.CheckboxGroup(name="Toppings",
                                               options=["cheese", "olives", "basil"],
                                               value=["basil"])),
        entry("DatePicker", w.DatePicker(name="DatePicker", value=dt.date(2026, 11, 21))),
        entry("ColorPicker", w.ColorPicker(name="ColorPicker", value="#0969da")),
        entry("FileInput, checked for size and type", w.FileInput(name="FileInput",
                                                                   accept=".csv,.txt")),
        entry("FileDownload", w.FileDownload(file=b"city,visitors\nLyon,3\n",
                                             filename="visitors.csv")),
    )


def more_widgets():
    player = w.Player(name="Player", start=0, end=9, value=0, interval=300,
                      loop_policy="loop", show_value=True)
    menu = w.MenuButton(name="MenuButton", items=[("Open", "open"), None, ("Save", "save")],
                        button_type="primary")
    chosen = p.Str("Nothing chosen yet")
    menu.on_click(lambda e: setattr(chosen, "object", f"Chose {e.new!r}"))
    return grid(
        entry("Switch (Space toggles it)", w.Switch(name="Switch", value=True)),
        entry("StaticText, read only", w.StaticText(name="StaticText", value="animagen2")),
        entry("RangeSlider, float handles", w.RangeSlider(name="RangeSlider", start=0, end=1,
                                                          step=0.05, value=(0.2, 0.6))),
        entry("DiscreteSlider: one stop per option",
              w.DiscreteSlider(name="DiscreteSlider", options={"Low": 1, "Mid": 5, "High": 10},
                               value=5)),
        entry("EditableFloatSlider: type past the ends",
              w.EditableFloatSlider(name="EditableFloatSlider", start=0, end=2, step=0.25,
                                    fixed_end=10, value=1)),
        entry("DateSlider", w.DateSlider(name="DateSlider", start=dt.date(2026, 1, 1),
                                         end=dt.date(2026, 12, 31), value=dt.date(2026, 6, 1))),
        entry("DateRangeSlider", w.DateRangeSlider(
            name="DateRangeSlider", start=dt.date(2026, 1, 1), end=dt.date(2026, 12, 31),
            value=(dt.date(2026, 3, 1), dt.date(2026, 5, 31)))),
        entry("DatetimePicker", w.DatetimePicker(name="DatetimePicker",
                                                 value=dt.datetime(2026, 11, 21, 9, 30))),
        entry("TimePicker", w.TimePicker(name="TimePicker", value="07:30")),
        entry("AutocompleteInput: suggestions as you type",
              w.AutocompleteInput(name="AutocompleteInput", case_sensitive=False,
                                  options=["Lyon", "Oslo", "Quito", "Pune", "Perth"],
                                  placeholder="Type 'pe'")),
        entry("MultiChoice: removable tags", w.MultiChoice(
            name="MultiChoice", options=["Panel", "Bokeh", "param", "hvPlot"], value=["Panel"])),
        entry("CheckButtonGroup", w.CheckButtonGroup(name="CheckButtonGroup",
                                                     options=["Lasso", "Ridge", "Linear"],
                                                     value=["Ridge"], button_type="success")),
        entry("RadioBoxGroup", w.RadioBoxGroup(name="RadioBoxGroup", options=["A", "B", "C"],
                                               inline=True)),
        entry("ToggleGroup makes one of the four groups",
              w.ToggleGroup(name="ToggleGroup", options=["x", "y"], behavior="radio")),
        entry("MenuButton (arrow keys move, Escape closes)", ds.Column(menu, chosen)),
        entry("Player: the page plays, the server follows", player),
        entry("LiteralInput: a Python literal, parsed on the server",
              w.LiteralInput(name="LiteralInput", value={"low": 1, "high": [2, 3]}, type=dict)),
        entry("DiscretePlayer: plays through options, shows their labels",
              w.DiscretePlayer(name="DiscretePlayer", options={"Q1": 1, "Q2": 2, "Q3": 3,
                                                               "Q4": 4}, interval=600)),
        entry("JSONEditor: a tree of JSON fields; invalid JSON is refused in the page",
              w.JSONEditor(name="JSONEditor", value={"name": "run", "sizes": [1, 2],
                                                     "cache": True})),
        entry("Audio pane, from a WAV made on the server", p.Audio(tone_wav(), name="Tone")),
        entry("PDF pane, from bytes", p.PDF(SAMPLE_PDF, height=240)),
    )


def tone_wav(seconds=1.5, rate=8000):
    """A quiet 200 Hz square wave as WAV bytes."""
    out = io.BytesIO()
    with wave.open(out, "wb") as f:
        f.setnchannels(1)
        f.setsampwidth(2)
        f.setframerate(rate)
        f.writeframes(b"".join(struct.pack("<h", 600 if (i // 20) % 2 else -600)
                               for i in range(int(seconds * rate))))
    return out.getvalue()


SAMPLE_PDF = (b"%PDF-1.1\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n"
              b"2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj\n"
              b"3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 200 120]/Contents 4 0 R"
              b"/Resources<</Font<</F1<</Type/Font/Subtype/Type1/BaseFont/Helvetica>>>>>>>>"
              b"endobj\n4 0 obj<</Length 44>>stream\nBT /F1 18 Tf 30 60 Td (A PDF page) Tj ET"
              b"\nendstream endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n")


@ds.cache
def figure():
    """Built once and shared: the pane draws it to SVG for each session."""
    fig = Figure(figsize=(4, 2.6))
    ax = fig.subplots()
    x = np.linspace(0, 2 * np.pi, 200)
    ax.plot(x, np.sin(x), label="sin")
    ax.plot(x, np.cos(x), label="cos")
    ax.legend(loc="upper right")
    fig.tight_layout()
    return fig


def chart():
    months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
    data = pd.DataFrame({"month": months,
                         "rain": [61, 52, 58, 70, 85, 62, 55, 60, 80, 95, 90, 70]})
    return alt.Chart(data).mark_bar().encode(x=alt.X("month", sort=None), y="rain").properties(
        width=260, height=160)


def plotly_figure():
    x = np.linspace(0, 2 * np.pi, 40)
    return go.Figure([go.Scatter(x=x, y=np.sin(x), name="sin", mode="lines+markers"),
                      go.Bar(x=x[::4], y=np.cos(x[::4]), name="cos")],
                     layout={"title": {"text": "Plotly"}, "height": 260,
                             "margin": {"l": 30, "r": 10, "t": 40, "b": 30}})


def plotly_entry():
    chart = p.Plotly(plotly_figure(), sizing_mode="stretch_width")

    def clicked(click_data):
        if not click_data:
            return "Click a point (or focus the chart and use the arrow keys and Enter)."
        point = click_data["points"][0]
        return f"Clicked x = {point['x']:.2f}, y = {point['y']:.2f}"

    return entry("Plotly, drawn in the browser; a click reaches Python",
                 ds.Column(chart, ds.bind(clicked, chart.param.click_data),
                           sizing_mode="stretch_width"))
def bokeh_plot():
    """A new figure per session: BokehJS draws it, so pan, zoom and hover run in the page."""
    x = np.linspace(0, 4 * np.pi, 80)
    plot = bokeh_figure(title="A damped wave", width=260, height=200,
                        tools="pan,wheel_zoom,box_zoom,hover,reset")
    plot.line(x, np.exp(-x / 6) * np.sin(x), line_width=2)
    return plot


def panes():
    return grid(
        entry("Markdown, rendered and sanitized on the server",
              p.Markdown("Some *emphasis*, a `code` span and a [link](https://example.org).\n\n"
                         "| a | b |\n|---|---|\n| 1 | 2 |")),
        entry("HTML, sanitized unless the app opts out",
              p.HTML("<b>Bold</b> and <span style='color: teal'>teal</span>"
                     "<script>alert('never runs')</script>")),
        entry("Str", p.Str({"any": "object", "shown": "as text"})),
        entry("Alert", p.Alert("Heads up: this is an **info** alert.", alert_type="info")),
        entry("JSON, a collapsible tree",
              p.JSON({"name": "docsync", "tags": ["sync", "websockets"], "nested": {"a": 1}},
                     depth=1)),
        entry("Image (SVG from bytes)", p.SVG(
            b'<svg xmlns="http://www.w3.org/2000/svg" width="160" height="60">'
            b'<rect width="160" height="60" rx="8" fill="#0969da"/>'
            b'<text x="80" y="37" fill="white" font-size="18" text-anchor="middle">'
            b'docsync</text></svg>', alt_text="The docsync logo")),
        entry("Matplotlib, drawn to SVG on the server", p.Matplotlib(figure())),
        entry("Vega, an Altair chart drawn in the browser", p.Vega(chart())),
        plotly_entry(),
        entry("Bokeh, drawn by BokehJS: drag to pan, scroll to zoom; when focused, arrow "
              "keys pan, + and - zoom, 0 resets", p.Bokeh(bokeh_plot())),
        entry("DataFrame: 100,000 rows, only the visible page is sent",
              p.DataFrame(sample_frame(100_000), page_size=8)),
    )


def layouts():
    return grid(
        entry("Tabs (arrow keys move between tabs)",
              ds.Tabs(("First", "The first tab."), ("Second", "The second tab."))),
        entry("Card, collapsible",
              ds.Card("Cards hold anything and fold away.", title="A card")),
        entry("Row with a Spacer", ds.Row("left", ds.HSpacer(), "right",
                                          sizing_mode="stretch_width")),
        entry("Divider", ds.Column("above", ds.Divider(), "below",
                                   sizing_mode="stretch_width")),
        entry("GridBox", ds.GridBox(*(p.Str(i) for i in range(6)), ncols=3)),
        entry("Tabs, dynamic and closable (Delete closes the focused tab)",
              ds.Tabs(("One", "Sent when shown."), ("Two", "Sent when picked."),
                      ("Three", "Close me."), dynamic=True, closable=True)),
        entry("Accordion (one section open at a time)",
              ds.Accordion(("Open", "An open section."), ("Closed", "A closed one."),
                           active=[0], toggle=True)),
        entry("FlexBox", ds.FlexBox(*(p.Str(f"item {i}") for i in range(5)),
                                    justify_content="space-between", gap="8px")),
        entry("WidgetBox", ds.WidgetBox(w.TextInput(name="Inside a box"))),
        entry("Column following its end like a log",
              ds.Column(*(f"line {i}" for i in range(20)), height=120, view_latest=True,
                        auto_scroll_limit=40, scroll_button_threshold=20,
                        sizing_mode="stretch_width")),
        entry("GridSpec", gridspec()),
    )


def gridspec():
    gspec = ds.GridSpec(height=120, sizing_mode="stretch_width")
    gspec[:, 0] = ds.Spacer(styles={"background": "#d0e4f5"})
    gspec[0, 1:3] = ds.Spacer(styles={"background": "#f5dfc7"})
    gspec[1, 1] = ds.Spacer(styles={"background": "#d9efd6"})
    gspec[1, 2] = ds.Spacer(styles={"background": "#eadcf3"})
    return gspec


def indicators():
    progress = ind.Progress(name="Progress", value=0, max=20)

    def step():
        progress.value = (progress.value + 1) % (progress.max + 1)

    ds.state.add_periodic_callback(step, period=500)
    return grid(
        entry("Number (a big number with a label)",
              ind.Number(name="Visitors", value=1234, format="{value:,}")),
        entry("Progress, advanced by a periodic callback", progress),
        entry("Progress, indeterminate", ind.Progress(name="Working", value=None)),
        entry("LoadingSpinner", ind.LoadingSpinner(value=True, size=32, name="Loading")),
    )


def forms_and_state():
    city = w.Select(name="City", options=["Lyon", "Oslo", "Quito"])
    rows = w.IntSlider(name="Rows", start=1, end=10, value=3)

    def show(params):
        frame = sample_frame(100_000)
        picked = frame[frame["city"] == params["City"]].head(params["Rows"])
        return p.DataFrame(picked, page_size=10)

    form = ds.Form(city, rows, on_submit=show, submit_label="Show rows", label="A form")
    store = ds.Store(data={"visits": 1}, storage="local", key="gallery")
    toast = w.Button(name="Show a toast")
    toast.on_click(lambda _e: ds.state.notifications.success("Saved (not really).",
                                                             duration=2000))
    return grid(
        entry("Form: edits stay in the browser until submit", form),
        entry("Notifications", toast),
        entry("Store: JSON kept in the browser (localStorage here)", store),
    )


async def storyteller(contents, user, instance):
    """Streams its reply a word at a time, as a language model would."""
    words = (f"You wrote *{contents}*. Each word of this reply travels as a small append "
             "to the message, so a page that loses its connection mid-reply still shows "
             "every word exactly once when it is back.").split(" ")
    text = ""
    for word in words:
        await asyncio.sleep(0.05)
        text += word + " "
        yield text


def chat():
    interface = ds.chat.ChatInterface(callback=storyteller, callback_user="Storyteller",
                                      height=420, sizing_mode="stretch_width")
    interface.send("Say anything: my reply streams in word by word. **Stop** cuts it short; "
                   "**Undo**, **Rerun** and **Clear** edit the conversation.",
                   user="Help", respond=False)
    return entry("ChatInterface: an async generator streams the reply (Enter sends, "
                 "Shift+Enter is a new line)", interface)


ds.template.Page(
    title="docsync gallery",
    header=[p.Markdown("Every component, live.", styles={"color": "inherit"})],
    sidebar=[
        "### docsync",
        "A Panel-style document-sync server: each tab is a session whose models are "
        "kept in sync over a WebSocket.",
        "Edit anything: every change goes to the server and back.",
    ],
    main=[ds.Tabs(("Widgets", widgets()), ("More widgets", more_widgets()), ("Panes", panes()),
                  ("Layouts", layouts()),
                  ("Indicators", indicators()), ("Forms and state", forms_and_state()),
                  ("Chat", chat()), sizing_mode="stretch_width")],
).servable(title="docsync gallery")
