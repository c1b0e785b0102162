"""A form that adds, a chained form, and stores kept in the browser (test_form_store.py)."""

import docsync as ds

x = ds.widgets.IntInput(name="x", value=2, start=0, end=10)
y = ds.widgets.IntInput(name="y", value=3, start=0, end=10)
note = ds.widgets.TextInput(name="note")


def add(x: int, y: int, note: str):
    return ds.pane.Markdown(f"{x} + {y} = {x + y} {note}".strip(), css_classes=["sum"])


adder = ds.Form(x, y, note, on_submit=add, label="Add values", submit_label="Add")
server_x = ds.bind(lambda v: f"server x is {v}", x)


def load(words: str):
    items = words.split()

    def pick(index: int):
        return ds.pane.Markdown(f"picked {items[index]}", css_classes=["picked"])

    return [ds.pane.Markdown(f"{len(items)} words", css_classes=["loaded"]),
            ds.Form(ds.widgets.IntInput(name="index", value=0, start=0, end=len(items) - 1),
                    on_submit=pick, submit_label="Pick")]


chain = ds.Form(ds.widgets.TextInput(name="words"), on_submit=load, submit_label="Load")

kept = ds.Store(data={"count": 0}, storage="local", key="docsync-test-count")
memory = ds.Store(data={"count": 0})
bump = ds.widgets.Button(name="Bump")
tab = ds.Store(data={"count": 0}, storage="session", key="docsync-test-tab")
bump_tab = ds.widgets.Button(name="Count in this tab")


def on_bump(_event):
    kept.data = {"count": kept.data["count"] + 1}
    memory.data = {"count": memory.data["count"] + 1}


def on_bump_tab(_event):
    tab.data = {"count": tab.data["count"] + 1}
    memory.data = {"count": memory.data["count"] + 1}


bump.on_click(on_bump)
bump_tab.on_click(on_bump_tab)
counts = ds.bind(lambda k, m: ds.pane.Markdown(f"kept {k['count']}, memory {m['count']}",
                                               css_classes=["counts"]),
                 kept.param.data, memory.param.data)

tab_counts = ds.bind(lambda t, m: ds.pane.Markdown(f"tab {t['count']}, memory {m['count']}",
                                                   css_classes=["tab-counts"]),
                     tab.param.data, memory.param.data)

ds.Column(adder, server_x, chain, kept, memory, bump, counts, tab, bump_tab, tab_counts
          ).servable(title="Forms")
