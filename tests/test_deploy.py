"""The deployment examples in deploy/: each part checked against what docsync accepts, and
the compose file run for real where Docker can run it."""

from __future__ import annotations

import asyncio
import re
import shutil
import subprocess

import pytest
import yaml

from docsync.cli import parser
from docsync.testing import fetch
from tests.server.support import REPO

DEPLOY = REPO / "deploy"


def serve_args(command: list[str]) -> object:
    """docsync's own parser reads the command a container runs (a flag it lacks fails)."""
    assert command[:2] == ["docsync", "serve"], command
    return parser().parse_args(command[1:])


def dockerfile() -> dict[str, str]:
    text = re.sub(r"\\\n\s*", " ", (DEPLOY / "Dockerfile").read_text())
    return {m.group(1): m.group(2) for m in re.finditer(r"^([A-Z]+) (.*)$", text, re.M)}


def test_the_image_runs_as_a_user_and_checks_liveness():
    lines = dockerfile()
    assert lines["USER"] == "docsync"
    assert "/liveness" in lines["HEALTHCHECK"]
    args = serve_args(yaml.safe_load(lines["CMD"]))
    assert args.address == "0.0.0.0" and args.port == 5006


def test_compose_runs_two_servers_with_one_secret_and_redis_behind_nginx():
    compose = yaml.safe_load((DEPLOY / "compose.yaml").read_text())
    services = compose["services"]
    servers = [name for name, s in services.items() if s.get("command", [""])[0] == "docsync"]
    assert servers == ["app1", "app2"]
    secrets = {services[n]["environment"]["DOCSYNC_SECRET_KEY"] for n in servers}
    assert len(secrets) == 1
    for name in servers:
        assert serve_args(services[name]["command"]).redis == "redis://redis:6379/0"
    assert "./nginx.conf:/etc/nginx/conf.d/default.conf:ro" in services["nginx"]["volumes"]
    upstream = re.findall(r"^\s*server (\w+):5006", (DEPLOY / "nginx.conf").read_text(), re.M)
    assert upstream == servers


def test_prometheus_scrapes_each_compose_server_which_serves_metrics_that_nginx_hides():
    compose = yaml.safe_load((DEPLOY / "compose.yaml").read_text())
    services = compose["services"]
    servers = [name for name, s in services.items() if s.get("command", [""])[0] == "docsync"]
    assert all(serve_args(services[name]["command"]).metrics for name in servers)
    scrape = yaml.safe_load((DEPLOY / "prometheus.yml").read_text())["scrape_configs"][0]
    assert scrape["metrics_path"] == "/metrics"
    assert scrape["static_configs"][0]["targets"] == [f"{name}:5006" for name in servers]
    for name, path in (("nginx.conf", "/metrics"), ("nginx-prefix.conf", "/dash/metrics")):
        assert re.search(rf"location = {path} \{{\s*return 404;", (DEPLOY / name).read_text())


def test_kubernetes_probes_and_session_affinity():
    deployment, service, ingress = yaml.safe_load_all((DEPLOY / "kubernetes.yaml").read_text())
    container = deployment["spec"]["template"]["spec"]["containers"][0]
    assert container["livenessProbe"]["httpGet"]["path"] == "/liveness"
    assert container["readinessProbe"]["httpGet"]["path"] == "/readiness"
    assert serve_args(container["args"]).port == 5006
    assert serve_args(container["args"]).metrics
    pod = deployment["spec"]["template"]["metadata"]["annotations"]
    assert (pod["prometheus.io/path"], pod["prometheus.io/port"]) == ("/metrics", "5006")
    annotations = ingress["metadata"]["annotations"]
    assert annotations["nginx.ingress.kubernetes.io/upstream-hash-by"] == "$arg_session"
    assert service["spec"]["selector"] == deployment["spec"]["selector"]["matchLabels"]


def _docker_runs() -> bool:
    if shutil.which("docker") is None:
        return False
    for probe in (["docker", "info"], ["docker", "compose", "version"]):
        if subprocess.run(probe, capture_output=True, timeout=30).returncode != 0:
            return False
    return True


async def test_compose_serves_the_app_through_nginx():
    if not _docker_runs():
        pytest.skip("no Docker daemon with compose on this machine: its parts are checked "
                    "above")
    compose = ["docker", "compose", "-f", str(DEPLOY / "compose.yaml")]
    subprocess.run([*compose, "up", "--build", "--detach"], check=True, timeout=900)
    try:
        for _ in range(300):
            try:
                if (await fetch("http://127.0.0.1:8080/hello"))[0] == 200:
                    break
            except OSError:
                pass
            await asyncio.sleep(0.2)
        assert (await fetch("http://127.0.0.1:8080/hello"))[0] == 200
    finally:
        subprocess.run([*compose, "down"], timeout=300)
