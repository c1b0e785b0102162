"""The examples of the seed documents (Datapane, Streamlit, Dash, Panel), ported to docsync.

Serve any of them with ``docsync serve docsync/examples/seeds/<name>.py``; each has a
headless test in ``tests/examples/test_seeds.py``. Panel's clock and ``execute`` examples
are ``docsync/examples/clock.py`` and ``docsync/examples/execute_status.py``.
"""
