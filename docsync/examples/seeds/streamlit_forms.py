"""Streamlit's forms: edits inside a form reach the server only on submit.

- A text input in a form (``key="form_text"``) changes ``state.session["form_text"]``
  only when the form is submitted (a button press or Enter); the one outside
  (``key="nonform_text"``) changes it as you type.
- The column form: "Rows" and "Columns" (``key="col-count"``) are submitted together;
  the columns below follow ``state.session["col-count"]``.
"""

import docsync as ds

session = ds.state.session
session.setdefault("form_text", "Default text")
session.setdefault("nonform_text", "Default text")
session.setdefault("col-count", 1)

sentence = ds.widgets.TextInput(name="This text is in there", key="form_text")
form = ds.Form(sentence, ds.bind(lambda text: ds.pane.Str(text), sentence),
               submit_label="submit and update")

non_form = ds.widgets.TextInput(name="this updates automatically", key="nonform_text")
non_form_text = ds.bind(lambda text: ds.pane.Str(text), non_form)

rows = ds.widgets.IntInput(name="Rows", value=1, start=1)
cols = ds.widgets.IntInput(name="Columns", start=1, end=5, key="col-count")


def columns(count: int):
    return ds.Row(*(ds.pane.Markdown(f"**col {i + 1}**") for i in range(count)))


column_form = ds.Form(rows, cols, submit_label="update_cols")
ds.Column(form, non_form, non_form_text, column_form, ds.bind(columns, cols)).servable(
    title="Forms")
