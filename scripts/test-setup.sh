#!/usr/bin/env bash
# Everything the tests need, installed by the project itself: the package with
# its test extras, and Debian's Chromium for the tests that open the HTML
# report in a real browser (Playwright drives it; `playwright install` is never
# run: it would download a browser of its own). Run from the repository root.
#
# apt waits for the package manager's lock when another process holds it (an
# unattended upgrade, a second shell), for up to SYMBIOSIS_APT_WAIT seconds
# (default 600), instead of failing at once (scripts/apt-wait.sh).
set -euo pipefail
cd "$(dirname "$0")/.."
# shellcheck source=scripts/apt-wait.sh
. scripts/apt-wait.sh
python -m pip install --quiet ".[test]"
# The test run starts some thirty Python processes (its workers, the console script, process pools, Dask
# workers) that import the package from this folder: compiled here once, not by each of them (with
# PYTHONDONTWRITEBYTECODE set, nothing they compile is kept for the next)
python -m compileall -q -j 0 symbiosis flows >/dev/null
# Each of pytest's workers also rewrites the asserts of every test module it imports (6 s of CPU per worker on
# two cores, all three at once): done here once, into pytest's own cache beside each module
# (__pycache__/*-pytest-*.pyc), which the workers read even with PYTHONDONTWRITEBYTECODE set; pytest checks each
# against its source's size and time and rewrites a changed module itself. A collection only, no test runs; if it
# fails, the test run reports why.
env -u PYTHONDONTWRITEBYTECODE python -m pytest --collect-only -q -o addopts= -p no:cacheprovider tests \
  >/dev/null 2>&1 || true
if [ ! -x /usr/bin/chromium ]; then
  if [ "$(id -u)" -eq 0 ]; then SUDO=""; else SUDO="sudo"; fi
  apt_get update -qq
  apt_get install -y -qq chromium >/dev/null
fi
/usr/bin/chromium --version 2>/dev/null
