"""Fixtures for the browser and document-rendering tests (``make e2e``), shared by every app.

The tests are marked ``e2e``; ``make test`` leaves them out and ``make e2e`` installs what they
need from Debian's packages (``scripts/install-system-deps.sh``) and runs them with
``FAZHI_E2E=required``, under which a missing browser or converter fails the run instead of
skipping it: CI must never pass because nothing was tried.
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking"]
SCREENSHOTS = Path(__file__).resolve().parents[1] / "build" / "screenshots"


def missing(reason: str) -> None:
    """Skip, or fail when ``make e2e`` promised the tool would be there."""
    if os.environ.get("FAZHI_E2E") == "required":
        pytest.fail(f"{reason} (make e2e installs it: scripts/install-system-deps.sh)")
    pytest.skip(reason)


@pytest.fixture(scope="session")
def browser() -> Iterator[Any]:
    """Debian's Chromium driven by playwright (its own browser download cannot work here)."""
    if not Path(CHROMIUM).exists():
        missing(f"浏览器测试需要 {CHROMIUM} / Chromium is missing")
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        missing("浏览器测试需要 playwright（pip install -e '.[e2e]'） / playwright is missing")
    # Playwright's sync API runs an event loop in this thread; the tests' own ORM calls between
    # browser steps are ordinary synchronous calls.
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    with sync_playwright() as p:
        chromium = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_FLAGS)
        try:
            yield chromium
        finally:
            chromium.close()


@pytest.fixture
def login(browser, live_server):
    """``login(username, password)`` → a page of a fresh browser context, signed in."""
    contexts = []

    def _login(username: str, password: str) -> Any:
        context = browser.new_context(accept_downloads=True, locale="zh-CN")
        contexts.append(context)
        page = context.new_page()
        page.goto(f"{live_server.url}/accounts/login/")
        page.fill("input[name=username]", username)
        page.fill("input[name=password]", password)
        page.click("button[type=submit]")
        page.wait_for_load_state()
        return page

    yield _login
    for context in contexts:
        context.close()


def screenshot(page: Any, name: str) -> Path:
    """Save a full-page screenshot under build/screenshots/ for a person to look at."""
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    path = SCREENSHOTS / f"{name}.png"
    page.screenshot(path=str(path), full_page=True)
    return path


@pytest.fixture(scope="session")
def soffice() -> str:
    """LibreOffice's converter, for the tests of generated PDFs."""
    exe = shutil.which("soffice") or shutil.which("libreoffice")
    if exe is None:
        missing("PDF 测试需要 LibreOffice（soffice） / LibreOffice is missing")
    if shutil.which("pdftoppm") is None:
        missing("PDF 页面渲染测试需要 pdftoppm（poppler-utils） / pdftoppm is missing")
    return exe
