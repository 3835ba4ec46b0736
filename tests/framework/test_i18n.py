"""Simplified Chinese first, English kept in step, and nothing loaded from outside the portal."""

import re
from pathlib import Path

import pytest
from babel.messages.pofile import read_po
from django.urls import reverse

ROOT = Path(__file__).resolve().parents[2]


def catalogue(code):
    with (ROOT / "locale" / code / "LC_MESSAGES" / "django.po").open("rb") as handle:
        return read_po(handle)


def test_it_translates_every_message_into_simplified_chinese():
    untranslated = [
        message.id
        for message in catalogue("zh_Hans")
        if message.id
        and (not message.string or (isinstance(message.string, tuple) and not all(message.string)) or message.fuzzy)
    ]
    assert untranslated == []


def test_it_keeps_the_english_catalogue_in_step():
    chinese = {message.id for message in catalogue("zh_Hans") if message.id}
    english = {message.id for message in catalogue("en") if message.id}
    assert chinese == english


@pytest.mark.django_db
def test_it_switches_the_interface_to_english(client):
    client.post(reverse("set_language"), {"language": "en", "next": reverse("accounts:login")})
    page = client.get(reverse("accounts:login")).content.decode()
    assert "Log in" in page and 'lang="en"' in page


EXTERNAL = re.compile(
    r"""(?:src|href|action)\s*=\s*["']?(?:https?:)?//|url\(\s*["']?(?:https?:)?//|@import\s+["']?(?:https?:)?//""",
    re.IGNORECASE,
)


def test_it_loads_nothing_from_outside_the_portal():
    offenders = []
    for folder in ("templates", "static"):
        for path in (ROOT / folder).rglob("*"):
            if path.suffix in {".html", ".css", ".js"} and EXTERNAL.search(path.read_text(errors="ignore")):
                offenders.append(str(path.relative_to(ROOT)))
    assert offenders == []


@pytest.mark.django_db
def test_it_serves_chinese_whatever_language_the_browser_asks_for(client):
    page = client.get(reverse("accounts:login"), HTTP_ACCEPT_LANGUAGE="en-US,en;q=0.9").content.decode()
    assert 'lang="zh-hans"' in page and "登录" in page
