"""``ds.config`` / ``ds.extension(**settings)``: scopes, validation, extension rules."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

import docsync as pn
from docsync.exceptions import UsageError
from docsync.runtime.context import CURRENT_SESSION
from docsync.settings import NAMES, Config, extension_settings


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
