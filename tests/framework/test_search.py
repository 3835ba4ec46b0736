"""The global search (chenggu_lawyers/search.py): one box in the bar, hits grouped by kind, only what the
scoping rule shows the user, links only to pages the user may open, one query per kind whatever matches."""

import re
from datetime import date, datetime
from types import SimpleNamespace
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.urls import reverse

from accounts.choices import Role
from tests.lawyers.factories import make_lawyer, make_person
from tests.matters.factories import make_matter
from tests.security.test_access_matrix import ACCOUNT_OF_ROLE, hidden_markers, hidden_objects
from tests.security.test_links import dead_links
from tests.security.world import build_world

pytestmark = pytest.mark.django_db

SEARCH = reverse("search")
SEARCHING_ROLES = ["county", "justice", "officer_a", "lawyer_a", "committee_a", "bar", "pool"]


@pytest.fixture
def records(users):
    """A lawyer and a clerk in unit A, a lawyer in unit B, a matter in each; all found by 王."""
    justice = users["justice"]
    colleague, certificate = make_lawyer(users["officer_a"], justice, name="王小明", issued_on=date(2023, 3, 1))
    clerk = make_person(users["officer_a"], name="王书记")
    stranger, other_certificate = make_lawyer(users["officer_b"], justice, name="王大明", issued_on=date(2023, 3, 1))
    users["lawyer_a"].person = colleague
    users["lawyer_a"].save()
    return SimpleNamespace(
        colleague=colleague,
        clerk=clerk,
        certificate=certificate,
        stranger=stranger,
        other_certificate=other_certificate,
        matter=make_matter(users["officer_a"], title="王家沟征地合同审查"),
        other_matter=make_matter(users["officer_b"], title="王家坝补偿协议"),
    )


def groups(response) -> dict[str, list[str]]:
    """The hits' titles by kind, as the page lists them."""
    return {group.kind.key: [hit.title for hit in group.hits] for group in response.context["groups"]}


def hit_links(response, kind) -> dict[str, str | None]:
    return {hit.title: hit.url for group in response.context["groups"] if group.kind.key == kind for hit in group.hits}


def main(response) -> str:
    page = response.content.decode()
    return page[page.index("<main") :]


def test_it_sends_anonymous_users_to_the_login_page(login):
    response = login(None).get(SEARCH, {"q": "王"})
    assert response.status_code == 302 and response.url.startswith(reverse("accounts:login"))


@pytest.mark.parametrize("name", ["auditor", "sysadmin"])
def test_it_gives_the_auditor_and_the_administrator_no_search(login, name):
    client = login(name)
    assert client.get(SEARCH, {"q": "城固"}).status_code == 403
    assert 'data-form="navbar-search"' not in client.get(reverse("accounts:home")).content.decode()


@pytest.mark.parametrize("name", SEARCHING_ROLES)
def test_the_bar_of_every_searching_role_has_the_box(login, name):
    page = login(name).get(reverse("accounts:home")).content.decode()
    assert re.search(r'<form[^>]*action="/search/"[^>]*data-form="navbar-search"', page)


def test_an_officer_finds_a_colleague_but_never_another_units_person(login, records):
    response = login("officer_a").get(SEARCH, {"q": "王"})
    assert {kind: sorted(titles) for kind, titles in groups(response).items()} == {
        "person": sorted(["王书记", "王小明"]),
        "certificate": [records.certificate.number],
        "unit": [],
        "matter": ["王家沟征地合同审查"],
    }
    assert "王大明" not in main(response) and "王家坝" not in main(response)
    # And the other unit's officer, the other way round.
    response = login("officer_b").get(SEARCH, {"q": "王"})
    assert groups(response)["person"] == ["王大明"]
    assert "王小明" not in main(response) and records.certificate.number not in main(response)


# What each role finds for 王 (the fixture's records), by kind; a kind the scoping rule closes to the role is
# not searched at all.
EXPECTED = {
    "county": {"person": ["王大明", "王书记", "王小明"], "certificate": "both", "unit": [], "matter": "both"},
    "justice": {"person": ["王大明", "王书记", "王小明"], "certificate": "both", "unit": [], "matter": "both"},
    "officer_a": {"person": ["王书记", "王小明"], "certificate": "a", "unit": [], "matter": "a"},
    # A lawyer sees their own record and certificate, and only the matters assigned to them (none here).
    "lawyer_a": {"person": ["王小明"], "certificate": "a", "unit": [], "matter": []},
    # The committee reads its unit's rows (the scoping rule's unit roles), without the people's pages.
    "committee_a": {"person": ["王书记", "王小明"], "certificate": "a", "unit": [], "matter": "a"},
    # The bar reads every certificate and every unit name; it has no people's records nor matters.
    "bar": {"certificate": "both", "unit": []},
    # The tax system's pool office sees its system's units only; units A and B are local.
    "pool": {"person": [], "certificate": [], "unit": []},
}


@pytest.mark.parametrize("name", SEARCHING_ROLES)
def test_every_role_finds_only_what_the_scoping_rule_shows_it(login, records, name):
    certificates = {
        "a": [records.certificate.number],
        "both": sorted([records.certificate.number, records.other_certificate.number]),
    }
    matters = {"a": ["王家沟征地合同审查"], "both": ["王家坝补偿协议", "王家沟征地合同审查"]}
    expected = dict(EXPECTED[name])
    if isinstance(expected.get("certificate"), str):
        expected["certificate"] = certificates[expected["certificate"]]
    if isinstance(expected.get("matter"), str):
        expected["matter"] = matters[expected["matter"]]
    found = groups(login(name).get(SEARCH, {"q": "王"}))
    # Compared as sets: the order of names is the database's collation.
    assert {kind: sorted(titles) for kind, titles in found.items()} == {
        kind: sorted(titles) for kind, titles in expected.items()
    }


def test_it_finds_a_certificate_by_its_whole_number_or_its_beginning_only(login, records):
    client = login("officer_a")
    number = records.certificate.number
    assert groups(client.get(SEARCH, {"q": number}))["certificate"] == [number]
    assert groups(client.get(SEARCH, {"q": number[:9]}))["certificate"] == [number]
    # A piece from the middle of the number is no beginning.
    assert groups(client.get(SEARCH, {"q": number[5:14]}))["certificate"] == []
    # The other unit's certificate, though it starts the same, is not the officer's to see.
    assert records.other_certificate.number.startswith(number[:9])
    assert records.other_certificate.number not in main(client.get(SEARCH, {"q": number[:9]}))


def test_it_finds_a_person_by_a_whole_id_number_through_its_digest(login, records):
    client = login("officer_a")
    id_number = records.clerk.id_number
    assert groups(client.get(SEARCH, {"q": id_number}))["person"] == ["王书记"]
    assert groups(client.get(SEARCH, {"q": f" {id_number.lower()} "}))["person"] == ["王书记"]
    # The numbers are encrypted: a part of one finds nobody; a hit never shows the number (only the box
    # keeps what was typed).
    assert groups(client.get(SEARCH, {"q": id_number[:17]}))["person"] == []
    results = main(client.get(SEARCH, {"q": id_number})).split('data-form="search"')[1].split("</form>", 1)[1]
    assert "王书记" in results and id_number not in results
    # Another unit's officer typing the whole number finds nothing either.
    assert groups(login("officer_b").get(SEARCH, {"q": id_number}))["person"] == []


def test_it_finds_units_and_matters_by_name_and_title(login, users, unit_a, records):
    response = login("county").get(SEARCH, {"q": "市场监督"})
    assert groups(response)["unit"] == [unit_a.name]
    assert hit_links(response, "unit") == {unit_a.name: reverse("units:unit_detail", args=[unit_a.pk])}
    response = login("officer_a").get(SEARCH, {"q": "征地"})
    assert hit_links(response, "matter") == {
        "王家沟征地合同审查": reverse("matters:matter_detail", args=[records.matter.pk])
    }


@pytest.mark.parametrize("name", SEARCHING_ROLES)
def test_no_hit_links_to_a_page_the_user_may_not_open(login, records, name):
    client = login(name)
    for query in ("王", records.certificate.number[:9], "城固县"):
        assert dead_links(client, f"{SEARCH}?q={query}") == {}, query


def test_a_hit_the_role_may_see_but_not_open_is_named_without_a_link(login, records):
    # The committee reads its unit's people, but a person's page is not the committee's.
    response = login("committee_a").get(SEARCH, {"q": "王小明"})
    assert hit_links(response, "person") == {"王小明": None}
    assert reverse("lawyers:person_detail", args=[records.colleague.pk]) not in main(response)
    # The bar association opens no person's page: a certificate leads to its row in the register.
    response = login("bar").get(SEARCH, {"q": records.certificate.number})
    url = hit_links(response, "certificate")[records.certificate.number]
    assert url == f"{reverse('lawyers:register')}?q={records.certificate.number}"
    register = login("bar").get(url).content.decode()
    assert "王小明" in register and "王大明" not in register
    # Those who open people's pages go to the holder's.
    for name in ("county", "justice", "officer_a", "lawyer_a"):
        response = login(name).get(SEARCH, {"q": records.certificate.number})
        person_page = reverse("lawyers:person_detail", args=[records.colleague.pk])
        assert hit_links(response, "certificate") == {records.certificate.number: person_page}, name


def test_it_caps_each_kind_and_counts_every_match(login, users, records):
    for number in range(15):
        make_person(users["officer_a"], name=f"王同事{number:02d}")
    response = login("officer_a").get(SEARCH, {"q": "王"})
    (people,) = [group for group in response.context["groups"] if group.kind.key == "person"]
    assert len(people.hits) == 10 and people.total == 17
    body = main(response)
    assert 'data-kind="person" data-total="17"' in body
    assert "共 17 条，仅显示前 10 条" in body
    # The list that shows them all, with what was typed.
    assert people.more_url == f"{reverse('lawyers:person_list')}?q=%E7%8E%8B"
    assert people.more_url.replace("&", "&amp;") in body


def test_a_lawyer_gets_no_link_to_a_list_it_may_not_open(login, users, records):
    # Matters assigned to the lawyer are found; the matters list is not the lawyer's, so no "see all" link.
    from tests.matters.factories import assign

    for number in range(12):
        matter = make_matter(users["officer_a"], title=f"王家沟第{number}号合同")
        assign(users["officer_a"], matter, records.colleague)
    response = login("lawyer_a").get(SEARCH, {"q": "王家沟"})
    (matters,) = [group for group in response.context["groups"] if group.kind.key == "matter"]
    assert matters.total == 12 and len(matters.hits) == 10 and matters.more_url is None
    assert dead_links(login("lawyer_a"), f"{SEARCH}?q=王家沟") == {}


def test_it_keeps_a_fixed_number_of_queries_whatever_matches(login, users, records, django_assert_num_queries):
    client = login("officer_a")
    # session, user, then one query per kind (its first ten hits, each carrying the count of all matches):
    # people, certificates, units, matters
    with django_assert_num_queries(6):
        client.get(SEARCH, {"q": "王"})
    for number in range(20):
        make_person(users["officer_a"], name=f"王同事{number:02d}")
        make_matter(users["officer_a"], title=f"王家沟第{number}号合同")
    with django_assert_num_queries(6):
        client.get(SEARCH, {"q": "王"})
    with django_assert_num_queries(6):
        client.get(SEARCH, {"q": "没有这个人"})
    # A kind the scoping rule closes to the role is not asked: the bar reads certificates and units only.
    bar = login("bar")
    with django_assert_num_queries(4):
        bar.get(SEARCH, {"q": "王"})
    # Nothing typed: no search at all.
    with django_assert_num_queries(2):
        client.get(SEARCH)


def test_it_cuts_what_is_typed_to_a_sensible_length(login, records):
    response = login("officer_a").get(SEARCH, {"q": "王" + "x" * 500})
    assert response.status_code == 200 and len(response.context["query"]) == 50


@pytest.fixture
def world(users, superior, other_superior, tax_unit, settings, tmp_path):
    settings.VAR_DIR = tmp_path
    with time_machine.travel(datetime(2025, 12, 15, 10, 0, tzinfo=ZoneInfo("Asia/Shanghai")), tick=True):
        yield build_world(users, superior, other_superior, tax_unit)


@pytest.mark.parametrize("role", sorted(Role.values))
def test_no_role_finds_the_access_worlds_hidden_records(login, users, world, role):
    """The access matrix's two sides (tests/security/world.py): whatever a role types, the search page never
    shows a marker of a record the scoping rule hides from it."""
    account = users[ACCOUNT_OF_ROLE[role]]
    account.refresh_from_db()
    markers = hidden_markers(hidden_objects(account, world), world)
    client = login(ACCOUNT_OF_ROLE[role])
    for query in ("森淼", "鑫垚", "律师", "合同", "16107", "城固"):
        response = client.get(SEARCH, {"q": query})
        assert response.status_code in (200, 403)
        shown = sorted(marker for marker in markers if marker in response.content.decode())
        assert shown == [], (query, shown)
