"""``docsync.page_settings``: which ``ds.config`` settings a page gets, and when none."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

import docsync as ds
from docsync.exceptions import UsageError
from docsync.page_settings import PageSettings, page_settings


@pytest.fixture(autouse=True)
def process_config() -> Iterator[None]:
    yield
    ds.config.reset()


def test_default_settings_give_no_model() -> None:
    assert page_settings() is None
    ds.config.sizing_mode = "stretch_width"  # not a page setting: components take it
    assert page_settings() is None


def test_css_files_and_scripts_keep_their_order() -> None:
    ds.extension(raw_css=["a {}"], global_css=["b {}"], css_files=["x.css"],
                 js_files={"lib": "https://cdn.example.com/lib.js"},
                 js_modules={"mod": "/static/mod.mjs"})
    settings = page_settings()
    assert isinstance(settings, PageSettings)
    assert settings.css == ["a {}", "b {}"]
    assert settings.css_files == ["x.css"]
    assert settings.js_files == ["https://cdn.example.com/lib.js"]
    assert settings.js_modules == ["/static/mod.mjs"]


def test_notification_texts_go_only_with_notifications_on() -> None:
    ds.config.theme = "dark"
    settings = page_settings()
    assert settings is not None and settings.theme == "dark"
    assert settings.disconnect_notification is None  # notifications are off
    ds.extension("notifications")
    settings = page_settings()
    assert settings is not None and settings.notifications is True
    assert settings.disconnect_notification == "Server connection lost."  # Panel's default
    assert settings.ready_notification is None


def test_a_value_that_is_not_a_string_is_refused_by_name() -> None:
    ds.config.css_files = [42]
    with pytest.raises(UsageError, match=r"pn\.config\.css_files: 42 is not a URL"):
        page_settings()
    ds.config.reset()
    ds.config.raw_css.append(None)
    with pytest.raises(UsageError, match=r"pn\.config\.raw_css: None is not CSS text"):
        page_settings()
