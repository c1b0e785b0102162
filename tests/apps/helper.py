"""A local module imported by greeting.py."""

GREETING = "Helper says hi"
