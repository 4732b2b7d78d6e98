"""A production build served by real nginx on loopback, once per test session."""

import importlib.util
import socket
import urllib.request
from pathlib import Path

import pytest

from helpers import serve_for_tests

ROOT = Path(__file__).resolve().parents[2]


def load_tasks():
    """tasks.py, imported as a module: the tests use the tasks' own helpers."""
    spec = importlib.util.spec_from_file_location("uplift_tasks", ROOT / "tasks.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture(scope="session")
def tasks_module():
    return load_tasks()


@pytest.fixture(scope="session")
def production(tmp_path_factory, tasks_module):
    """(origin, output folder) of a production build for a loopback origin."""
    port = free_port()
    origin = f"http://127.0.0.1:{port}"
    scratch = tmp_path_factory.mktemp("nginx")
    scratch.chmod(0o755)
    for parent in scratch.parents:  # nginx's unprivileged workers must reach the files
        if str(parent).startswith("/tmp/") or str(parent) == "/tmp":
            parent.chmod(parent.stat().st_mode | 0o755)
    output = scratch / "site"
    assert tasks_module.production_build_for(origin, output) == 0
    return port, origin, output, scratch


@pytest.fixture(scope="session")
def nginx_origin(production, tasks_module):
    port, origin, output, scratch = production
    config = tasks_module.nginx_config_for(port, output, scratch)

    def answers():
        try:
            urllib.request.urlopen(origin + "/", timeout=1)
            return True
        except OSError:
            return False

    for _ in serve_for_tests(["nginx", "-c", str(config)], answers, "nginx"):
        yield origin
