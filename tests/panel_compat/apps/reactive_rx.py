"""Reactive expressions over widgets, as in Panel's "Use reactive expressions" how-to:
``pn.rx`` and ``param.rx`` render like ``bind`` and update when a widget changes."""

import param

import docsync as pn

pn.extension()

repeat = pn.widgets.IntSlider(name="Repeat", start=1, end=10, value=3)
word = pn.widgets.TextInput(name="Word", value="ha")
shout = pn.widgets.Checkbox(name="Shout")

laugh = pn.rx(word) * repeat
text = pn.rx("{} ({} times)").format(laugh, repeat)
loud = param.rx(word).upper()

pn.Column(
    repeat, word, shout,
    text,
    pn.bind(lambda s, w: w.upper() + "!" if s else w, shout, loud),
    pn.pane.Markdown(pn.rx("**{}**").format(word)),
).servable(title="rx")
