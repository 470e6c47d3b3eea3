"""scripts/test-setup.sh (the README's set-up command) waits, bounded, for the package manager's lock."""

from __future__ import annotations

import os
import shutil
import subprocess

import pytest

from tests.paths import ROOT

pytestmark = pytest.mark.skipif(shutil.which("bash") is None, reason="a bash script")

FAKE_APT = """#!/usr/bin/env bash
# fails like apt-get while the lock is held (the first $BUSY calls), then succeeds
n=$(cat "$COUNT" 2>/dev/null || echo 0); echo $((n + 1)) > "$COUNT"
if [ "$n" -lt "$BUSY" ]; then
  echo "E: Could not get lock /var/lib/dpkg/lock-frontend. It is held by process 4242 (unattended-upgr)" >&2
  exit 100
fi
[ "$FAIL" = 1 ] && { echo "E: Unable to locate package chromium" >&2; exit 100; }
echo "apt-get $*"
"""


def run_apt_get(tmp_path, busy: int, wait: int, fail: int = 0):
    (tmp_path / "bin").mkdir(exist_ok=True)
    fake = tmp_path / "bin" / "apt-get"
    fake.write_text(FAKE_APT)
    fake.chmod(0o755)
    env = {**os.environ, "PATH": f"{tmp_path / 'bin'}:{os.environ['PATH']}", "COUNT": str(tmp_path / "count"),
           "BUSY": str(busy), "FAIL": str(fail), "SYMBIOSIS_APT_WAIT": str(wait), "SYMBIOSIS_APT_PAUSE": "0.1"}
    script = f'set -euo pipefail; SUDO=""; . "{ROOT / "scripts" / "apt-wait.sh"}"; apt_get install -y chromium'
    result = subprocess.run(["bash", "-c", script], capture_output=True, text=True, env=env, timeout=60)
    return result, int((tmp_path / "count").read_text())


def test_a_held_lock_is_waited_for(tmp_path):
    result, calls = run_apt_get(tmp_path, busy=3, wait=30)
    assert result.returncode == 0 and calls == 4 and "-o DPkg::Lock::Timeout=30 install -y chromium" in result.stdout
    assert result.stderr.count("the package manager is busy") == 3


def test_the_wait_is_bounded(tmp_path):
    # 3 s, not 1: bash's SECONDS counts whole seconds, so a 1 s deadline may pass before the first retry
    result, calls = run_apt_get(tmp_path, busy=10**6, wait=3)
    assert result.returncode == 100 and "Could not get lock" in result.stderr and 2 <= calls < 1000


def test_other_failures_are_reported_at_once(tmp_path):
    result, calls = run_apt_get(tmp_path, busy=0, wait=30, fail=1)
    assert result.returncode == 100 and calls == 1 and "Unable to locate package" in result.stderr


def test_the_setup_script_uses_the_waiting_apt_get():
    lines = [line for line in (ROOT / "scripts" / "test-setup.sh").read_text().splitlines()
             if not line.lstrip().startswith("#")]
    assert ". scripts/apt-wait.sh" in lines
    assert not [line for line in lines if "apt-get" in line]  # every call goes through apt_get
