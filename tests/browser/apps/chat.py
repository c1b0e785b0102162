"""A chat whose bot streams a long reply word by word (an async generator, as in Panel's
how-to), and echoes a message that starts with "echo"."""

import asyncio

import docsync as ds

WORDS = [f"w{i}" for i in range(400)]


async def callback(contents: str, user: str, instance: ds.chat.ChatInterface):
    if contents.startswith("echo"):
        yield f"You said: **{contents}**"
        return
    message = ""
    for word in WORDS:
        await asyncio.sleep(0.01)
        message += word + " "
        yield message


ds.chat.ChatInterface(callback=callback, callback_user="Streamer", placeholder_threshold=0,
                      height=500, sizing_mode="stretch_width").servable(title="Chat")
