"""Browser journeys: Debian's chromium, driven by Playwright, against pytest-django's live server.

Every journey fails on a browser console error, an uncaught script error or a request to any host but the
live server (the portal runs on intranets: nothing may come from outside), and leaves a screenshot of each
page it visits under var/screenshots/<test name>/ for a person to look at.

The privileged roles pass the two-factor page as a person does: the browser carries an `Authenticator`
(the app on the person's phone) holding the secret of each account enrolled in it, and types the code it
shows at that moment.
"""

import base64
import hashlib
import importlib
import os
import re
import shutil
import time
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from django.conf import settings
from django_otp.oath import TOTP

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    # A county clerk's browser: its own words (file pickers, date fields) in Chinese too.
    "--lang=zh-CN",
]
SCREENSHOTS = Path(settings.BASE_DIR) / "var" / "screenshots"
# Wide enough that the navigation bar is not collapsed behind its toggler (navbar-expand-xl).
VIEWPORT = {"width": 1366, "height": 768}
TIMEOUT_MS = 15_000
TWO_FACTOR = "/two-factor/"

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


class Authenticator:
    """An authenticator app (RFC 6238, 30-second steps, six digits), with one secret per account.

    A code is good once: the portal refuses a code of a step it has already accepted, so for a second
    login within the same 30 seconds the app's owner waits for the next code, and so does this app.
    """

    def __init__(self):
        self.keys: dict[str, bytes] = {}
        self.used_step: dict[str, int] = {}

    def add(self, username: str, key: bytes) -> None:
        self.keys[username] = key

    def add_from_page(self, username: str, shown: str) -> None:
        """The key as the enrolment page shows it for typing (base32 in groups of four)."""
        secret = shown.replace(" ", "").upper()
        self.add(username, base64.b32decode(secret + "=" * (-len(secret) % 8)))

    def code(self, username: str) -> str:
        assert username in self.keys, f"{username} has no authenticator in this browser's phone"
        totp = TOTP(self.keys[username])
        totp.time = time.time()  # one moment for the step and its code
        while totp.t() <= self.used_step.get(username, -1):
            time.sleep(0.5)
            totp.time = time.time()
        self.used_step[username] = totp.t()
        return f"{totp.token():06d}"

    def wrong_code(self, username: str) -> str:
        """Six digits that no step around now accepts (a mistyped code)."""
        near = {f"{TOTP(self.keys[username], drift=drift).token():06d}" for drift in (-1, 0, 1)}
        return next(code for code in (f"{n:06d}" for n in range(0, 10**6, 111_111)) if code not in near)


def enrolled_device(user):
    """The authenticator `user` enrolled at an earlier login: a confirmed device with a key the test knows."""
    from django_otp.plugins.otp_totp.models import TOTPDevice

    key = hashlib.sha1(f"e2e-authenticator:{user.username}".encode()).digest()
    return TOTPDevice.objects.create(user=user, name="手机", key=key.hex(), confirmed=True)


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
        self.phone = Authenticator()
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

    def give_authenticator(self, user) -> None:
        """`user` enrolled an authenticator at an earlier login, and it is on this browser's phone."""
        self.phone.add(user.username, enrolled_device(user).bin_key)

    def enter_password(self, username: str, password: str):
        """The login page's first step; the page after it may be the two-factor or the password-change page."""
        self.visit("/login/", f"login-{username}")
        self.page.fill("#id_username", username)
        self.page.fill("#id_password", password)
        with self.page.expect_navigation() as navigation:
            self.page.press("#id_password", "Enter")
        assert navigation.value.status == 200
        assert not self.path.startswith("/login/"), f"{username} could not log in"

    def enter_code(self, code: str, name: str):
        self.page.fill("#id_code", code)
        self.submit(self.page.locator("form:has(#id_code) button[type=submit]"), name)

    def enrol(self, username: str):
        """First login of a privileged account: add the key the page shows to the phone, type its code."""
        assert self.path.startswith(TWO_FACTOR)
        self.shot(f"enrol-{username}")
        self.phone.add_from_page(username, self.page.locator("[data-secret]").inner_text())
        self.enter_code(self.phone.code(username), f"enrolled-{username}")

    def login(self, username: str, password: str):
        """Password, then the code of the phone's authenticator where the page asks for one."""
        self.enter_password(username, password)
        if self.path.startswith(TWO_FACTOR):
            assert self.page.locator("[data-secret]").count() == 0, f"{username} has no authenticator enrolled yet"
            self.shot(f"two-factor-{username}")
            self.enter_code(self.phone.code(username), f"home-{username}")
        else:
            self.shot(f"home-{username}")
        assert not self.path.startswith((TWO_FACTOR, "/login/")), f"{username} is held at {self.path}"

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
