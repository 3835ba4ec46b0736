"""Browser journeys: Debian's chromium, driven by Playwright, against pytest-django's live server.

Every journey fails on a browser console error, an uncaught script error or a request to any host but the
live server (the portal runs on intranets: nothing may come from outside), and leaves a screenshot of each
page it visits under var/screenshots/<test name>/ for a person to look at.
"""

import importlib
import os
import re
import shutil
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from django.conf import settings

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
SCREENSHOTS = Path(settings.BASE_DIR) / "var" / "screenshots"
# Wide enough that the navigation bar is not collapsed behind its toggler (navbar-expand-xl).
VIEWPORT = {"width": 1366, "height": 900}
TIMEOUT_MS = 15_000

# A fixed address rather than "localhost", which chromium may try as ::1 first.
os.environ.setdefault("DJANGO_LIVE_TEST_SERVER_ADDRESS", "127.0.0.1")


@pytest.fixture(autouse=True)
def seeded_targets(transactional_db):
    """The targets T1-T3 come from a data migration, which a transactional test's flush removes; seed them
    again with the migration's own function (serialized_rollback clashes with content types on PostgreSQL)."""
    from django.apps import apps

    importlib.import_module("coverage.migrations.0002_seed_targets").seed(apps, None)


@pytest.fixture(autouse=True)
def _chromium_available():
    """No chromium on a developer's machine: skip. On CI, which installs it, its absence is a failure."""
    if CHROMIUM.exists():
        return
    if os.environ.get("CI") == "true":
        pytest.fail(f"{CHROMIUM} is missing: CI must install Debian's chromium before running the e2e journeys.")
    pytest.skip(f"{CHROMIUM} is not installed")


def slugify(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")[:60] or "page"


class Browser:
    """One browser page on the live server, recording what must not happen and photographing each page."""

    def __init__(self, context, base_url: str, folder: Path):
        self.context = context
        self.page = context.new_page()
        self.base_url = base_url.rstrip("/")
        self.origin = urlsplit(self.base_url).netloc
        self.folder = folder
        self.shots = 0
        self.errors: list[str] = []
        self.foreign: list[str] = []
        # Console errors that an expected non-2xx page produces by itself ("Failed to load resource: 404").
        self.expected_failures: set[str] = set()
        self.page.on("console", self._on_console)
        self.page.on("pageerror", lambda error: self.errors.append(f"uncaught error: {error}"))
        context.on("request", self._on_request)

    def _on_console(self, message):
        if message.type != "error":
            return
        url = message.location.get("url", "")
        if url in self.expected_failures and message.text.startswith("Failed to load resource"):
            return
        self.errors.append(f"console error at {url}: {message.text}")

    def _on_request(self, request):
        scheme = urlsplit(request.url).scheme
        if scheme in ("data", "blob"):
            return
        if urlsplit(request.url).netloc != self.origin:
            self.foreign.append(request.url)

    def url(self, path: str) -> str:
        return self.base_url + path

    @property
    def path(self) -> str:
        """The current page's path and query."""
        parts = urlsplit(self.page.url)
        return parts.path + (f"?{parts.query}" if parts.query else "")

    def shot(self, name: str) -> Path:
        self.shots += 1
        self.folder.mkdir(parents=True, exist_ok=True)
        path = self.folder / f"{self.shots:02d}-{slugify(name)}.png"
        self.page.screenshot(path=str(path), full_page=True)
        return path

    def visit(self, path: str, name: str | None = None, status: int = 200):
        """Open a page by its address, check the HTTP status, and photograph it."""
        if status >= 400:
            self.expected_failures.add(self.url(path))
        response = self.page.goto(self.url(path))
        assert response is not None and response.status == status, f"{path}: HTTP {response and response.status}"
        self.shot(name or path)
        return response

    def submit(self, button, name: str, status: int = 200):
        """Click a button or link that loads a new page (after any redirect); check and photograph it."""
        with self.page.expect_navigation() as navigation:
            button.click()
        response = navigation.value
        assert response is not None and response.status == status, (
            f"{name}: HTTP {response and response.status} at {self.page.url}"
        )
        self.shot(name)
        return response

    def login(self, username: str, password: str):
        self.visit("/login/", f"login-{username}")
        self.page.fill("#id_username", username)
        self.page.fill("#id_password", password)
        with self.page.expect_navigation() as navigation:
            self.page.press("#id_password", "Enter")
        assert navigation.value.status == 200
        assert not self.path.startswith("/login/"), f"{username} could not log in"
        self.shot(f"home-{username}")

    def logout(self):
        """Through the user menu, as a person would (it needs Bootstrap's script to open)."""
        self.page.click("nav .dropdown-toggle:has(.bi-person-circle)")
        self.submit(self.page.locator("form[action='/logout/'] button[type=submit]"), "logged-out")
        assert self.path.startswith("/login/")

    def assert_clean(self):
        assert not self.errors, "browser errors:\n" + "\n".join(self.errors)
        assert not self.foreign, "requests to other hosts:\n" + "\n".join(self.foreign)


@pytest.fixture
def browser(live_server, request, monkeypatch):
    """A fresh chromium per journey (a few seconds) so no cookie or cache leaks from one journey to the next."""
    sync_api = pytest.importorskip("playwright.sync_api")
    # Playwright's sync API keeps an event loop in this thread; Django would then refuse every ORM call the
    # test makes itself (building data, checking rows) as if it came from async code.
    monkeypatch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
    folder = SCREENSHOTS / re.sub(r"[^\w.-]+", "_", request.node.name)
    shutil.rmtree(folder, ignore_errors=True)
    with sync_api.sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        context = chromium.new_context(viewport=VIEWPORT, locale="zh-CN", accept_downloads=True)
        context.set_default_timeout(TIMEOUT_MS)
        session = Browser(context, live_server.url, folder)
        try:
            yield session
            session.assert_clean()
        finally:
            context.close()
            chromium.close()
