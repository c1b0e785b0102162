"""``make bench``: docsync's performance figures against their targets.

One server process per case (``python -m docsync serve APP --port 0``), measured from outside
through ``/proc``; the clients run in the benchmark process over loopback. Run with
``python -m tests.bench`` (``--help`` for options). Files here are not named ``test_*`` so
pytest does not collect them.
"""
