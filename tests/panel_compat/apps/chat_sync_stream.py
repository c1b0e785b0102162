"""Panel's chat how-to with a plain (sync) generator: each yield is the reply so far."""

import time

import docsync as pn

pn.extension()


def callback(contents: str, user: str, instance: pn.chat.ChatInterface):
    message = ""
    for i in range(300):
        time.sleep(0.01)  # a slow, blocking model client
        message += f"s{i} "
        yield message


pn.chat.ChatInterface(callback=callback, callback_user="Slow", placeholder_threshold=0).servable()
