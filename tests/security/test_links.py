"""No link on a page leads the viewer to a 403 or a 404: a page links to another object only when the
viewer's role may open that page and the scoping rule lets the viewer see the object.

(The access matrix, test_access_matrix.py, is about what a page may show; this is about where it sends.)"""

import re
from datetime import date

import pytest
from django.urls import reverse

from lawyers import services
from lawyers.models import Application, Certificate
from tests.lawyers.factories import make_lawyer, make_person
from tests.training.conftest import make_event

pytestmark = pytest.mark.django_db

HREF = re.compile(r'href="(/[^"#]*)"')
# Not pages of the portal's data: the language switch, the script catalogue, static files, logging out.
NOT_PAGES = ("/static/", "/i18n/", "/jsi18n", "/accounts/logout")


def dead_links(client, url) -> dict[str, int]:
    """The links of the page at `url` that answer 403 or 404 to the same client."""
    response = client.get(url)
    assert response.status_code == 200, url
    links = {href.replace("&amp;", "&") for href in HREF.findall(response.content.decode())}
    answers = {link: client.get(link).status_code for link in links if not link.startswith(NOT_PAGES)}
    return {link: status for link, status in answers.items() if status in (403, 404)}


@pytest.fixture
def lawyers(users):
    justice = users["justice"]
    first, certificate = make_lawyer(users["officer_a"], justice, name="甲律师", issued_on=date(2023, 3, 1))
    make_lawyer(users["officer_b"], justice, name="乙律师", issued_on=date(2023, 3, 1))
    services.membership_record(actor=users["bar"], person=first, number="HZLX001", joined_on=date(2023, 4, 1))
    return first, certificate


def test_the_register_and_the_membership_pages_send_the_bar_nowhere_it_may_not_go(login, lawyers):
    client = login("bar")
    first, _certificate = lawyers
    register = reverse("lawyers:register")
    assert dead_links(client, register) == {}
    assert "甲律师" in client.get(register).content.decode()
    assert dead_links(client, reverse("lawyers:membership_list")) == {}
    assert dead_links(client, reverse("lawyers:membership_record", args=[first.pk])) == {}
    # The roles that open people's pages still follow the holder's name there.
    person_page = reverse("lawyers:person_detail", args=[first.pk])
    for name in ("county", "justice", "officer_a"):
        assert person_page in login(name).get(register).content.decode()
        assert dead_links(login(name), register) == {}


def test_an_application_names_a_person_who_moved_away_without_a_link(login, users, unit_a, django_assert_num_queries):
    officer_b, justice = users["officer_b"], users["justice"]
    person = make_person(officer_b, name="吴调动")
    application = services.application_submit(actor=officer_b, person=person, consent_on=date(2024, 3, 1))
    services.person_transfer(actor=justice, person=person, to_unit=unit_a, on=date(2024, 7, 1))
    url = reverse("lawyers:application_detail", args=[application.pk])
    client = login("officer_b")
    # session, user, the application with its person, unit and whether the person is visible, the steps
    # with their actors (two queries), the application's files: no query to decide the link
    with django_assert_num_queries(6):
        body = client.get(url).content.decode()
    assert "吴调动" in body and reverse("lawyers:person_detail", args=[person.pk]) not in body
    assert dead_links(client, url) == {}
    assert reverse("lawyers:person_detail", args=[person.pk]) in login("justice").get(url).content.decode()
    assert Application.objects.get(pk=application.pk).status == "withdrawn"


def test_the_unit_page_links_people_only_for_the_roles_that_open_them(login, users, unit_a, lawyers):
    make_person(users["officer_a"], name="丙待申请")
    url = reverse("units:unit_detail", args=[unit_a.pk])
    users["lawyer_a"].person = lawyers[0]
    users["lawyer_a"].save()
    for name in ("county", "justice", "officer_a", "committee_a", "lawyer_a"):
        assert dead_links(login(name), url) == {}, name
    body = login("committee_a").get(url).content.decode()
    assert "甲律师" in body and reverse("lawyers:person_detail", args=[lawyers[0].pk]) not in body
    assert reverse("lawyers:person_detail", args=[lawyers[0].pk]) in login("officer_a").get(url).content.decode()


def test_an_officers_training_events_lead_to_pages_it_may_open(login, users, unit_a, unit_b):
    make_event("全县政策理论培训")
    make_event("本单位模拟法庭", unit=unit_a)
    make_event("外单位实训", unit=unit_b)
    client = login("officer_a")
    events = reverse("training:event_list")
    assert dead_links(client, events) == {}
    for link in HREF.findall(client.get(events).content.decode()):
        if link.startswith("/training/events/") and link.rstrip("/").split("/")[-1].isdigit():
            assert dead_links(client, link) == {}


def test_a_certificate_action_page_sends_the_justice_bureau_back_to_the_holder(login, lawyers):
    _first, certificate = lawyers
    url = reverse("lawyers:certificate_action", args=[certificate.pk, "suspend"])
    assert dead_links(login("justice"), url) == {}
    assert Certificate.objects.get(pk=certificate.pk).status == "active"
