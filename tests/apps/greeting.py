"""The --autoreload test app: a greeting from this file and one from a local module."""

from helper import GREETING

import docsync as ds

ds.Column("Version one", GREETING).servable(title="Greeting")
