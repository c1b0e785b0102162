"""Example apps shipped with docsync (``make demo`` serves them)."""
