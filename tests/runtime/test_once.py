"""``OncePerServer``: a registration repeated by every run of a script counts once."""

from __future__ import annotations

import functools

from docsync.runtime.once import OncePerServer, code_of

SCRIPT = compile("""
def hook(ctx):
    pass

registered.append(hook)
registered.append(lambda ctx: None)
for n in range(2):
    registered.append(lambda ctx, n=n: n)
""", "app.py", "exec")


def run_script() -> list:
    registered: list = []
    exec(SCRIPT, {"registered": registered})
    return registered


def test_each_run_of_a_script_repeats_the_same_registrations():
    once = OncePerServer()
    first_run, second_run = run_script(), run_script()
    assert first_run[0] is not second_run[0]  # new function objects each run
    first: dict = {}
    assert [once.first("created", hook, first) for hook in first_run] == [True] * 4
    second: dict = {}
    assert [once.first("created", hook, second) for hook in second_run] == [False] * 4
    # A loop registering one lambda twice is two registrations: the rank tells them apart.
    assert first[("created", code_of(first_run[2]))] == 2


def test_kinds_and_other_code_are_new():
    once = OncePerServer()
    hook = run_script()[0]
    assert once.first("created", hook, {}) and once.first("destroyed", hook, {})
    assert once.first("created", print, {}) and not once.first("created", print, {})


def test_code_of_sees_through_partials_and_bound_methods():
    class Owner:
        def hook(self, ctx):
            pass

    assert code_of(Owner().hook) is code_of(Owner().hook) is Owner.hook.__code__
    assert code_of(functools.partial(Owner.hook, None)) is Owner.hook.__code__
    assert code_of(print) is print
