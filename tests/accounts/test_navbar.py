"""The menu bar: the user menu and the language switch on every page, the role inside the user menu rather
than on the bar (so the bar fits a 1366-pixel screen in English; the layout itself is checked by screenshots),
short group labels, and no requirement numbers (R…) in what the menu and the home page say."""

import re

import pytest
from django.conf import settings
from django.urls import reverse

pytestmark = pytest.mark.django_db

HOME = reverse("accounts:home")
ROLES = ["county", "justice", "officer_a", "lawyer_a", "committee_a", "bar", "pool", "auditor", "sysadmin"]


def user_menu(page: str) -> tuple[str, str]:
    """The user menu's toggle and its dropdown, as HTML."""
    start = page.index('id="user-menu"')
    toggle = page[start : page.index("</a>", start)]
    dropdown = page[page.index("<ul", start) : page.index("</ul>", start)]
    return toggle, dropdown


@pytest.mark.parametrize("name", ["county", "officer_a", "lawyer_a", "auditor"])
def test_every_page_has_the_user_menu_and_the_language_switch(login, users, name):
    page = login(name).get(HOME).content.decode()
    toggle, dropdown = user_menu(page)
    user = users[name]
    assert user.get_full_name() in toggle
    # The role stays in the menu (and the toggle's title), off the bar itself.
    assert f">{user.get_role_display()}<" not in toggle
    assert f'<div class="text-muted">{user.get_role_display()}</div>' in dropdown
    assert 'action="/logout/"' in dropdown
    assert 'class="d-flex language-switch"' in page
    assert 'name="language" value="en"' in page and "English" in page


def test_the_english_bar_has_short_group_labels(login, english):
    page = login("county").get(HOME).content.decode()
    toggles = re.findall(r'data-bs-toggle="dropdown" aria-expanded="false">([^<]+)</a>', page)
    assert toggles == ["Units", "Lawyers", "Matters", "Advisors", "Training", "Supervision"]
    assert 'name="language" value="zh-hans"' in page


def test_the_chinese_bar_keeps_the_full_group_names(login):
    page = login("county").get(HOME).content.decode()
    toggles = re.findall(r'data-bs-toggle="dropdown" aria-expanded="false">([^<]+)</a>', page)
    assert toggles == ["单位名录", "公职律师", "法律事务", "法律顾问与选派", "培训", "监督管理"]


@pytest.mark.parametrize("name", ROLES)
@pytest.mark.parametrize("language", ["zh-hans", "en"])
def test_neither_menu_nor_home_page_names_requirement_numbers(login, name, language):
    client = login(name)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = language
    response = client.get(HOME)
    page = response.content.decode()
    assert not re.search(r"R\d\.\d", page), re.findall(r".{40}R\d\.\d.{10}", page)
    assert all(not re.search(r"R\d\.\d", str(item["label"])) for item in response.context["nav_items"])
