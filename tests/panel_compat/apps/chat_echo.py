"""Panel's chat how-to, first step: a ChatInterface whose callback echoes what was sent."""

import docsync as pn

pn.extension()


def callback(contents: str, user: str, instance: pn.chat.ChatInterface):
    return f"Echoing {user}: {contents}"


chat_interface = pn.chat.ChatInterface(callback=callback, callback_user="Echo Bot")
chat_interface.send("Send a message to receive an echo!", user="System", respond=False)
chat_interface.servable()
