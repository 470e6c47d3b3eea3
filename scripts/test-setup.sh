#!/usr/bin/env bash
# Everything the tests need, installed by the project itself: the package with
# its test extras, and Debian's Chromium for the tests that open the HTML
# report in a real browser (Playwright drives it; `playwright install` is never
# run: it would download a browser of its own). Run from the repository root.
set -euo pipefail
cd "$(dirname "$0")/.."
python -m pip install --quiet ".[test]"
if [ ! -x /usr/bin/chromium ]; then
  if [ "$(id -u)" -eq 0 ]; then SUDO=""; else SUDO="sudo"; fi
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq chromium >/dev/null
fi
/usr/bin/chromium --version 2>/dev/null
