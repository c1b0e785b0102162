"""``--ssl-certfile``/``--ssl-keyfile``: HTTPS pages and WSS sessions from a real server,
with a self-signed certificate the test makes; bad files stop the command with the flag."""

from __future__ import annotations

import ssl
import subprocess
import sys
from pathlib import Path

import pytest

from docsync.testing import fetch
from tests.conftest import TRANSPORTS
from tests.server.support import APPS, subprocess_env, texts


@pytest.fixture(params=TRANSPORTS)
def server_kind(request: pytest.FixtureRequest) -> str:
    """Every test here runs over the websockets server and the ASGI app alike."""
    return str(request.param)


def self_signed(folder: Path) -> tuple[Path, Path]:
    """A certificate for 127.0.0.1 and its key, made by openssl."""
    cert, key = folder / "cert.pem", folder / "key.pem"
    subprocess.run(
        ["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1",
         "-subj", "/CN=127.0.0.1", "-addext", "subjectAltName=IP:127.0.0.1",
         "-keyout", str(key), "-out", str(cert)],
        check=True, capture_output=True, timeout=60)
    return cert, key


@pytest.fixture(scope="module")
def certificate(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    return self_signed(tmp_path_factory.mktemp("tls"))


def trusting(cert: Path) -> ssl.SSLContext:
    context = ssl.create_default_context(cafile=str(cert))
    return context


async def test_pages_and_sessions_over_tls(docsync_serve, clients, certificate):
    cert, key = certificate
    server = docsync_serve(APPS / "greeting.py", "--port", "0", "--ssl-certfile", cert,
                           "--ssl-keyfile", key)
    url = (await server.wait_serving())["greeting"]
    assert url.startswith("https://127.0.0.1:")
    status, _, body = await fetch(url, ssl=trusting(cert))
    assert status == 200 and b"docsync-bootstrap" in body
    client = clients(url, ssl=trusting(cert))
    await client.open()
    assert client.ws_url.startswith("wss://")
    assert any("Version one" in t for t in texts(client.client))
    # A client that does not trust the certificate is refused by TLS itself.
    with pytest.raises(ssl.SSLCertVerificationError):
        await fetch(url)


def serve_error(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "docsync", "serve", str(APPS / "greeting.py"),
                           "--port", "0", *args], cwd=cwd, env=subprocess_env(),
                          capture_output=True, text=True, timeout=60)


@pytest.mark.parametrize(("args", "message"), [
    (["--ssl-certfile", "missing.pem"], "--ssl-certfile missing.pem: no such file"),
    (["--ssl-keyfile", "key.pem"], "--ssl-keyfile needs --ssl-certfile"),
    (["--ssl-certfile", "notacert.pem"], "not a PEM certificate"),
])
def test_bad_tls_files_name_the_flag(tmp_path, args, message):
    (tmp_path / "notacert.pem").write_text("hello\n")
    (tmp_path / "key.pem").write_text("hello\n")
    done = serve_error(*args, cwd=tmp_path)
    assert done.returncode == 2
    assert message in done.stderr and "Traceback" not in done.stderr


def test_tls_with_several_workers_is_refused(tmp_path, certificate):
    cert, key = certificate
    done = serve_error("--ssl-certfile", str(cert), "--ssl-keyfile", str(key),
                       "--num-procs", "2", cwd=tmp_path)
    assert done.returncode == 2 and "end TLS in a proxy" in done.stderr
