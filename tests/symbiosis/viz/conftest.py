"""Shared by the page's tests: Debian's Chromium, headless, driven by Playwright (one per test run).

The browser is installed by scripts/test-setup.sh. Where it is missing the
tests fail under CI (CI=true) and are skipped elsewhere with the command to run.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

CHROMIUM = os.environ.get("SYMBIOSIS_CHROMIUM", "/usr/bin/chromium")
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
        "--disable-sync", "--no-first-run"]


def _need_browser():
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        sync_playwright = None
    missing = ("the Python package playwright" if sync_playwright is None
               else None if Path(CHROMIUM).exists() or shutil.which(CHROMIUM) else f"Chromium at {CHROMIUM}")
    if missing:
        message = f"{missing} is missing: run `bash scripts/test-setup.sh`"
        if os.environ.get("CI"):
            pytest.fail(message)
        pytest.skip(message)
    return sync_playwright


@pytest.fixture(scope="session")
def browser():
    """Debian's Chromium, headless, driven by Playwright."""
    sync_playwright = _need_browser()
    with sync_playwright() as p:
        chromium = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        yield chromium
        chromium.close()
