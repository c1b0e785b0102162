"""Models shared by every session of shared.py: imported once per server process."""

import docsync as ds

level = ds.widgets.IntSlider(name="Level", start=0, end=10, value=3)
note = ds.widgets.TextInput(name="Note", value="")
flag = ds.widgets.Checkbox(name="Flag", value=False)
