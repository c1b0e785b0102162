"""pn.extension with page settings: a default sizing_mode, raw CSS, a stylesheet file,
notifications, throttled sliders and an exception handler."""

import docsync as pn

handled = pn.pane.Markdown("nothing raised yet", css_classes=["handled"])


def show_error(exc):
    handled.object = f"handled {type(exc).__name__}: {exc}"


pn.extension(
    sizing_mode="stretch_width",
    raw_css=[".config-banner { border-left: 6px solid rgb(255, 0, 0); padding-left: 8px; }",
             "</style><script>window.injected = true</script>"],
    css_files=["https://cdn.example.com/extra.css"],
    ready_notification="Ready to go",
    disconnect_notification="Lost the server",
    throttled=True,
    exception_handler=show_error,
)

amount = pn.widgets.IntSlider(name="Amount", start=0, end=100, value=10)
fixed = pn.widgets.TextInput(name="Fixed", sizing_mode="fixed", width=200)
fail = pn.widgets.Button(name="Fail")


def on_fail(event):
    raise ValueError("the button broke")


fail.on_click(on_fail)

pn.Column(
    pn.pane.Markdown("# Settings", css_classes=["config-banner"]),
    amount,
    pn.bind(lambda v: f"amount is {v}", amount),
    fixed,
    fail,
    handled,
).servable(title="Config")
