"""A settings form built with ``from_param`` from a Parameterized class."""

import param

import docsync as pn


class Settings(param.Parameterized):
    bins = param.Integer(default=10, bounds=(1, 50), doc="Number of histogram bins.")
    color = param.Selector(default="teal", objects=["teal", "orange", "purple"])
    title = param.String(default="Rainfall")
    log_scale = param.Boolean(default=False)
    reset = param.Action(lambda self: self.param.update(bins=10, title="Rainfall"))


settings = Settings()

summary = pn.pane.Markdown()


def show(*events):
    scale = "log" if settings.log_scale else "linear"
    summary.object = f"**{settings.title}**: {settings.bins} {settings.color} bins, {scale}"


settings.param.watch(show, ["bins", "color", "title", "log_scale"])
show()

form = pn.Column(
    pn.widgets.IntSlider.from_param(settings.param.bins),
    pn.widgets.Select.from_param(settings.param.color),
    pn.widgets.TextInput.from_param(settings.param.title, placeholder="Chart title"),
    pn.widgets.Checkbox.from_param(settings.param.log_scale),
    pn.widgets.Button.from_param(settings.param.reset, button_type="primary"),
)

pn.Row(form, summary).servable(title="Settings")
