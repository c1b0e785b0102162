"""A Parameterized class shown with ``pn.Param`` beside a ``@param.depends`` view, as in
Panel's "Declare UIs with Declarative API" how-to pages."""

import param

import docsync as pn

pn.extension()


class WaveSettings(param.Parameterized):
    """Settings of a wave; the view below describes it."""

    amplitude = param.Number(default=1.0, bounds=(0, 5), step=0.5, doc="Peak height")
    frequency = param.Integer(default=2, bounds=(1, 10), doc="Cycles per second")
    samples = param.Integer(default=100, doc="Points drawn (no bounds: a number field)")
    label = param.String(default="wave", regex=r"^\w+$", doc="One word")
    kind = param.Selector(default="sine", objects=["sine", "cosine", "square"])
    tags = param.ListSelector(default=["smooth"], objects=["smooth", "loud", "slow"])
    filled = param.Boolean(default=False)
    color = param.Color(default="#1f77b4")
    window = param.Range(default=(2, 4), bounds=(0, 10))
    version = param.Integer(default=3, constant=True)
    secret = param.String(default="hidden", precedence=-1)
    reset = param.Action(lambda self: self.param.update(amplitude=1.0, frequency=2,
                                                        label="wave"),
                         label="Reset")

    @param.depends("amplitude", "frequency", "label", "kind", "tags", "filled", "window")
    def view(self):
        return (f"{self.label}: {self.kind} at {self.frequency} Hz, amplitude "
                f"{self.amplitude}, tags {', '.join(self.tags) or 'none'}, "
                f"{'filled' if self.filled else 'open'}, window {self.window}")

    def summary(self):
        # No depends: Panel re-renders it when any parameter changes.
        return pn.pane.Str(f"{self.color} {self.samples}", css_classes=["summary"])


settings = WaveSettings(name="Wave")

pn.Row(
    pn.Param(settings, widgets={"label": {"type": pn.widgets.TextAreaInput, "rows": 1}}),
    pn.Column(settings.view, settings.summary),
).servable(title="Param form")
