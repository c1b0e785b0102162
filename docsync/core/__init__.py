"""The sans-I/O core: messages, tokens, models, documents, sessions, connections.

Nothing in this package does I/O, reads the clock, makes randomness or imports asyncio;
callers pass ``now`` and random bytes (DESIGN.md §1).
"""
