"""A stylesheet list changed in place with something that is not a URL."""

import docsync as pn

pn.extension()
pn.config.css_files.append(42)
pn.Column("# Styled").servable()
