"""``ds.config`` (Panel's ``pn.config``): the settings ``ds.extension(**config)`` takes.

A setting has a process-wide value and, inside a session, may have a value of that session
only: assigning a setting in app code or a callback (``ds.config.sizing_mode = ...``, or
``ds.extension(sizing_mode=...)`` at the top of a script, which runs once per session)
changes it for the current session alone, as in Panel; assigning it outside any session
(a ``--setup`` script, a notebook kernel, a module run before ``ds.serve``) changes the
process-wide value, which every session without its own value reads. A few settings are
process-wide only (:data:`PROCESS_WIDE`): assigning them anywhere changes the process value.

Every name Panel's ``pn.config`` documents is a setting here, validated by the same kind of
rule. Which of them docsync acts on, and why the others have no effect, is in README's
"Coming from Panel" table. An unknown name raises an error that names the nearest valid one.

The one process-wide :class:`Config` instance is this module's :data:`config`, which
``docsync`` exports as ``ds.config`` (Panel's API needs one place for settings made before
any server exists); a session's own values live in its ``SessionContext``.
"""

from __future__ import annotations

import copy
import difflib
import functools
import logging
import os
from collections.abc import Iterator
from contextlib import suppress
from typing import Any

import param

from docsync.exceptions import UsageError
from docsync.runtime.current import CURRENT_SESSION

__all__ = [
    "EXTENSION_NAMES",
    "NAMES",
    "PROCESS_WIDE",
    "Config",
    "Settings",
    "call_exception_handler",
    "extension_settings",
    "sizing_default",
    "thread_count",
]

_SIZING = [None, "fixed", "stretch_width", "stretch_height", "stretch_both",
           "scale_width", "scale_height", "scale_both"]

#: Panel's extension names (``pn.extension("tabulator", ...)``): each loads a JavaScript
#: library in Panel. docsync's page loads what a component needs when it shows one, so a
#: name only has to be one Panel knows.
EXTENSION_NAMES = frozenset({
    "ace", "codeeditor", "deckgl", "echarts", "filedropper", "floatpanel", "gridstack",
    "ipywidgets", "jsoneditor", "katex", "mathjax", "modal", "notifications", "perspective",
    "plotly", "tabulator", "terminal", "texteditor", "vega", "vizzu", "vtk",
})


class Settings(param.Parameterized):
    """The settings and their rules (one instance holds the process-wide values)."""

    # -- page and components -----------------------------------------------------------
    sizing_mode = param.Selector(default=None, objects=_SIZING, doc=(
        "The sizing_mode of every component created without one."))
    # Panel's "golden", "react", "editable" and "slides" have no docsync template: refused.
    template = param.Selector(default=None, objects=[
        None, "bootstrap", "fast", "fast-list", "material", "vanilla"], doc=(
            "Wrap the servables of each session in this page template."))
    theme = param.Selector(default="default", objects=["default", "dark"], doc=(
        "The page's colour theme."))
    design = param.Parameter(default=None, doc="Panel's design system (a class or a name).")
    raw_css = param.List(default=[], item_type=str, doc="CSS text added to the page.")
    global_css = param.List(default=[], item_type=str, doc="CSS text added to the page.")
    css_files = param.List(default=[], doc="URLs of stylesheets added to the page.")
    js_files = param.Dict(default={}, doc="Name → URL of scripts added to the page.")
    js_modules = param.Dict(default={}, doc="Name → URL of ES modules added to the page.")
    defer_load = param.Boolean(default=False, doc=(
        "Render bound functions only once the page is shown, a spinner until then."))
    loading_indicator = param.Boolean(default=False, doc=(
        "Show a spinner over a component while its callbacks run."))
    loading_spinner = param.Selector(default="arc", objects=[
        "arc", "arcs", "bar", "dots", "petal"])
    loading_color = param.Color(default="#c3c3c3")
    loading_max_height = param.Integer(default=300, bounds=(0, None))
    global_loading_spinner = param.Boolean(default=False)
    notifications = param.Boolean(default=False, doc="Toasts (state.notifications).")
    disconnect_notification = param.String(default="Server connection lost.", doc=(
        "Said in the page when its connection is lost."))
    ready_notification = param.String(default=None, allow_None=True, doc=(
        "Said in the page once it is shown."))
    throttled = param.Boolean(default=False, doc=(
        "Sliders send their value only when the handle is released."))
    respect_explicit_sizing = param.Boolean(default=False)
    layout_compatibility = param.Selector(default="warn", objects=["warn", "error"])
    exception_handler = param.Callable(default=None, allow_None=True, doc=(
        "Called with each exception a callback raises."))
    # -- server and process ----------------------------------------------------------------
    nthreads = param.Integer(default=None, allow_None=True, bounds=(0, None), doc=(
        "Worker threads for sync callbacks."))
    autoreload = param.Boolean(default=False)
    reconnect = param.Selector(default=True, objects=[True, False, "prompt"])
    reuse_sessions = param.Selector(default=False, objects=[True, False, "warm"])
    session_history = param.Integer(default=0, bounds=(-1, None))
    session_key_func = param.Callable(default=None, allow_None=True)
    browser_info = param.Boolean(default=True)
    cache_path = param.String(default=None, allow_None=True, doc=(
        "Where pn.cache(to_disk=True) keeps its entries; None: docsync's disk cache folder "
        "($DOCSYNC_CACHE_DIR, else .docsync/cache)."))
    console_output = param.Selector(default="accumulate", objects=[
        "accumulate", "replace", "disable", False])
    comms = param.Selector(default="default", objects=["default", "ipywidgets", "vscode",
                                                       "colab"])
    inline = param.Boolean(default=False, allow_None=True)
    embed = param.Boolean(default=False, allow_None=True)
    embed_json = param.Boolean(default=False)
    embed_json_prefix = param.String(default="")
    embed_load_path = param.String(default=None, allow_None=True)
    embed_save_path = param.String(default="./")
    safe_embed = param.Boolean(default=False)
    apply_signatures = param.Boolean(default=True)
    load_entry_points = param.Boolean(default=True)
    disable_validation = param.Boolean(default=False)
    log_level = param.Selector(default="WARNING", objects=[
        "DEBUG", "INFO", "WARNING", "ERROR", "CRITICAL"])
    profiler = param.Selector(default=None, objects=[None, "pyinstrument", "snakeviz",
                                                     "memray"])
    admin = param.Boolean(default=False)
    admin_endpoint = param.String(default=None, allow_None=True)
    admin_log_level = param.Selector(default="DEBUG", objects=[
        "DEBUG", "INFO", "WARNING", "ERROR", "CRITICAL"])
    admin_plugins = param.List(default=[])
    cdn_root = param.String(default=None, allow_None=True)
    npm_cdn = param.String(default="https://cdn.jsdelivr.net/npm")
    index_titles = param.Dict(default={})
    # -- login (docsync serve's flags, when they exist) -------------------------------------
    authorize_callback = param.Callable(default=None, allow_None=True)
    auth_template = param.String(default=None, allow_None=True)
    basic_auth_template = param.String(default=None, allow_None=True)
    basic_auth = param.ClassSelector(default=None, class_=(dict, str), allow_None=True)
    cookie_secret = param.String(default=None, allow_None=True)
    cookie_path = param.String(default="/")
    oauth_provider = param.String(default=None, allow_None=True)
    oauth_expiry = param.Number(default=1, bounds=(0, None))
    oauth_key = param.String(default=None, allow_None=True)
    oauth_secret = param.String(default=None, allow_None=True)
    oauth_jwt_user = param.String(default=None, allow_None=True)
    oauth_redirect_uri = param.String(default=None, allow_None=True)
    oauth_encryption_key = param.ClassSelector(default=None, class_=bytes, allow_None=True)
    oauth_extra_params = param.Dict(default={})
    oauth_guest_endpoints = param.List(default=None, allow_None=True)
    oauth_optional = param.Boolean(default=False)
    oauth_refresh_tokens = param.Boolean(default=False)


#: Settings of the whole process (as Panel's): assigning one in a session changes it for
#: every session.
PROCESS_WIDE = frozenset({
    "admin", "admin_endpoint", "admin_log_level", "admin_plugins", "autoreload", "cdn_root",
    "comms", "cookie_path", "cookie_secret", "disable_validation", "index_titles",
    "layout_compatibility", "npm_cdn", "nthreads", "oauth_encryption_key", "oauth_expiry",
    "oauth_extra_params", "oauth_guest_endpoints", "oauth_jwt_user", "oauth_key",
    "oauth_optional", "oauth_provider", "oauth_redirect_uri", "oauth_refresh_tokens",
    "oauth_secret",
})

#: Settings whose values are lists or dicts that ``extension`` adds to rather than replaces.
_EXTENDED = frozenset({"raw_css", "global_css", "css_files", "js_files", "js_modules",
                       "admin_plugins"})

NAMES = tuple(n for n in Settings.param if n != "name")
_NAME_SET = frozenset(NAMES)  # membership without building param's Parameters object


def _nearest(name: str) -> str:
    close = difflib.get_close_matches(name, NAMES, n=1, cutoff=0.5)
    hint = f"; did you mean {close[0]!r}?" if close else ""
    return (f"{name!r} is not a setting of pn.config / ds.config{hint} (the settings are "
            "those of Panel's pn.config; README's 'Coming from Panel' lists them)")


def _session_scope() -> dict[str, Any] | None:
    """The current session's own settings, or None outside a session."""
    ctx = CURRENT_SESSION.get()
    return ctx.config if ctx is not None else None


class Config:
    """Panel's ``pn.config``: read and assign settings as attributes (see the module
    docstring for which scope an assignment changes)."""

    __slots__ = ("_process", "_scratch")

    def __init__(self) -> None:
        object.__setattr__(self, "_process", Settings(name="config"))
        # Values are checked by setting them on a scratch instance: param's rules, no copy.
        object.__setattr__(self, "_scratch", Settings(name="check"))

    def __getattr__(self, name: str) -> Any:
        if name not in _NAME_SET:
            raise AttributeError(_nearest(name))
        scope = _session_scope()
        if scope is None or name in PROCESS_WIDE:
            return getattr(self._process, name)
        if name not in scope and name in _EXTENDED:
            # A session that mutates a list in place must not change every session's.
            value = getattr(self._process, name)
            scope[name] = list(value) if isinstance(value, list) else dict(value)
        return scope[name] if name in scope else getattr(self._process, name)

    def check(self, name: str, value: Any) -> None:
        """Raise :class:`UsageError` unless ``value`` is valid for setting ``name``."""
        if name not in Settings.param or name == "name":
            raise AttributeError(_nearest(name))
        try:
            setattr(self._scratch, name, value)
        except (ValueError, TypeError) as exc:
            raise UsageError(f"pn.config.{name}: {exc}") from None

    def __setattr__(self, name: str, value: Any) -> None:
        self.check(name, value)
        scope = _session_scope()
        if scope is None or name in PROCESS_WIDE:
            setattr(self._process, name, value)
        else:
            scope[name] = value

    def __dir__(self) -> Iterator[str]:  # type: ignore[override]
        return iter(NAMES)

    def __repr__(self) -> str:
        return "Config(" + ", ".join(f"{n}={getattr(self, n)!r}" for n in NAMES
                                     if getattr(self, n) != Settings.param[n].default) + ")"

    def reset(self) -> None:
        """Every setting of the current scope (the session's, or the process's outside a
        session) back to its default."""
        scope = _session_scope()
        if scope is not None:
            scope.clear()
            return
        for n in NAMES:
            with suppress(ValueError):
                # A copy: a list or dict mutated in place must not change the default.
                setattr(self._process, n, copy.copy(Settings.param[n].default))


#: The process-wide settings (``ds.config``, Panel's ``pn.config``).
config = Config()


def extension_settings(config: Config, names: tuple[str, ...], settings: dict[str, Any]) -> None:
    """Check and apply ``pn.extension(*names, **settings)`` to ``config``.

    Every name must be one of Panel's extensions (:data:`EXTENSION_NAMES`) and every
    keyword a setting; an unknown one raises :class:`UsageError` naming the nearest valid
    one, and so does an invalid value, before anything is changed. List and dict settings
    are extended, as in Panel; ``"notifications"`` among the names, or a
    ``ready_``/``disconnect_notification``, turns ``notifications`` on.
    """
    for name in names:
        if name not in EXTENSION_NAMES:
            close = difflib.get_close_matches(name, sorted(EXTENSION_NAMES), n=1, cutoff=0.5)
            hint = f"; did you mean {close[0]!r}?" if close else ""
            raise UsageError(f"pn.extension({name!r}): not an extension name Panel knows"
                             f"{hint} (known: {', '.join(sorted(EXTENSION_NAMES))})")
    for key in settings:
        if key not in NAMES:
            raise UsageError(f"pn.extension({key}=...): " + _nearest(key))
    if "notifications" in names or settings.get("ready_notification") or \
            settings.get("disconnect_notification"):
        settings.setdefault("notifications", True)
    new: dict[str, Any] = {}
    for key, value in settings.items():
        if key in _EXTENDED:
            if not isinstance(value, (list, dict)):
                raise UsageError(f"pn.extension({key}=...) takes a "
                                 f"{'dict' if key.startswith('js') else 'list'}, "
                                 f"not {type(value).__name__}")
            current = getattr(config, key)
            if isinstance(current, dict):
                value = {**current, **value}
            else:
                value = [*current, *(v for v in value if v not in current)]
        config.check(key, value)
        new[key] = value
    for key, value in new.items():
        setattr(config, key, value)


_WIDTH_MODES = frozenset({"stretch_width", "scale_width", "stretch_both", "scale_both"})
_HEIGHT_MODES = frozenset({"stretch_height", "scale_height", "stretch_both", "scale_both"})


@functools.cache
def _own_sizing_mode(cls: type[param.Parameterized]) -> bool:
    return cls.param["sizing_mode"].default is not None


def sizing_default(cls: type[param.Parameterized], params: dict[str, Any]) -> None:
    """Give a component of type ``cls`` about to be made with ``params`` the
    ``ds.config.sizing_mode`` of the current scope when it was given none (Panel's rule).

    A type with a ``sizing_mode`` default of its own keeps it. With
    ``respect_explicit_sizing``, a ``width`` (or ``height``) given explicitly keeps the
    component from a mode that would stretch or scale that dimension.
    """
    if "sizing_mode" in params or _own_sizing_mode(cls):
        return
    mode = config.sizing_mode
    if mode is None:
        return
    if config.respect_explicit_sizing and (
            (mode in _WIDTH_MODES and params.get("width") is not None)
            or (mode in _HEIGHT_MODES and params.get("height") is not None)):
        return
    params["sizing_mode"] = mode


def thread_count(nthreads: int | None) -> int | None:
    """The worker threads ``nthreads`` asks for: None for the server's own number, 0 for
    as many as Python's thread pools default to (``min(32, CPUs + 4)``), else itself."""
    if nthreads is None:
        return None
    return nthreads or min(32, (os.cpu_count() or 1) + 4)


def call_exception_handler(error: BaseException) -> bool:
    """Pass ``error`` to the current scope's ``exception_handler``; True when there is
    one and it returned without raising (it then replaces docsync's own report)."""
    handler = config.exception_handler
    if handler is None:
        return False
    try:
        handler(error)
    except Exception:
        logging.getLogger("docsync.callbacks").exception(
            "pn.config.exception_handler %r raised", handler)
        return False
    return True
