"""Training events: county-wide ones of the justice bureau and the bar, a unit's own ones, the list and export."""

from datetime import date
from io import BytesIO

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from training.models import TrainingEvent

from .conftest import make_event

pytestmark = pytest.mark.django_db

LIST = reverse("training:event_list")
EXPORT = reverse("training:event_export")
CREATE = reverse("training:event_create")


def page(event):
    return reverse("training:event_detail", args=[event.pk])


def edit(event):
    return reverse("training:event_update", args=[event.pk])


def titles(response):
    return {row.record.title for row in response.context["table"].page.object_list}


def form_data(**fields):
    return {
        "title": "行政执法实务",
        "kind": "practical_skills",
        "organiser": "城固县司法局",
        "held_on": "2025-04-02",
        "hours": "6",
        "note": "",
        **fields,
    }


@pytest.fixture
def events(unit_a, unit_b):
    return {
        "county": make_event("全县政策理论培训", held_on=date(2025, 3, 1)),
        "bar": make_event(
            "律协实务培训", kind="practical_skills", organiser="城固县律师协会", held_on=date(2024, 9, 1)
        ),
        "a": make_event("市场监管模拟法庭", unit=unit_a, kind="moot_court", organiser="城固县市场监督管理局"),
        "b": make_event("自然资源实训", unit=unit_b, kind="practice_base", organiser="城固县自然资源局"),
    }


def test_it_sends_anonymous_users_to_login(login, users, events):
    for url in (LIST, EXPORT, CREATE, page(events["county"]), edit(events["county"])):
        assert login(None).get(url).status_code == 302


@pytest.mark.parametrize("name", ["lawyer_a", "committee_a", "pool", "auditor", "sysadmin"])
def test_it_forbids_roles_without_access(login, users, events, name):
    client = login(name)
    for url in (LIST, EXPORT, CREATE, page(events["a"]), edit(events["a"])):
        assert client.get(url).status_code == 403


@pytest.mark.parametrize(
    "name,expected",
    [
        ("county", {"全县政策理论培训", "律协实务培训", "市场监管模拟法庭", "自然资源实训"}),
        ("justice", {"全县政策理论培训", "律协实务培训", "市场监管模拟法庭", "自然资源实训"}),
        ("bar", {"全县政策理论培训", "律协实务培训", "市场监管模拟法庭", "自然资源实训"}),
        # A unit officer sees the county-wide events (its lawyers' hours count them) and its own unit's.
        ("officer_a", {"全县政策理论培训", "律协实务培训", "市场监管模拟法庭"}),
        ("officer_b", {"全县政策理论培训", "律协实务培训", "自然资源实训"}),
    ],
)
def test_it_lists_the_events_each_role_sees(login, users, events, name, expected):
    response = login(name).get(LIST)
    assert response.status_code == 200 and titles(response) == expected


def test_it_says_which_events_are_county_wide_in_an_officers_list(login, users, events):
    rows = {row.record.title: row for row in login("officer_a").get(LIST).context["table"].page.object_list}
    assert rows["全县政策理论培训"].get_cell("unit") == "全县"
    assert rows["市场监管模拟法庭"].get_cell("unit") == "城固县市场监督管理局"


def test_it_answers_not_found_for_another_units_event(login, users, events):
    client = login("officer_b")
    for url in (page(events["a"]), edit(events["a"])):
        assert client.get(url).status_code == 404
    assert client.get(page(events["b"])).status_code == 200
    # A county-wide event is read by every unit's officer, and kept by its organiser only.
    assert client.get(page(events["county"])).status_code == 200
    assert client.get(edit(events["county"])).status_code == 403


def test_it_shows_an_officer_only_its_own_units_attendees_of_a_county_wide_event(login, users, events, people):
    from training import services

    event = events["county"]
    services.attendance_set(actor=users["justice"], event=event, people=[people["x"], people["y"], people["z"]])
    response = login("officer_a").get(page(event))
    body = response.content.decode()
    assert {a.person.name for a in response.context["attendances"]} == {"甲律师", "乙律师"}
    assert "丙律师" not in body and "城固县自然资源局" not in body
    assert "data-own-unit-only" in body and "data-own-unit-only" not in login("bar").get(page(event)).content.decode()
    rows = {row.record.title: row.record for row in login("officer_a").get(LIST).context["table"].page.object_list}
    assert rows[event.title].attendee_count == 2  # its own two, as the page lists them, not all three
    other = {row.record.title: row.record for row in login("officer_b").get(LIST).context["table"].page.object_list}
    assert other[event.title].attendee_count == 1
    county = {row.record.title: row.record for row in login("county").get(LIST).context["table"].page.object_list}
    assert county[event.title].attendee_count == 3


@pytest.mark.parametrize(
    "filters,expected",
    [
        ({"year": "2024"}, {"律协实务培训"}),
        ({"kind": "moot_court"}, {"市场监管模拟法庭"}),
        ({"organiser": "律师协会"}, {"律协实务培训"}),
        ({"q": "实训"}, {"自然资源实训"}),
    ],
)
def test_it_filters_events(login, users, events, filters, expected):
    assert titles(login("county").get(LIST, filters)) == expected


def test_it_shows_the_event_page_with_its_attendee_list_links_to_its_keeper(login, users, events):
    response = login("officer_a").get(page(events["a"]))
    assert response.status_code == 200 and response.context["may_keep"]
    assert reverse("training:event_attendees", args=[events["a"].pk]) in response.content.decode()
    # The justice bureau reads a unit's event but does not keep it.
    response = login("justice").get(page(events["a"]))
    assert response.status_code == 200 and not response.context["may_keep"] and "edit_url" not in response.context
    assert login("bar").get(page(events["county"])).context["may_keep"]


@pytest.mark.parametrize("name", ["justice", "bar"])
def test_it_creates_county_wide_events_for_the_justice_bureau_and_the_bar(login, users, unit_a, name):
    response = login(name).post(CREATE, form_data(unit=unit_a.pk))
    event = TrainingEvent.objects.get()
    assert response.status_code == 302 and response.url == page(event)
    assert event.unit is None and event.hours == 6 and event.kind == "practical_skills"


def test_it_creates_a_unit_officers_event_for_its_own_unit(login, users, unit_a, unit_b):
    response = login("officer_a").post(CREATE, form_data(unit=unit_b.pk))
    assert response.status_code == 302
    assert TrainingEvent.objects.get().unit == unit_a
    assert login("officer_a").get(CREATE).context["form"].initial["organiser"] == unit_a.name


def test_it_forbids_the_county_office_to_create_events(login, users):
    assert login("county").get(CREATE).status_code == 403
    assert login("county").post(CREATE, form_data()).status_code == 403
    assert not TrainingEvent.objects.exists()


@pytest.mark.parametrize("hours", ["0", "24.5", "30"])
def test_it_refuses_events_of_no_hours_or_more_than_a_day(login, users, hours):
    response = login("justice").post(CREATE, form_data(hours=hours))
    assert response.status_code == 200 and response.context["form"].errors["hours"]
    assert response.context["form"]["title"].value() == "行政执法实务"
    assert not TrainingEvent.objects.exists()


def test_it_holds_the_hours_limit_in_the_database(unit_a):
    from django.db import IntegrityError, transaction

    with pytest.raises(IntegrityError), transaction.atomic():
        make_event(hours="25")


def test_it_lets_only_the_organisers_side_edit_an_event(login, users, events):
    assert login("officer_a").post(edit(events["a"]), form_data(title="改名")).status_code == 302
    events["a"].refresh_from_db()
    assert events["a"].title == "改名" and events["a"].unit.name == "城固县市场监督管理局"
    assert login("justice").get(edit(events["a"])).status_code == 403
    assert login("bar").post(edit(events["a"]), form_data(title="律协改")).status_code == 403
    assert login("county").get(edit(events["county"])).status_code == 403
    assert login("bar").post(edit(events["county"]), form_data(title="律协改")).status_code == 302
    events["county"].refresh_from_db()
    assert events["county"].title == "律协改" and events["county"].unit is None


def test_it_exports_the_filtered_event_list(login, users, events):
    response = login("county").get(EXPORT, {"year": "2025"})
    assert response.status_code == 200
    sheet = load_workbook(BytesIO(b"".join(response.streaming_content))).active
    rows = [list(row) for row in sheet.iter_rows(values_only=True)]
    blank = rows.index([None] * len(rows[0]))
    assert any("2025" in str(row[1]) for row in rows[:blank])  # the filters in the header block
    body = rows[blank + 2 :]
    assert {row[1] for row in body} == {"全县政策理论培训", "市场监管模拟法庭", "自然资源实训"}
    assert all(row[5] == 8 for row in body)
    county_wide = next(row for row in body if row[1] == "全县政策理论培训")
    assert county_wide[4] and county_wide[4] != "None"


def test_it_keeps_the_list_and_export_query_counts_flat(login, users, unit_a, django_assert_num_queries):
    client = login("justice")
    make_event(unit=unit_a)
    # session, user, count, the page of events with their units and attendee counts
    with django_assert_num_queries(4):
        client.get(LIST)
    # session, user, the events, the audit entry
    with django_assert_num_queries(4):
        client.get(EXPORT)
    for number in range(20):
        make_event(f"培训{number}", unit=unit_a if number % 2 else None)
    with django_assert_num_queries(4):
        client.get(LIST)
    with django_assert_num_queries(4):
        client.get(EXPORT)


def test_it_pins_the_event_page_query_count(login, users, events, django_assert_num_queries):
    client = login("bar")
    # session, user, the event with its unit, the attendees with their people and units
    with django_assert_num_queries(4):
        client.get(page(events["county"]))
