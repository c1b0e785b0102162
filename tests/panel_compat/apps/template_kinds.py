"""Each of Panel's template classes docsync has, picked with ?kind=...; ?bare=1 leaves the
sidebar empty."""

import docsync as pn

kinds = {
    "bootstrap": pn.template.BootstrapTemplate,
    "material": pn.template.MaterialTemplate,
    "vanilla": pn.template.VanillaTemplate,
    "fast": pn.template.FastListTemplate,
}
kind = pn.state.session_args.get("kind", ["vanilla"])[0]
kind = kind.decode() if isinstance(kind, bytes) else kind  # Panel gives bytes
template = kinds[kind](title=f"{kind} app", header_background="#222222")
if "bare" not in pn.state.session_args:
    template.sidebar.extend([pn.widgets.TextInput(name="Name")])
template.main.append(pn.pane.Markdown(f"The {kind} template"))
template.servable()
