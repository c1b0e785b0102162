"""``docsync.template``: ``Page`` (wrapping of contents, client-writable theme, refusals),
Panel's template classes, ``config.template`` and ``servable(target=...)``."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

import docsync as ds
from docsync.exceptions import UsageError
from docsync.pane import Markdown, Str
from docsync.template import Page
from docsync.testing import LocalClient


@pytest.fixture
def config_scope() -> Iterator[None]:
    """Process-wide ds.config settings made by a test are undone after it."""
    yield
    ds.config.reset()


def test_contents_are_wrapped_as_panes() -> None:
    slider = ds.widgets.IntSlider(name="x")
    page = Page(title="T", sidebar=[slider], main=["# Hi", 42], header="h")
    assert page.sidebar == [slider]
    assert [type(m) for m in page.main] == [Markdown, Str]
    assert isinstance(page.header[0], Markdown)


def test_children_are_sent_as_refs() -> None:
    local = LocalClient(lambda: Page(title="T", sidebar=["side"], main=["main"])).connect()
    page_id = local.client.find("Page")
    props = local.client.props(page_id)
    assert props["title"] == "T"
    [side] = props["sidebar"]
    assert local.client.props(side["ref"])["object"] == "side"


def test_theme_is_written_by_the_browser_and_checked() -> None:
    page = Page(main=["x"])
    local = LocalClient(lambda: page).connect()
    page_id = local.client.find("Page")
    local.set(page_id, "theme", "dark")
    assert page.theme == "dark"
    local.set(page_id, "theme", "purple")
    assert local.client.errors[-1]["code"] == "invalid"
    assert page.theme == "dark"
    assert local.client.prop(page_id, "theme") == "dark"  # snapped back


def test_other_props_are_read_only_to_the_browser() -> None:
    page = Page(title="Mine")
    local = LocalClient(lambda: page).connect()
    page_id = local.client.find("Page")
    local.set(page_id, "title", "Theirs")
    assert local.client.errors[-1]["code"] == "forbidden"
    assert page.title == "Mine"
    assert local.client.prop(page_id, "title") == "Mine"


def test_sidebar_width_is_bounded() -> None:
    with pytest.raises(ValueError):
        Page(sidebar_width=10)


# -- Panel's template classes (docsync/template/panel.py) ------------------------------------


def test_a_templates_areas_are_columns_that_grow_in_place() -> None:
    slider = ds.widgets.IntSlider(name="x")
    template = ds.template.FastListTemplate(sidebar=[slider], main="# Hi")
    assert isinstance(template.main, ds.Column) and isinstance(template.sidebar, ds.Column)
    assert template.sidebar.objects == [slider]
    template.main.append("more")
    template.header.extend(["a", "b"])
    assert [type(m) for m in template.main] == [Markdown, Markdown]
    assert len(template.header) == 2
    with pytest.raises(TypeError, match=r"Constant parameter .main."):
        template.main = ds.Column()


def test_an_area_change_in_a_session_reaches_the_client() -> None:
    template = ds.template.VanillaTemplate(main=["one"])
    local = LocalClient(lambda: template).connect()
    template.main.append("two")
    local.tick()
    column = local.client.prop(local.client.find("VanillaTemplate"), "main")["ref"]
    assert len(local.client.prop(column, "children")) == 2


def test_theme_takes_panels_names_and_classes() -> None:
    template = ds.template.BootstrapTemplate(theme=ds.template.DarkTheme)
    assert template.theme == "dark"
    template.theme = ds.template.DefaultTheme
    assert template.theme == "default"
    template.theme = "light"  # what the page's switch writes
    with pytest.raises(ValueError):
        template.theme = "purple"


def test_the_default_theme_is_configs(config_scope: None) -> None:
    assert Page().theme == "auto"
    ds.config.theme = "dark"
    assert Page().theme == "dark"
    assert ds.template.MaterialTemplate().theme == "dark"
    assert ds.template.MaterialTemplate(theme="default").theme == "default"


def test_accent_sets_the_header_and_the_controls() -> None:
    template = ds.template.FastListTemplate(accent="#A01346")
    assert template.accent_base_color == template.header_background == "#A01346"
    kept = ds.template.FastListTemplate(accent="#A01346", header_background="#000000")
    assert kept.header_background == "#000000"
    assert ds.template.MaterialTemplate().accent == "#3f51b5"


def test_a_modal_opens_and_closes() -> None:
    template = ds.template.FastListTemplate(modal=["Terms"])
    template.open_modal()
    assert template.modal_open is True
    template.close_modal()
    assert template.modal_open is False


# -- config.template (docsync/template/auto.py) and servable(target=) -----------------------


def test_config_template_wraps_servables_by_target(config_scope: None) -> None:
    def app() -> None:
        ds.extension(template="material")
        ds.pane.Markdown("side").servable(target="sidebar")
        ds.pane.Markdown("body").servable(title="Titled")
        ds.pane.Markdown("head").servable(area="header")

    local = LocalClient(app).connect()
    template_id = local.client.find("MaterialTemplate")
    props = local.client.props(template_id)
    assert props["title"] == "Titled"
    for name, text in [("sidebar", "side"), ("main", "body"), ("header", "head")]:
        [child] = local.client.prop(props[name]["ref"], "children")
        assert local.client.prop(child["ref"], "object") == text


def test_a_servable_template_is_not_wrapped_again(config_scope: None) -> None:
    def app() -> None:
        ds.extension(template="fast")
        ds.template.VanillaTemplate(title="Mine", main=["x"]).servable()

    local = LocalClient(app).connect()
    assert local.client.find("VanillaTemplate")
    with pytest.raises(LookupError):
        local.client.find("FastListTemplate")


def test_servable_refuses_an_unknown_target_or_location() -> None:
    with pytest.raises(UsageError, match="'main', 'sidebar', 'header', 'modal'"):
        ds.pane.Markdown("x").servable(target="footer")
    with pytest.raises(UsageError, match=r"state\.location"):
        ds.pane.Markdown("x").servable(location=False)


def test_a_template_docsync_lacks_is_refused_by_name(config_scope: None) -> None:
    with pytest.raises(UsageError, match=r"pn\.config\.template"):
        ds.config.template = "golden"


def test_a_servable_page_is_not_put_in_a_template(config_scope: None) -> None:
    def app() -> None:
        ds.extension(template="bootstrap")
        Page(title="Own shell", main=["x"]).servable()

    local = LocalClient(app).connect()
    assert local.client.find("Page")
    assert local.client.doc is not None and local.client.doc["title"] == "Own shell"
    with pytest.raises(LookupError):
        local.client.find("BootstrapTemplate")
