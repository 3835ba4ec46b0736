"""The attendee list of an event: entered once for the whole event, public lawyers of that day only."""

from datetime import date, timedelta

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext

from lawyers import services as lawyer_services
from training.models import Attendance
from training.services import attendance_set

from .conftest import make_event

pytestmark = pytest.mark.django_db


def attendees_url(event):
    return reverse("training:event_attendees", args=[event.pk])


def names_on(event):
    return set(Attendance.objects.filter(event=event).values_list("person__name", flat=True))


def offered(response):
    return {person.name for person in response.context["form"].fields["people"].queryset}


@pytest.fixture
def county_event(people):
    return make_event("全县实务培训", held_on=date(2025, 5, 10), hours="8")


@pytest.fixture
def unit_event(people, unit_a):
    return make_event("市场监管模拟法庭", unit=unit_a, held_on=date(2025, 5, 10), kind="moot_court")


def test_it_sets_and_replaces_the_attendee_list(users, people, county_event):
    justice = users["justice"]
    attendance_set(actor=justice, event=county_event, people=[people["x"], people["y"]])
    assert names_on(county_event) == {"甲律师", "乙律师"}
    first_x = Attendance.objects.get(event=county_event, person=people["x"]).pk
    attendance_set(actor=justice, event=county_event, people=[people["x"], people["z"], people["z"]])
    assert names_on(county_event) == {"甲律师", "丙律师"}
    # Who stays on the list keeps their row.
    assert Attendance.objects.get(event=county_event, person=people["x"]).pk == first_x
    attendance_set(actor=justice, event=county_event, people=[])
    assert names_on(county_event) == set()


def test_it_refuses_people_without_a_certificate_on_the_day_and_writes_nothing(users, people, county_event):
    justice = users["justice"]
    attendance_set(actor=justice, event=county_event, people=[people["x"]])
    # 丁's certificate was issued on 2025-07-01, after the event; 戊 never had one.
    with pytest.raises(ValidationError) as refused:
        attendance_set(actor=justice, event=county_event, people=[people["y"], people["late"], people["plain"]])
    message = " ".join(refused.value.messages)
    assert "丁晚发证" in message and "戊无证书" in message and "乙律师" not in message
    assert names_on(county_event) == {"甲律师"}


def test_it_refuses_a_suspended_lawyer(users, people, county_event):
    certificate = people["x"].certificates.get()
    lawyer_services.certificate_suspend(
        actor=users["justice"], certificate=certificate, on=date(2025, 5, 1), reason="调查"
    )
    with pytest.raises(ValidationError):
        attendance_set(actor=users["justice"], event=county_event, people=[people["x"]])
    assert not Attendance.objects.exists()


def test_it_refuses_attendance_at_a_future_event(users, people):
    event = make_event(held_on=timezone.localdate() + timedelta(days=3))
    with pytest.raises(ValidationError):
        attendance_set(actor=users["justice"], event=event, people=[people["x"]])
    assert not Attendance.objects.exists()


def test_it_keeps_a_unit_event_to_its_own_officer_and_lawyers(users, people, unit_event):
    officer_a = users["officer_a"]
    with pytest.raises(PermissionDenied):
        attendance_set(actor=officer_a, event=unit_event, people=[people["x"], people["z"]])
    for name in ("officer_b", "justice", "bar"):
        with pytest.raises(PermissionDenied):
            attendance_set(actor=users[name], event=unit_event, people=[people["x"]])
    assert not Attendance.objects.exists()
    attendance_set(actor=officer_a, event=unit_event, people=[people["x"]])
    assert names_on(unit_event) == {"甲律师"}


def test_it_keeps_county_wide_events_to_the_justice_bureau_and_the_bar(users, people, county_event):
    for name in ("officer_a", "county"):
        with pytest.raises(PermissionDenied):
            attendance_set(actor=users[name], event=county_event, people=[people["x"]])
    attendance_set(actor=users["bar"], event=county_event, people=[people["x"], people["z"]])
    assert names_on(county_event) == {"甲律师", "丙律师"}


# --- the page ---------------------------------------------------------------------------------------


def test_it_guards_the_attendee_page(login, users, people, county_event, unit_event):
    for url in (attendees_url(county_event), attendees_url(unit_event)):
        assert login(None).get(url).status_code == 302
        for name in ("lawyer_a", "committee_a", "auditor", "county"):
            assert login(name).get(url).status_code == 403
    assert login("officer_b").get(attendees_url(unit_event)).status_code == 404
    # Readers who do not organise the event may not edit its list.
    assert login("justice").get(attendees_url(unit_event)).status_code == 403
    # A county-wide event is every unit's to read, its organiser's alone to keep.
    assert login("officer_a").get(attendees_url(county_event)).status_code == 403


def test_it_offers_the_public_lawyers_of_the_events_day(login, users, people, county_event, unit_event):
    assert offered(login("justice").get(attendees_url(county_event))) == {"甲律师", "乙律师", "丙律师"}
    assert offered(login("bar").get(attendees_url(county_event))) == {"甲律师", "乙律师", "丙律师"}
    assert offered(login("officer_a").get(attendees_url(unit_event))) == {"甲律师", "乙律师"}
    autumn = make_event("秋季培训", held_on=date(2025, 9, 1))
    assert offered(login("justice").get(attendees_url(autumn))) == {"甲律师", "乙律师", "丙律师", "丁晚发证"}


def test_it_saves_the_ticked_list_from_the_page(login, users, people, county_event):
    client = login("justice")
    attendance_set(actor=users["justice"], event=county_event, people=[people["y"]])
    response = client.get(attendees_url(county_event))
    assert [str(pk) for pk in response.context["form"]["people"].value()] == [str(people["y"].pk)]
    response = client.post(attendees_url(county_event), {"people": [people["x"].pk, people["z"].pk]})
    assert response.status_code == 302 and response.url == county_event.get_absolute_url()
    assert names_on(county_event) == {"甲律师", "丙律师"}
    detail = client.get(county_event.get_absolute_url())
    assert {a.person.name for a in detail.context["attendances"]} == {"甲律师", "丙律师"}


def test_it_refuses_on_the_page_a_person_not_offered(login, users, people, unit_event):
    client = login("officer_a")
    attendance_set(actor=users["officer_a"], event=unit_event, people=[people["x"]])
    for intruder in (people["z"], people["late"], people["plain"]):
        response = client.post(attendees_url(unit_event), {"people": [people["y"].pk, intruder.pk]})
        assert response.status_code == 400 and response.context["form"].errors["people"]
    assert names_on(unit_event) == {"甲律师"}


def test_it_shows_the_services_refusal_on_the_page(login, users, people):
    event = make_event(held_on=timezone.localdate() + timedelta(days=3))
    response = login("justice").post(attendees_url(event), {"people": [people["x"].pk]})
    assert response.status_code == 400
    assert response.context["form"].non_field_errors() == [
        gettext("Attendance can be recorded once the event has taken place.")
    ]
    assert not Attendance.objects.exists()


def test_it_drops_a_lawyer_suspended_on_the_day_from_the_offer(login, users, people, county_event):
    certificate = people["y"].certificates.get()
    lawyer_services.certificate_suspend(
        actor=users["justice"], certificate=certificate, on=county_event.held_on, reason="调查"
    )
    assert offered(login("justice").get(attendees_url(county_event))) == {"甲律师", "丙律师"}


def test_it_checks_attendees_when_an_event_is_moved(login, users, people, county_event):
    attendance_set(actor=users["justice"], event=county_event, people=[people["x"]])
    data = {
        "title": county_event.title,
        "kind": county_event.kind,
        "organiser": county_event.organiser,
        "hours": "8",
        "held_on": "2022-05-10",
    }
    response = login("justice").post(reverse("training:event_update", args=[county_event.pk]), data)
    assert response.status_code == 200 and "甲律师" in str(response.context["form"].errors["held_on"])
    county_event.refresh_from_db()
    assert county_event.held_on == date(2025, 5, 10)


def test_it_pins_the_attendee_page_query_count(login, users, people, county_event, django_assert_num_queries):
    client = login("justice")
    attendance_set(actor=users["justice"], event=county_event, people=[people["x"], people["y"]])
    # session, user, the event with its unit, the present attendees, the lawyers offered with their units
    with django_assert_num_queries(5):
        client.get(attendees_url(county_event))
