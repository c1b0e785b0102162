"""Bench app: a ChatInterface whose callback streams a 2,000-token reply at full speed
(an async generator yielding the text so far, as in Panel's how-to; it awaits nothing but
the loop between tokens, as a model client awaiting its socket would)."""

import asyncio

import docsync as ds

TOKENS = [f"tok{i} " for i in range(2000)]


async def reply(contents, user, instance):
    text = ""
    for token in TOKENS:
        text += token
        yield text
        await asyncio.sleep(0)


ds.chat.ChatInterface(callback=reply, placeholder_threshold=0).servable(title="Chat")
