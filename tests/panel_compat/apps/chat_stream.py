"""Panel's chat how-to on streaming: an async generator yields the reply as it grows.

The reply is 200 numbered words, one every 10 ms, like tokens from a language model."""

import asyncio

import docsync as pn

pn.extension()

WORDS = [f"w{i}" for i in range(200)]


async def callback(contents: str, user: str, instance: pn.chat.ChatInterface):
    message = ""
    for word in WORDS:
        await asyncio.sleep(0.01)
        message += word + " "
        yield message


chat_interface = pn.chat.ChatInterface(
    callback=callback, callback_user="Streamer", avatar="🙂", placeholder_threshold=0)
chat_interface.servable()
