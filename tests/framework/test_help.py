"""The 使用说明: one page per role at /help/, reached from the user menu, describing the role's daily work
with links to its pages, every one of which the role may open."""

import re

import pytest
from django.conf import settings
from django.urls import reverse

from accounts.choices import Role
from tests.lawyers.factories import make_lawyer
from tests.security.test_access_matrix import ACCOUNT_OF_ROLE
from tests.security.test_links import HREF, dead_links

pytestmark = pytest.mark.django_db

HELP = reverse("help")
ROLES = sorted(Role.values)
# Three English words in a row: a sentence left untranslated on a Chinese page.
ENGLISH_PHRASE = re.compile(r"\b[A-Za-z]+ [A-Za-z]+ [A-Za-z]+\b")


@pytest.fixture
def lawyer_with_record(users):
    """The public lawyer's account bound to their own record, as the demo's are."""
    person, _certificate = make_lawyer(users["officer_a"], users["justice"], name="甲律师")
    users["lawyer_a"].person = person
    users["lawyer_a"].save()
    return person


def tasks(page: str) -> str:
    """The role's own part of the page (its tasks), without the navigation bar."""
    return page[page.index("data-help-role") : page.index('data-section="every-page"')]


def test_it_sends_anonymous_users_to_the_login_page(login):
    response = login(None).get(HELP)
    assert response.status_code == 302 and response.url.startswith(reverse("accounts:login"))


@pytest.mark.parametrize("role", ROLES)
def test_every_role_reads_its_own_guide(login, users, lawyer_with_record, role):
    response = login(ACCOUNT_OF_ROLE[role]).get(HELP)
    assert response.status_code == 200
    assert [template.name for template in response.templates][0] == f"help/{role}.html"
    page = response.content.decode()
    assert "<h1" in page and "使用说明" in page
    # Only the role's own guide: one role named, its own.
    assert re.findall(r'data-help-role="([^"]+)"', page) == [role]
    assert str(Role(role).label) in page
    assert re.findall(r'data-task="', tasks(page)), "a guide describes at least one task"


@pytest.mark.parametrize("role", ROLES)
def test_every_link_of_a_guide_opens_for_its_role(login, lawyer_with_record, role):
    client = login(ACCOUNT_OF_ROLE[role])
    assert dead_links(client, HELP) == {}
    # Each task leads somewhere.
    sections = re.findall(r'<section [^>]*data-task="([^"]+)"(.*?)</section>', client.get(HELP).content.decode(), re.S)
    without_link = [key for key, body in sections if not HREF.search(body)]
    assert sections and without_link == []


@pytest.mark.parametrize("role", ROLES)
def test_the_user_menu_of_every_role_leads_to_the_guide(login, role):
    page = login(ACCOUNT_OF_ROLE[role]).get(reverse("accounts:home")).content.decode()
    menu = page[page.index('aria-labelledby="user-menu"') :]
    menu = menu[: menu.index("</ul>")]
    assert f'href="{HELP}"' in menu and "使用说明" in menu


@pytest.mark.parametrize("role", ROLES)
def test_the_chinese_guide_is_all_in_chinese_and_the_english_one_in_english(login, lawyer_with_record, role):
    client = login(ACCOUNT_OF_ROLE[role])
    chinese = tasks(client.get(HELP).content.decode())
    assert not ENGLISH_PHRASE.search(re.sub(r"<[^>]+>", " ", chinese)), ENGLISH_PHRASE.findall(chinese)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    english = client.get(HELP).content.decode()
    assert "User guide" in english and "Your daily work" in english
    # The same tasks with the same links in either language.
    assert re.findall(r'data-task="([^"]+)"', english) == re.findall(r'data-task="([^"]+)"', chinese)
    assert HREF.findall(tasks(english)) == HREF.findall(chinese)


def test_only_the_searching_roles_are_told_about_the_search_box(login):
    assert 'data-tip="search"' in login("officer_a").get(HELP).content.decode()
    assert 'data-tip="search"' not in login("auditor").get(HELP).content.decode()


def test_the_menu_at_a_gate_offers_no_guide(client, users):
    # An account that must change its password is held at that page; no menu leads elsewhere.
    users["officer_a"].must_change_password = True
    users["officer_a"].save()
    client.force_login(users["officer_a"])
    page = client.get(reverse("accounts:password_change")).content.decode()
    assert f'href="{HELP}"' not in page and 'data-form="navbar-search"' not in page
