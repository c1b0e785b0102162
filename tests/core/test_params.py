"""docsync's numeric parameters: param's validation and events, plain reads."""

from __future__ import annotations

import datetime
import importlib

import param
import pytest

import docsync as ds
from docsync.core.model import Model
from docsync.core.params import CalendarDate, Date, Integer, Number


class Sample(param.Parameterized):
    count = Integer(default=1, bounds=(0, 10))
    ratio = Number(default=None, allow_None=True, bounds=(0, 1))
    when = Date(default=None, allow_None=True)
    day = CalendarDate(default=datetime.date(2026, 1, 1))


def test_values_validation_and_its_messages_are_params():
    sample = Sample(count=3, ratio=0.5)
    assert (sample.count, sample.ratio, sample.when) == (3, 0.5, None)
    with pytest.raises(ValueError, match=r"Integer parameter 'Sample\.count' must be at most 10"):
        sample.count = 11
    with pytest.raises(ValueError, match="must be an integer"):
        sample.count = "3"
    with pytest.raises(ValueError, match="must be at most 1"):
        sample.ratio = 1.5
    with pytest.raises(ValueError, match=r"Sample\.day"):
        sample.day = "2026-01-02"
    assert sample.count == 3 and sample.ratio == 0.5
    assert isinstance(Sample.param["count"], param.Integer)
    assert isinstance(Sample.param["day"], param.CalendarDate)


def test_watchers_see_each_set_and_instance_parameters_belong_to_the_instance():
    sample = Sample()
    seen = []
    sample.param.watch(lambda *events: seen.extend((e.name, e.old, e.new) for e in events),
                       ["count", "ratio"])
    sample.count = 4
    sample.param.update(count=5, ratio=0.25)
    assert seen == [("count", 1, 4), ("count", 4, 5), ("ratio", None, 0.25)]
    assert sample.param["count"].owner is sample
    assert ds.bind(lambda n: n * 2, sample.param.count)() == 10


def test_a_callable_value_is_kept_as_it_is_never_called_on_read():
    calls = []
    sample = Sample()
    sample.count = lambda: calls.append(1) or 7  # param's numbers accept a callable
    assert callable(sample.count) and calls == []
    slider = ds.widgets.IntSlider(end=10)
    with pytest.raises(ValueError, match="cannot hold a function value"):
        slider.value = lambda: 3  # a model refuses it: it could not be sent
    assert slider.value == 0


def _model_types() -> list[type[Model]]:
    found, stack = [], [Model]
    while stack:
        cls = stack.pop()
        found.append(cls)
        stack.extend(cls.__subclasses__())
    return found


def test_every_numeric_parameter_of_every_model_is_ours():
    """A model's numbers are read for every snapshot: param's dynamic-value check costs
    each read three times what the value takes."""
    for package in ("docsync.chat", "docsync.table", "docsync.template"):
        importlib.import_module(package)  # so that every model type is defined

    slow = [f"{cls.__name__}.{name}" for cls in _model_types()
            for name, p in cls.param.objects("existing").items()
            if cls.__module__.startswith("docsync.")  # not the models tests define
            and isinstance(p, param.Number) and type(p).__module__ != "docsync.core.params"]
    assert slow == []
