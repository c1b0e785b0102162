"""Caching with ``pn.cache``: results shared by every session, per session, by the
parameters of a Parameterized object, and by the content of in-memory files (Panel's
"Cache data" how-to)."""

import io

import param

import docsync as pn


def bump(what):
    calls = pn.state.cache.setdefault("cache_app_calls", {})
    calls[what] = calls.get(what, 0) + 1


@pn.cache(max_items=2, policy="LRU")
def load(name):
    bump("load")
    return f"{name}: {len(name) * 100} rows"


@pn.cache(per_session=True)
def preferences(user):
    bump("preferences")
    return {"user": user, "session": pn.state.session_id}


@pn.cache(ttl=3600, to_disk=True, cache_path="./cache")
def expensive(n):
    bump("expensive")
    return sum(range(n))


@pn.cache
def header(file):
    bump("header")
    return file.getvalue().splitlines()[0]


class Report(param.Parameterized):
    year = param.Integer(default=2024)
    region = param.String(default="north")

    @pn.cache
    def summary(self):
        bump("summary")
        return f"{self.region} {self.year}"


dataset = pn.widgets.Select(name="Dataset", options=["iris", "penguins", "gapminder"])
year = pn.widgets.IntSlider(name="Year", start=2020, end=2025, value=2024)
shown = pn.pane.Str("", css_classes=["shown"])
calls = pn.pane.Str("", css_classes=["calls"])


def render(*_):
    report = Report(year=year.value)  # a new object per render: keyed by its values
    text = [load(dataset.value), str(preferences("ann")["session"] == pn.state.session_id),
            str(expensive(1000)), header(io.StringIO("a,b\n1,2")), report.summary()]
    shown.object = " | ".join(text)
    counts = pn.state.cache.get("cache_app_calls", {})
    calls.object = " ".join(f"{k}={counts[k]}" for k in sorted(counts))


dataset.param.watch(render, "value")
year.param.watch(render, "value")
render()

pn.Column(dataset, year, shown, calls).servable(title="Caching")
