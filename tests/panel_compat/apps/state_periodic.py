"""Periodic callbacks started and stopped from the page, with a period the user picks
(Panel's "Periodically run callbacks" how-to)."""

import docsync as pn

counter = pn.indicators.Number(name="Ticks", value=0)
status = pn.pane.Str("", css_classes=["status"])


def tick():
    counter.value += 1


callback = pn.state.add_periodic_callback(tick, period=100, start=False)


def show_status(*_):
    status.object = (f"running={callback.running} period={callback.period} "
                     f"count={callback.count}")


def toggle_callback(event):
    if event.new:
        callback.start()
    else:
        callback.stop()
    show_status()


def set_period(event):
    callback.period = event.new
    show_status()


run = pn.widgets.Toggle(name="Run", value=False)
run.param.watch(toggle_callback, "value")
period = pn.widgets.IntSlider(name="Period (ms)", start=20, end=1000, value=100)
period.param.watch(set_period, "value")

# A callback that runs three times and stops by itself.
countdown = pn.pane.Str("countdown: 3", css_classes=["countdown"])
left = [3]


def count_down():
    left[0] -= 1
    countdown.object = f"countdown: {left[0]}"


limited = pn.state.add_periodic_callback(count_down, period=30, count=3)
show_status()

pn.Column(run, period, counter, status, countdown).servable(title="Periodic callbacks")
