"""Async and generator functions with ``pn.bind``, as in Panel's "Use async callbacks" and
"Use generators" how-tos: an async function's result is shown when it is ready; a
generator's values are shown one after the other, the last one staying."""

import asyncio

import docsync as pn

pn.extension()

steps = pn.widgets.IntSlider(name="Steps", start=1, end=5, value=3)


async def fetch(steps):
    await asyncio.sleep(0)  # stands for a request to another service
    return f"fetched {steps} records"


def countdown(steps):
    for i in range(steps, 0, -1):
        yield f"{i}..."
    yield "lift-off"


async def progress(steps):
    for i in range(1, steps + 1):
        await asyncio.sleep(0)
        yield pn.pane.Str(f"step {i} of {steps}", css_classes=["progress"])


pn.Column(
    steps,
    pn.bind(fetch, steps),
    pn.bind(countdown, steps),
    pn.bind(progress, steps),
).servable(title="async")
