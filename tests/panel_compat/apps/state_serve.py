"""An app served by its own script with ``pn.serve``, its app-wide hooks, task and cache
registered before the server starts (Panel's "Serve apps programmatically" how-to).

Run it with ``python state_serve.py``.
"""

import docsync as pn

pn.state.cache["greeting"] = "hello"


def count(what):
    pn.state.cache[what] = pn.state.cache.get(what, 0) + 1


pn.state.on_session_created(lambda session_context: count("created"))
pn.state.on_session_destroyed(lambda session_context: count("destroyed"))
pn.state.schedule_task("tick", lambda: count("ticks"), period="50ms")


def app():
    refresh = pn.widgets.Button(name="Refresh")
    out = pn.pane.Str("", css_classes=["out"])

    def show(*_):
        cache = pn.state.cache
        out.object = (f"{refresh.clicks}|{cache['greeting']}|created={cache['created']}|"
                      f"ticking={cache.get('ticks', 0) > 0}")

    refresh.on_click(show)
    show()
    return pn.Column(refresh, out)


if __name__ == "__main__":
    pn.serve({"state_serve": app}, port=0)
