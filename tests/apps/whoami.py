"""The login tests' app: says who is logged in."""

import docsync as ds

ds.Column(f"Logged in as **{ds.state.user}**", ds.widgets.TextInput(name="note")).servable(
    title="Who am I")
