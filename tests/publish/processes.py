"""Waiting on a publish or rollback run started with a fault (deploy_fixtures.with_fault)."""

import subprocess
import threading

import pytest


def finish(process):
    stdout, stderr = process.communicate(timeout=300)
    return subprocess.CompletedProcess(process.args, process.returncode, stdout, stderr)


def wait_until_stopped(process):
    """Until the process has stopped itself at its fault point (SIGSTOP)."""
    for _ in range(3000):
        if process.poll() is not None:
            stdout, stderr = process.communicate()
            pytest.fail(f"the run ended before its fault point:\n{stdout}\n{stderr}")
        with open(f"/proc/{process.pid}/stat") as stat:
            if stat.read().rsplit(")", 1)[1].split()[0] == "T":
                return
        threading.Event().wait(0.02)
    pytest.fail("the run never reached its fault point")
