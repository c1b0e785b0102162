"""Sessions and their context: query arguments, cookies, headers, the URL, and app-wide
hooks registered at the top level of the script (Panel's "Access session state" how-to)."""

import docsync as pn


def count_session(session_context):
    # Registered below on every run of this script, but counted once per server.
    pn.state.cache["sessions"] = pn.state.cache.get("sessions", 0) + 1


def forget_session(session_context):
    pn.state.cache.setdefault("destroyed", []).append(session_context.id)


pn.state.on_session_created(count_session)
pn.state.on_session_destroyed(forget_session)

name = pn.state.session_args.get("name", [b"world"])[0].decode()
location = pn.state.location

pn.Column(
    f"# Hello {name}",
    pn.pane.Str(f"theme={pn.state.cookies.get('theme', 'light')}", css_classes=["cookie"]),
    pn.pane.Str(f"agent={pn.state.headers.get('user-agent', '')}", css_classes=["header"]),
    pn.pane.Str(f"sessions={pn.state.cache['sessions']}", css_classes=["sessions"]),
    pn.pane.Str(f"destroyed={len(pn.state.cache.get('destroyed', []))}",
                css_classes=["destroyed"]),
    pn.pane.Str(f"{location.pathname}|{location.search}|{location.hash}|"
                f"{location.query_params}", css_classes=["url"]),
    pn.pane.Str(f"loaded={pn.state.loaded} curdoc={pn.state.curdoc is not None}",
                css_classes=["context"]),
).servable(title="Session state")
