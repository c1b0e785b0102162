"""The BokehJS route (docsync/server/bokehjs.py, docsync/bokehjs.py): only the installed
bokeh's bundles, only its version; anything else is a 404 that says why."""

import bokeh

from docsync.server import http
from docsync.server.bokehjs import bokehjs_file


def test_the_route_serves_bokehjs_of_the_installed_version_only():
    version = bokeh.__version__
    route = http.route(f"/app/_docsync/bokeh/{version}/bokeh.min.js", frozenset({"app"}))
    assert route == http.Route("bokehjs", f"{version}/bokeh.min.js")
    served = bokehjs_file(f"{version}/bokeh.min.js")
    assert served.status_code == 200 and served.headers["Content-Type"] == (
        "application/javascript")
    assert f'"{version}"'.encode() in served.body  # BokehJS names its own version
    assert bokehjs_file(f"{version}/bokeh-widgets.min.js").status_code == 200
    assert bokehjs_file(f"{version}/nothing.js").body == b"'nothing.js' is not a BokehJS bundle"
    stale = bokehjs_file("3.0.0/bokeh.min.js")
    assert stale.status_code == 404 and f"this server has bokeh {version}".encode() in stale.body
    for target in (f"{version}/bokeh.js", f"{version}/../__init__.py", f"{version}/",
                   "../../bokeh/__init__.py", f"{version}/compiler.js", ""):
        assert bokehjs_file(target).status_code == 404, target
