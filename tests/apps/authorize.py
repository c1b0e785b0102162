"""An --authorize-callback script: bob may not use the whoami app."""


def authorize_callback(user_info, path):
    return not (user_info["user"] == "bob" and path.endswith("/whoami"))
