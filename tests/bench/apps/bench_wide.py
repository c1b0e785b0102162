"""Bench app: 20 widgets (10 IntSliders, 5 TextInputs, 5 Selects), each bound to a Markdown.

61 models: one Column, 20 widgets, and per widget a ParamFunction showing a Markdown.
"""

import docsync as ds

items = []
for i in range(10):
    w = ds.widgets.IntSlider(name=f"slider {i}", start=0, end=100, value=i)
    items += [w, ds.bind(lambda v, i=i: f"slider **{i}** is **{v}**", w)]
for i in range(5):
    w = ds.widgets.TextInput(name=f"text {i}", value=f"text {i}", placeholder="type here")
    items += [w, ds.bind(lambda v, i=i: f"text **{i}** says *{v}*", w)]
for i in range(5):
    w = ds.widgets.Select(name=f"select {i}", options=["alpha", "beta", "gamma", "delta"])
    items += [w, ds.bind(lambda v, i=i: f"select **{i}** chose `{v}`", w)]
ds.Column(*items).servable(title="Twenty widgets")
