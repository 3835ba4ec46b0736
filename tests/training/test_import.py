"""Importing an event's attendees from Excel: full name and ID number, all rows or none, no duplicates."""

from datetime import date, timedelta
from io import BytesIO

import pytest
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext
from openpyxl import load_workbook

from chenggu_lawyers.models import AuditEvent
from tests.spreadsheets import upload, xlsx_from_template
from training.models import Attendance
from training.services import attendance_set

from .conftest import make_event

pytestmark = pytest.mark.django_db


def import_url(event):
    return reverse("training:event_attendee_import", args=[event.pk])


def template_url(event):
    return reverse("training:event_attendee_template", args=[event.pk])


def names_on(event):
    return set(Attendance.objects.filter(event=event).values_list("person__name", flat=True))


@pytest.fixture
def county_event(people):
    return make_event("全县实务培训", held_on=date(2025, 5, 10))


@pytest.fixture
def unit_event(people, unit_a):
    return make_event("市场监管模拟法庭", unit=unit_a, held_on=date(2025, 5, 10), kind="moot_court")


def filled(client, event, rows):
    template = b"".join(client.get(template_url(event)).streaming_content)
    return xlsx_from_template(template, rows)


def check(client, event, content):
    """Upload, and return the preview page's context."""
    response = client.post(import_url(event), {"file": upload(content, "attendees.xlsx")})
    assert response.status_code == 200
    return response.context


def confirm(client, event, token):
    return client.post(import_url(event), {"token": token})


def row_errors(context):
    return {row.number: " ".join(row.errors) for row in context["preview"].rows if row.errors}


def test_it_offers_a_template_with_the_two_columns(login, people, county_event):
    response = login("justice").get(template_url(county_event))
    assert response.status_code == 200
    sheet = load_workbook(BytesIO(b"".join(response.streaming_content))).worksheets[0]
    assert len([cell.value for cell in sheet[1] if cell.value]) == 2


def test_it_imports_a_good_file_and_a_second_time_adds_nobody_twice(login, people, county_event):
    client = login("justice")
    content = filled(
        client, county_event, [[people["x"].name, people["x"].id_number], ["丙律师", people["z"].id_number]]
    )
    context = check(client, county_event, content)
    assert context["preview"].ok and context["preview"].created_count == 2
    response = confirm(client, county_event, context["token"])
    assert response.status_code == 302 and response.url == county_event.get_absolute_url()
    assert names_on(county_event) == {"甲律师", "丙律师"}
    assert AuditEvent.objects.filter(action="import", object_type="training.attendance").count() == 1

    context = check(client, county_event, content)
    assert context["preview"].ok and context["preview"].updated_count == 2 and context["preview"].created_count == 0
    confirm(client, county_event, context["token"])
    assert Attendance.objects.filter(event=county_event).count() == 2


def test_it_adds_to_the_list_already_entered(login, users, people, county_event):
    attendance_set(actor=users["justice"], event=county_event, people=[people["y"]])
    client = login("bar")
    context = check(client, county_event, filled(client, county_event, [["甲律师", people["x"].id_number]]))
    confirm(client, county_event, context["token"])
    assert names_on(county_event) == {"甲律师", "乙律师"}


def test_it_refuses_the_whole_file_when_a_row_is_wrong(login, users, people, county_event):
    client = login("justice")
    rows = [
        ["甲律师", people["x"].id_number],  # 2: good
        ["无此人", "610722198506010000"],  # 3: unknown ID number
        ["丁晚发证", people["late"].id_number],  # 4: certified after the event
        ["张冒名", people["y"].id_number],  # 5: the name is not the ID number's person
        ["甲律师", people["x"].id_number],  # 6: twice in the file
        ["戊无证书", people["plain"].id_number],  # 7: never certified
        ["", people["z"].id_number],  # 8: no name
    ]
    context = check(client, county_event, filled(client, county_event, rows))
    errors = row_errors(context)
    assert set(errors) == {3, 4, 5, 6, 7, 8}
    assert gettext("No person with this ID number is registered.") in errors[3]
    assert "2025-05-10" in errors[4] and "丁晚发证" in errors[4]
    assert gettext("The name does not match the person registered with this ID number.") in errors[5]
    assert people["x"].id_number in errors[6] and "2" in errors[6]
    assert "戊无证书" in errors[7]
    assert "token" in context and not context["preview"].ok
    # A crafted confirm of the checked file is refused too.
    response = confirm(client, county_event, context["token"])
    assert response.status_code == 200 and not response.context["preview"].ok
    assert not Attendance.objects.exists()


def test_it_keeps_a_unit_event_to_the_units_own_people(login, people, unit_event):
    client = login("officer_a")
    rows = [["甲律师", people["x"].id_number], ["丙律师", people["z"].id_number]]
    context = check(client, unit_event, filled(client, unit_event, rows))
    errors = row_errors(context)
    assert set(errors) == {3}
    # Which unit the person belongs to is not said.
    assert gettext("No person of this unit has this ID number.") in errors[3] and "城固县自然资源局" not in errors[3]
    assert not Attendance.objects.exists()


def test_it_refuses_an_import_for_an_event_yet_to_come(login, people):
    event = make_event(held_on=timezone.localdate() + timedelta(days=7))
    client = login("justice")
    context = check(client, event, filled(client, event, [["甲律师", people["x"].id_number]]))
    assert context["preview"].file_error == gettext("Attendance can be recorded once the event has taken place.")
    assert not Attendance.objects.exists()


def test_it_guards_the_import_and_the_template(login, people, county_event, unit_event):
    for url in (import_url(unit_event), template_url(unit_event)):
        assert login(None).get(url).status_code == 302
        for name in ("lawyer_a", "committee_a", "county", "auditor"):
            assert login(name).get(url).status_code == 403
        assert login("officer_b").get(url).status_code == 404
        assert login("justice").get(url).status_code == 403
        assert login("officer_a").get(url).status_code == 200
    # A county-wide event is every unit's to read, its organiser's alone to keep.
    assert login("officer_a").get(import_url(county_event)).status_code == 403
    assert login("bar").get(import_url(county_event)).status_code == 200
