"""The OAuth tests' app: who logged in, what the provider said, and the token it gave."""

import docsync as ds

info = ds.state.user_info or {}
ds.Column(
    f"user={ds.state.user}", f"email={info.get('email')}",
    f"token={ds.state.access_token}", f"refresh={bool(ds.state.refresh_token)}",
).servable(title="OAuth")
