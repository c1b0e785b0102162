"""A Starlette service of its own, with docsync's ASGI app mounted at /dash (run it with
``uvicorn tests.apps.asgi_mount:api``). A destroyed session is written to the file named
by ``DESTROYED_LOG``, so a test sees the shutdown run every session's hooks."""

import os
from contextlib import asynccontextmanager

from starlette.applications import Starlette
from starlette.responses import PlainTextResponse
from starlette.routing import Mount, Route

import docsync as ds
import docsync.asgi


def greeter():
    name = ds.widgets.TextInput(name="name", value="world")
    ds.state.on_session_destroyed(_destroyed)
    return ds.Column(name, ds.bind(lambda n: f"Hello {n}!", name))


def _destroyed(context) -> None:
    with open(os.environ["DESTROYED_LOG"], "a", encoding="utf-8") as log:
        log.write(f"destroyed {context.id}\n")


async def ping(_request):
    return PlainTextResponse("pong")


dashboard = docsync.asgi.app({"hello": greeter}, reconnect_timeout=5.0)
# With logins, the mount path is given as the prefix, so the login pages link under it.
secure = docsync.asgi.app({"hello": greeter}, prefix="/secure", basic_auth="sesame",
                          cookie_secret="a cookie secret for this test only")


@asynccontextmanager
async def lifespan(_app):
    async with dashboard.lifespan(), secure.lifespan():
        yield


api = Starlette(routes=[Route("/api/ping", ping), Mount("/dash", app=dashboard),
                        Mount("/secure", app=secure)], lifespan=lifespan)
