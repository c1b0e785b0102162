"""``docsync serve``: the command line (also ``python -m docsync``)."""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import socket
import sys
from collections.abc import Callable
from pathlib import Path

from docsync.app_loader import load_apps
from docsync.exceptions import AppError, RedisUnavailable, UsageError
from docsync.notebook.app import NotebookApp
from docsync.server import Server, ServerConfig
from docsync.server.config import check_paths, index_of, oauth_config, tls_context
from docsync.server.gate import login_config
from docsync.server.logs import configure, formatter

__all__ = ["main"]


def _positive(kind: type) -> object:
    def parse(text: str) -> object:
        try:
            value = kind(text)
        except ValueError:
            raise argparse.ArgumentTypeError(f"{text!r} is not a number") from None
        if value < 0:
            raise argparse.ArgumentTypeError(f"{text!r} must not be negative")
        return value

    return parse


def _log_format(text: str) -> str:
    try:
        formatter(text)
    except ValueError as exc:
        raise argparse.ArgumentTypeError(str(exc)) from None
    return text


def parser() -> argparse.ArgumentParser:
    top = argparse.ArgumentParser(prog="docsync", description="Serve Python apps to browsers.")
    sub = top.add_subparsers(dest="command", required=True, metavar="COMMAND")
    srv = sub.add_parser("serve", help="serve one or more app files",
                         description="Serve app scripts; app.py is served at /app.")
    srv.add_argument("apps", nargs="+", metavar="APP",
                     help="app script(s) (.py) or notebook(s) (.ipynb)")
    srv.add_argument("--port", type=_positive(int), default=5006,
                     help="port to listen on (0 picks a free one; default 5006)")
    srv.add_argument("--address", default="127.0.0.1", help="address to bind (default 127.0.0.1)")
    srv.add_argument("--show", action="store_true", help="open the app in a browser")
    srv.add_argument("--allow-websocket-origin", action="append", default=[], metavar="HOST",
                     help="also accept WebSockets from pages on HOST:PORT, HOST "
                          "(ports 80, 443), HOST:* (any port); repeatable; * = any")
    srv.add_argument("--reconnect-timeout", type=_positive(float), default=30.0, metavar="SECONDS",
                     help="how long a disconnected session is kept (default 30)")
    srv.add_argument("--autoreload", action="store_true",
                     help="restart when an app file or a local module changes; pages reload")
    srv.add_argument("--compression", action="store_true",
                     help="enable permessage-deflate (smaller frames, ~35 KiB more per connection)")
    srv.add_argument("--max-frame-size", type=_positive(int), default=20 * 1024 * 1024,
                     metavar="BYTES", help="largest accepted frame (default 20 MiB)")
    srv.add_argument("--num-threads", type=_positive(int), default=4, metavar="N",
                     help="worker threads for sync callbacks (default 4)")
    srv.add_argument("--server", choices=("websockets", "asgi"), default="websockets",
                     help="what carries HTTP and WebSockets: the websockets library "
                          "(default) or docsync's ASGI app under uvicorn")
    srv.add_argument("--num-procs", type=_positive(int), default=1, metavar="N",
                     help="worker processes behind the one port; every connection of a "
                          "session reaches its worker (default 1)")
    srv.add_argument("--notebook-markdown", action="store_true",
                     help="show a served notebook's markdown cells too, in their place")
    srv.add_argument("--setup", metavar="FILE.py",
                     help="a script run once at start (state.on_session_created, "
                          "state.schedule_task...)")
    srv.add_argument("--max-callback-errors", type=_positive(int), default=5, metavar="N",
                     help="failures in a row before a periodic callback is stopped (default 5)")
    srv.add_argument("--require-picklable-state", action="store_true",
                     help="state.session refuses values that pickle cannot save")
    srv.add_argument("--redis", metavar="URL", default=None,
                     help="share messages, cluster-wide tasks, the cache and saved sessions "
                          "through Redis (default: $DOCSYNC_REDIS_URL, else none)")
    srv.add_argument("--persist", action=argparse.BooleanOptionalAction, default=None,
                     help="save sessions so that a restarted or other worker rebuilds them "
                          "on reconnect (default: on with --redis)")
    srv.add_argument("--persist-path", default=".docsync-sessions.sqlite", metavar="FILE",
                     help="where sessions are saved without Redis "
                          "(default .docsync-sessions.sqlite)")
    srv.add_argument("--task-lease", type=_positive(float), default=15.0, metavar="SECONDS",
                     help="with Redis, how soon another worker takes over the scheduled "
                          "tasks of a worker that died (default 15)")
    srv.add_argument("--ssl-certfile", metavar="FILE", default=None,
                     help="serve HTTPS and WSS with this PEM certificate (chain)")
    srv.add_argument("--ssl-keyfile", metavar="FILE", default=None,
                     help="the certificate's private key, if not in --ssl-certfile")
    srv.add_argument("--prefix", default="", metavar="/PATH",
                     help="serve every page, static file and WebSocket under this path, for "
                          "a reverse proxy that forwards it")
    srv.add_argument("--use-xheaders", action="store_true",
                     help="trust the proxy's X-Forwarded-Host for the host and origin checks")
    srv.add_argument("--index", default=None, metavar="APP_OR_FILE.html",
                     help="what / shows: an app's name, or an HTML file with a $cards "
                          "placeholder for the cards of every app (default: the one app, "
                          "or cards of them all)")
    srv.add_argument("--static-dirs", nargs="+", default=[], metavar="NAME=FOLDER",
                     help="serve the files of FOLDER at /NAME/ (images, data of the app)")
    _login_flags(srv)
    srv.add_argument("--log-level", default="info",
                     choices=["debug", "info", "warning", "error"])
    srv.add_argument("--log-format", default="text", type=_log_format, metavar="FORMAT",
                     help="text (default), json (one JSON object per line, for log "
                          "collectors), or a Python logging format string as in panel serve")
    srv.add_argument("--metrics", action="store_true",
                     help="serve Prometheus metrics at /metrics (with --num-procs, the sum "
                          "of the workers'); it tells anyone who reaches the port what runs")
    # Set by the autoreload supervisor on its child: announce restarts to the pages.
    srv.add_argument("--reload-notice", action="store_true", help=argparse.SUPPRESS)
    # Set by the --num-procs acceptor on its workers: the channel it hands connections over.
    srv.add_argument("--worker-fd", type=int, help=argparse.SUPPRESS)
    sub.add_parser("hash-password", help="print a password hash for a --basic-auth file",
                   description="Reads a password (twice, not echoed) and prints its Argon2id "
                               "hash, for a user:hash line of a --basic-auth file.")
    return top


def _login_flags(srv: argparse.ArgumentParser) -> None:
    srv.add_argument("--basic-auth", metavar="PASSWORD_OR_FILE", default=None,
                     help="require a login: one password for everyone, or a file of "
                          "user:hash lines (docsync hash-password) or a JSON object of "
                          "user → password")
    srv.add_argument("--cookie-secret", default=None, metavar="SECRET",
                     help="signs login cookies; give every worker and machine the same "
                          "(default: $DOCSYNC_COOKIE_SECRET)")
    srv.add_argument("--login-expiry", type=_positive(float), default=1.0, metavar="DAYS",
                     help="how long a login lasts (default 1 day)")
    srv.add_argument("--oauth-provider", default=None, metavar="NAME",
                     help="log in through an OAuth / OpenID Connect provider: generic, "
                          "google, azure, okta, auth0, keycloak, gitlab or github")
    srv.add_argument("--oauth-key", default=None, help="the client id the provider gave you")
    srv.add_argument("--oauth-secret", default=None, help="the client secret (none: PKCE only)")
    srv.add_argument("--oauth-redirect-uri", default=None, metavar="URL",
                     help="where the provider sends the browser back (default: "
                          "<this server>/login)")
    srv.add_argument("--oauth-scopes", default="openid,email,profile", metavar="A,B",
                     help="the scopes asked for (default openid,email,profile)")
    srv.add_argument("--oauth-extra-params", default="{}", metavar="JSON",
                     help="the provider's settings, e.g. '{\"issuer\": \"https://id.example\"}' "
                          "or '{\"tenant\": ...}', and extra authorization parameters")
    srv.add_argument("--oauth-expiry", type=_positive(float), default=1.0, metavar="DAYS",
                     help="how long an OAuth login lasts (default 1 day)")
    srv.add_argument("--oauth-jwt-user", default=None, metavar="CLAIM",
                     help="the claim that names the user (default preferred_username, "
                          "then email)")
    srv.add_argument("--authorize-callback", metavar="FILE.py", default=None,
                     help="a script defining authorize_callback(user_info[, path]) that "
                          "allows or refuses each app, per request and per WebSocket")
    srv.add_argument("--login-template", metavar="FILE.html", default=None,
                     help="the login page's HTML (see README: Logins)")
    srv.add_argument("--logout-template", metavar="FILE.html", default=None,
                     help="the HTML shown after logging out")


def _extra_params(text: str) -> dict[str, object]:
    try:
        params = json.loads(text)
    except ValueError as exc:
        raise UsageError(f"--oauth-extra-params: not JSON ({exc})") from None
    if not isinstance(params, dict):
        raise UsageError("--oauth-extra-params: give a JSON object, such as "
                         "'{\"issuer\": \"https://id.example.com\"}'")
    return params


def _authorize(path: str | None, logins: bool) -> Callable[..., object] | None:
    """The ``authorize_callback`` function of an ``--authorize-callback`` script."""
    if path is None:
        return None
    if not logins:
        raise UsageError("--authorize-callback needs logins: give --basic-auth or "
                         "--oauth-provider too")
    file = Path(path)
    if file.suffix != ".py" or not file.is_file():
        raise UsageError(f"--authorize-callback {path}: give the path of a Python script")
    namespace: dict[str, object] = {"__name__": "__docsync_authorize__", "__file__": str(file)}
    exec(compile(file.read_text(encoding="utf-8"), str(file), "exec"), namespace)
    fn = namespace.get("authorize_callback")
    if not callable(fn):
        raise UsageError(f"--authorize-callback {path}: the script must define a function "
                         "authorize_callback(user_info, path)")
    return fn


def _hash_password() -> int:
    import getpass

    from docsync.server.credentials import hash_password

    first = getpass.getpass("Password: ")
    if not first or first != getpass.getpass("Again: "):
        print("docsync: error: the passwords are empty or differ", file=sys.stderr)
        return 2
    print(hash_password(first))
    return 0


def _setup(path: str | None) -> Callable[[], None] | None:
    """The ``--setup`` script as a function run once in the server's runtime context."""
    if path is None:
        return None
    file = Path(path)
    if file.suffix != ".py" or not file.is_file():
        raise UsageError(f"--setup {path}: give the path of a Python script")
    code = compile(file.read_text(encoding="utf-8"), str(file), "exec")

    def run() -> None:
        exec(code, {"__name__": "__docsync_setup__", "__file__": str(file)})

    return run


def _static_dir(entry: str) -> tuple[str, str]:
    name, sep, folder = entry.partition("=")
    if not sep or not name or not folder:
        raise UsageError(f"--static-dirs {entry}: give NAME=FOLDER, as in assets=./assets")
    return name.strip("/"), folder


def _check_apps(paths: list[str]) -> None:
    for path in paths:
        p = Path(path)
        if p.suffix not in (".py", ".ipynb"):
            raise UsageError(f"{path}: an app must be a Python script (.py) or a notebook "
                             "(.ipynb)")
        if not p.is_file():
            raise UsageError(f"{path}: no such file (give the path of an app script or "
                             "notebook)")


def main(argv: list[str] | None = None) -> int:
    args = parser().parse_args(argv)
    if args.command == "hash-password":
        try:
            return _hash_password()
        except UsageError as exc:
            print(f"docsync: error: {exc}", file=sys.stderr)
            return 2
    configure(level=args.log_level, log_format=args.log_format)
    try:
        _check_apps(args.apps)
        if args.num_procs < 1:
            raise UsageError(f"--num-procs {args.num_procs}: give the number of worker "
                             f"processes, at least 1 (this machine has {os.cpu_count()} "
                             "cores)")
        if args.server == "asgi" and args.num_procs > 1:
            raise UsageError("--server asgi with --num-procs: the acceptor hands raw "
                             "connections to websockets servers; run one process per port "
                             "behind a proxy, or use --server websockets")
        if args.autoreload:
            from docsync.server.autoreload import supervise

            return supervise(args, sys.argv[1:] if argv is None else argv)
        apps = load_apps([NotebookApp(a, markdown=args.notebook_markdown)
                          if a.endswith(".ipynb") else a for a in args.apps])
        setup = _setup(args.setup)
        if args.num_threads < 1:
            raise UsageError("--num-threads must be at least 1")
        if args.ssl_keyfile and not args.ssl_certfile:
            raise UsageError("--ssl-keyfile needs --ssl-certfile (the certificate it signs)")
        if args.ssl_certfile:
            if args.num_procs > 1:
                raise UsageError("--ssl-certfile with --num-procs: the acceptor routes by the "
                                 "plain request line; end TLS in a proxy in front (nginx) or "
                                 "run one process")
            tls_context(args.ssl_certfile, args.ssl_keyfile)  # a bad file stops us here
        authorize = _authorize(args.authorize_callback,
                               args.basic_auth is not None or args.oauth_provider is not None)
        logins = dict(
            basic_auth=args.basic_auth, cookie_secret=args.cookie_secret,
            login_expiry=args.login_expiry, authorize=authorize,
            login_template=args.login_template, logout_template=args.logout_template,
            oauth_provider=args.oauth_provider, oauth_key=args.oauth_key,
            oauth_secret=args.oauth_secret, oauth_redirect_uri=args.oauth_redirect_uri,
            oauth_scopes=tuple(s for s in args.oauth_scopes.replace(",", " ").split() if s),
            oauth_extra_params=_extra_params(args.oauth_extra_params),
            oauth_expiry=args.oauth_expiry, oauth_jwt_user=args.oauth_jwt_user)
        oauth = oauth_config(ServerConfig(**logins))  # type: ignore[arg-type]
        if args.basic_auth is not None or oauth is not None:  # bad settings stop us here
            login_config(basic_auth=args.basic_auth, cookie_secret=args.cookie_secret,
                         server_secret=b"-", expiry_days=args.login_expiry, oauth=oauth,
                         authorize=authorize, login_template=args.login_template,
                         logout_template=args.logout_template)
        static_dirs = tuple(_static_dir(entry) for entry in args.static_dirs)
        paths = check_paths(ServerConfig(prefix=args.prefix, static_dirs=static_dirs,
                                         server=args.server),
                            frozenset(apps))
        index_of(ServerConfig(index=args.index), frozenset(apps))
        if args.metrics and "metrics" in apps:
            raise UsageError("--metrics: an app is served at /metrics, where Prometheus reads "
                             "the metrics; rename the app")
    except (UsageError, AppError, SyntaxError) as exc:
        print(f"docsync: error: {exc}", file=sys.stderr)
        return 2
    config = ServerConfig(
        address=args.address, port=args.port,
        allow_websocket_origin=frozenset(args.allow_websocket_origin),
        reconnect_timeout=args.reconnect_timeout, compression=args.compression,
        server=args.server, max_frame_size=args.max_frame_size, reload_notice=args.reload_notice,
        num_threads=args.num_threads, require_picklable=args.require_picklable_state,
        max_callback_errors=max(1, args.max_callback_errors),
        redis=args.redis, persist=args.persist, persist_path=args.persist_path,
        task_lease=max(0.1, args.task_lease),
        ssl_certfile=args.ssl_certfile, ssl_keyfile=args.ssl_keyfile,
        prefix=paths.prefix, static_dirs=static_dirs, use_xheaders=args.use_xheaders,
        index=args.index, metrics=args.metrics,
        **logins)  # type: ignore[arg-type]
    redis_url = args.redis or os.environ.get("DOCSYNC_REDIS_URL")
    if redis_url:
        # Before anything starts (the workers of --num-procs too): the error names the URL,
        # with no traceback.
        from docsync.cluster.link import check

        try:
            asyncio.run(check(redis_url))
        except RedisUnavailable as exc:
            print(f"docsync: error: {exc}", file=sys.stderr)
            return 1
    if args.worker_fd is not None:
        from docsync.server.worker import run_worker

        channel = socket.socket(fileno=args.worker_fd)
        asyncio.run(run_worker(Server(apps, config, setup=setup), channel))
        return 0
    from docsync.serve import _serve_blocking

    try:
        if args.num_procs > 1:
            from docsync.server.acceptor import serve_workers

            command = [sys.executable, "-m", "docsync", *(sys.argv[1:] if argv is None else argv)]
            return serve_workers(command, num_procs=args.num_procs, address=args.address,
                                 port=args.port, apps=list(apps), show=args.show,
                                 prefix=paths.prefix, metrics=args.metrics)
        asyncio.run(_serve_blocking(Server(apps, config, setup=setup), show=args.show))
    except RedisUnavailable as exc:
        print(f"docsync: error: {exc}", file=sys.stderr)
        return 1
    except OSError as exc:
        print(f"docsync: error: cannot listen on {args.address}:{args.port}: {exc.strerror}"
              " (choose another --port)", file=sys.stderr)
        return 1
    return 0
