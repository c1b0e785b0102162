"""``ds.config`` / ``ds.extension(**settings)``: scopes, validation, extension rules."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

import docsync as pn
from docsync.exceptions import UsageError
from docsync.runtime.current import CURRENT_SESSION
from docsync.settings import (
    NAMES,
    Config,
    Settings,
    call_exception_handler,
    extension_settings,
    sizing_default,
    thread_count,
)


class FakeSessionScope:
    """Just what the settings read of a session: its ``config`` dict."""

    def __init__(self) -> None:
        self.config: dict[str, object] = {}


@pytest.fixture
def config() -> Config:
    return Config()


@pytest.fixture
def in_session() -> Iterator[FakeSessionScope]:
    scope = FakeSessionScope()
    token = CURRENT_SESSION.set(scope)  # type: ignore[arg-type]
    try:
        yield scope
    finally:
        CURRENT_SESSION.reset(token)


def test_every_setting_reads_its_default(config: Config) -> None:
    assert "sizing_mode" in NAMES and "nthreads" in NAMES and "raw_css" in NAMES
    assert config.sizing_mode is None
    assert config.theme == "default"
    assert config.raw_css == []


def test_outside_a_session_a_setting_is_process_wide(config: Config) -> None:
    config.sizing_mode = "stretch_width"
    assert config.sizing_mode == "stretch_width"


def test_in_a_session_a_setting_is_that_sessions_alone(config: Config,
                                                       in_session: FakeSessionScope) -> None:
    config.sizing_mode = "stretch_both"
    assert config.sizing_mode == "stretch_both"
    assert in_session.config == {"sizing_mode": "stretch_both"}
    token = CURRENT_SESSION.set(None)
    try:
        assert config.sizing_mode is None  # the process value did not change
    finally:
        CURRENT_SESSION.reset(token)


def test_a_list_mutated_in_a_session_leaves_the_process_value(
        config: Config, in_session: FakeSessionScope) -> None:
    config.raw_css.append("body { color: red }")
    assert config.raw_css == ["body { color: red }"]
    assert config._process.raw_css == []


def test_process_wide_settings_ignore_the_session(config: Config,
                                                  in_session: FakeSessionScope) -> None:
    config.nthreads = 8
    assert in_session.config == {}
    assert config._process.nthreads == 8


def test_an_unknown_setting_names_the_nearest(config: Config) -> None:
    with pytest.raises(AttributeError, match=r"did you mean 'sizing_mode'"):
        config.sizing_mod = "fixed"
    with pytest.raises(AttributeError, match=r"did you mean 'theme'"):
        _ = config.them


def test_an_invalid_value_says_which_setting(config: Config) -> None:
    with pytest.raises(UsageError, match=r"pn\.config\.sizing_mode"):
        config.sizing_mode = "huge"


def test_extension_checks_everything_before_changing_anything(config: Config) -> None:
    with pytest.raises(UsageError, match=r"did you mean 'sizing_mode'"):
        extension_settings(config, (), {"theme": "dark", "sizing_mod": "fixed"})
    with pytest.raises(UsageError, match=r"pn\.config\.sizing_mode"):
        extension_settings(config, (), {"theme": "dark", "sizing_mode": "huge"})
    with pytest.raises(UsageError, match=r"did you mean 'tabulator'"):
        extension_settings(config, ("tabulatr",), {"theme": "dark"})
    assert config.theme == "default"


def test_extension_extends_lists_and_turns_notifications_on(config: Config) -> None:
    extension_settings(config, ("tabulator", "vega"), {"raw_css": ["a {}"]})
    extension_settings(config, (), {"raw_css": ["a {}", "b {}"],
                                    "disconnect_notification": "Gone"})
    assert config.raw_css == ["a {}", "b {}"]
    assert config.notifications is True
    with pytest.raises(UsageError, match="takes a list"):
        extension_settings(config, (), {"css_files": "x.css"})


def test_the_package_has_one_config_and_extension_uses_it() -> None:
    assert isinstance(pn.config, Config)
    with pytest.raises(UsageError, match=r"did you mean 'defer_load'"):
        pn.extension(defer_lod=True)


# -- what acts on the settings: sizing_default, thread_count, call_exception_handler --------

@pytest.fixture
def process_config() -> Iterator[None]:
    yield
    pn.config.reset()


def test_sizing_default_applies_the_config_to_components_made_without_one(
        process_config: None) -> None:
    pn.config.sizing_mode = "stretch_width"
    assert pn.Column().sizing_mode == "stretch_width"
    assert pn.widgets.TextInput().sizing_mode == "stretch_width"
    assert pn.pane.Markdown("x").sizing_mode == "stretch_width"
    assert pn.indicators.Number().sizing_mode == "stretch_width"
    assert pn.Row(sizing_mode="fixed").sizing_mode == "fixed"
    params: dict[str, object] = {"width": 100}
    sizing_default(pn.Column, params)
    assert params["sizing_mode"] == "stretch_width"


def test_respect_explicit_sizing_keeps_a_given_width(process_config: None) -> None:
    pn.extension(sizing_mode="stretch_width", respect_explicit_sizing=True)
    assert pn.Column(width=100).sizing_mode is None
    assert pn.Column(height=100).sizing_mode == "stretch_width"


def test_thread_count() -> None:
    assert thread_count(None) is None
    assert thread_count(3) == 3
    assert 5 <= (thread_count(0) or 0) <= 32


def test_the_exception_handler_takes_an_error_unless_it_raises(process_config: None) -> None:
    seen: list[BaseException] = []
    assert call_exception_handler(ValueError("x")) is False
    pn.config.exception_handler = seen.append
    error = ValueError("boom")
    assert call_exception_handler(error) is True
    assert seen == [error]

    def broken(exc: BaseException) -> None:
        raise RuntimeError("handler broke")

    pn.config.exception_handler = broken
    assert call_exception_handler(error) is False  # docsync reports it itself


def test_reset_leaves_the_defaults_unshared(config: Config) -> None:
    config.reset()
    config.raw_css.append("a {}")  # in place, on the process value
    config.reset()
    assert config.raw_css == [] and Settings.param["raw_css"].default == []
