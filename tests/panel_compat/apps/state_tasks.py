"""A task scheduled at the top level of the script: it runs once per server however many
sessions run the script, and its results are shared through ``pn.state.cache`` (Panel's
"Schedule global tasks" how-to)."""

import docsync as pn

me = pn.state.session_id


def refresh_data():
    # The first session's registration wins: every later one names the same task.
    pn.state.cache.setdefault("task_runs", []).append(me)


pn.state.schedule_task("refresh_data", refresh_data, period="50ms")

runs = pn.pane.Str("", css_classes=["runs"])
refresh = pn.widgets.Button(name="Refresh")


def show(*_):
    done = pn.state.cache.get("task_runs", [])
    runs.object = f"{refresh.clicks}|{len(done)}|{','.join(sorted(set(done)))}"


refresh.on_click(show)
show()

pn.Column(pn.pane.Str(me, css_classes=["me"]), refresh, runs).servable(title="Scheduled task")
