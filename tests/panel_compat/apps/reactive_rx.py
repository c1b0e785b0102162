"""Reactive expressions over widgets, as in Panel's "Reactive Expressions" tutorial: an
expression put in a layout shows its widgets and its value; given to a pane it shows the
value alone; ``.rx.when(button)`` updates only on a click; ``param.rx`` works too."""

import param

import docsync as pn

pn.extension()

wind_speed = pn.widgets.FloatSlider(value=5, start=0, end=20, step=1, name="Wind Speed (m/s)")
efficiency = pn.widgets.FloatInput(value=0.3, start=0.0, end=1.0, name="Efficiency")
submit = pn.widgets.Button(name="Submit")

power = wind_speed.rx() * efficiency.rx()
power_text = pn.rx(
    "Wind Speed: {wind_speed} m/s, Efficiency: {efficiency}, Power Generation: {power:.1f} kW"
).format(wind_speed=wind_speed, efficiency=efficiency, power=power)

word = pn.widgets.TextInput(name="Word", value="ha")
shout = pn.widgets.Checkbox(name="Shout")
loud = param.rx(word).upper()

pn.Column(
    power_text,  # the two widgets and the text
    submit,
    pn.pane.Markdown(power_text.rx.when(submit), css_classes=["submitted"]),
    word, shout,
    pn.panel(loud * 2, show_widgets=False),
    pn.bind(lambda s, w: w + "!" if s else w, shout, loud),
).servable(title="rx")
