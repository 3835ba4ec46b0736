"""The auditor's audit log (issue 8, item 3): search, read before/after values, export; nobody else."""

from datetime import timedelta
from io import BytesIO

import pytest
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from chenggu_lawyers.audit import record
from chenggu_lawyers.models import AuditAction, AuditEvent
from tests.lawyers.factories import make_person

pytestmark = [pytest.mark.django_db, pytest.mark.urls("tests.audit.urls")]

NOT_AUDITORS = ["county", "justice", "bar", "sysadmin", "pool", "officer_a", "lawyer_a", "committee_a"]


def list_url():
    return reverse("audit:event_list")


def export_url():
    return reverse("audit:event_export")


def detail_url(event):
    return reverse("audit:event_detail", args=[event.pk])


@pytest.fixture
def person(users):
    """A registered person, then renamed: the log holds a create and an update with before/after values."""
    person = make_person(users["officer_a"], name="审计甲")
    person.name = "审计乙"
    person.save()
    return person


def update_of(person):
    return AuditEvent.objects.get(action=AuditAction.UPDATE, object_type="lawyers.person", object_id=str(person.pk))


def rows_of(response):
    return [record.pk for record in response.context["table"].page.object_list.data]


def test_it_sends_anonymous_visitors_to_the_login_page(login, person):
    event = update_of(person)
    for url in (list_url(), export_url(), detail_url(event)):
        response = login(None).get(url)
        assert response.status_code == 302
        assert reverse("accounts:login") in response["Location"]


@pytest.mark.parametrize("name", NOT_AUDITORS)
def test_it_refuses_every_role_but_the_auditor(login, person, name):
    event = update_of(person)
    client = login(name)
    for url in (list_url(), export_url(), detail_url(event)):
        assert client.get(url).status_code == 403


def test_it_keeps_the_log_from_everyone_but_the_auditor_through_the_scope(users, person):
    assert AuditEvent.objects.visible_to(users["auditor"]).exists()
    for name in NOT_AUDITORS:
        assert not AuditEvent.objects.visible_to(users[name]).exists(), name


def test_it_lists_the_events_newest_first(login, person):
    response = login("auditor").get(list_url())
    assert response.status_code == 200
    shown = rows_of(response)
    assert shown == sorted(shown, reverse=True)
    assert update_of(person).pk in shown
    assert "审计乙" in response.content.decode()


def test_it_offers_no_way_to_write_to_the_log(login, person):
    event = update_of(person)
    client = login("auditor")
    count = AuditEvent.objects.count()
    for url in (list_url(), export_url(), detail_url(event)):
        assert client.post(url, {"action": "delete"}).status_code == 405
        assert client.delete(url).status_code == 405
    event.refresh_from_db()
    assert event.object_repr == "审计乙"
    assert AuditEvent.objects.count() == count
    assert 'href="/audit/' + str(event.pk) + "/edit" not in client.get(detail_url(event)).content.decode()


def test_it_filters_by_action_actor_object_type_and_text(login, users, person):
    failed = record(
        action=AuditAction.LOGIN_FAILED, object_type="accounts.user", object_repr="mallory", outcome="failure"
    )
    client = login("auditor")

    by_action = rows_of(client.get(list_url(), {"action": "login_failed"}))
    assert by_action == [failed.pk]

    logged_in = record(action=AuditAction.LOGIN, obj=users["officer_a"], actor=users["officer_a"])
    assert rows_of(client.get(list_url(), {"actor": "OFFICER_A"})) == [logged_in.pk]

    by_type = rows_of(client.get(list_url(), {"object_type": "accounts.user"}))
    assert failed.pk in by_type
    assert update_of(person).pk not in by_type

    by_text = rows_of(client.get(list_url(), {"q": "乙"}))
    assert by_text == [update_of(person).pk]
    assert rows_of(client.get(list_url(), {"q": str(person.pk), "object_type": "lawyers.person"})) == list(
        AuditEvent.objects.filter(object_type="lawyers.person", object_id=str(person.pk)).values_list("pk", flat=True)
    )


def test_it_filters_by_date_range_including_both_ends(login, person):
    today = timezone.localdate()
    old = record(action=AuditAction.LOGIN_FAILED, object_repr="old")
    AuditEvent.objects.filter(pk=old.pk).update(at=timezone.now() - timedelta(days=10))
    client = login("auditor")

    recent = rows_of(client.get(list_url(), {"since": today.isoformat(), "until": today.isoformat()}))
    assert update_of(person).pk in recent
    assert old.pk not in recent

    day = (today - timedelta(days=10)).isoformat()
    assert rows_of(client.get(list_url(), {"since": day, "until": day})) == [old.pk]


def test_it_shows_an_error_not_a_crash_on_a_bad_date(login, person):
    response = login("auditor").get(list_url(), {"since": "2024-13-45"})
    assert response.status_code == 200
    assert response.context["filter"].errors


def test_it_records_that_the_auditor_read_the_log(login, users, person, english):
    login("auditor").get(list_url(), {"action": "update"})
    event = AuditEvent.objects.filter(actor=users["auditor"]).latest("id")
    assert event.action == AuditAction.VIEW
    assert event.object_type == "chenggu_lawyers.auditevent"
    assert event.changes["view"] == "list"
    assert event.changes["filters"] == "Action: Updated"
    assert event.ip_address == "127.0.0.1"


def test_it_keeps_the_list_query_count_flat(login, person, django_assert_num_queries):
    client = login("auditor")
    # session, user, count, the page of events, the insert recording the read
    with django_assert_num_queries(5):
        client.get(list_url())
    for number in range(5):
        record(action=AuditAction.LOGIN_FAILED, object_repr=f"guess{number}")
    with django_assert_num_queries(5):
        client.get(list_url())


def test_it_shows_before_and_after_values_of_an_update(login, users, person):
    event = update_of(person)
    client = login("auditor")
    response = client.get(detail_url(event))
    assert response.status_code == 200
    body = response.content.decode()
    assert 'data-field="name"' in body
    assert "审计甲" in body and "审计乙" in body
    assert response.context["value_rows"] == [
        {
            "field": "name",
            "label": "姓名",
            "before": "审计甲",
            "after": "审计乙",
            "before_label": None,
            "after_label": None,
            "changed": True,
        }
    ]
    assert 'title="name">姓名</td>' in body
    assert 'data-action="update"' in body
    read = AuditEvent.objects.filter(actor=users["auditor"]).latest("id")
    assert (read.changes, read.object_id) == ({"view": "detail"}, str(event.pk))


def test_it_shows_the_values_of_a_create_and_the_extras_of_an_export(login, users, person):
    created = AuditEvent.objects.get(action=AuditAction.CREATE, object_type="lawyers.person", object_id=str(person.pk))
    client = login("auditor")
    rows = client.get(detail_url(created)).context["value_rows"]
    assert {
        "field": "name",
        "label": "姓名",
        "before": None,
        "after": "审计甲",
        "before_label": None,
        "after_label": None,
        "changed": True,
    } in rows

    export = record(
        action=AuditAction.EXPORT, actor=users["county"], object_repr="People", changes={"filters": "Unit: A"}
    )
    response = client.get(detail_url(export))
    assert response.context["value_rows"] == []
    assert "Unit: A" in response.content.decode()


def test_it_pins_the_detail_query_count(login, person, django_assert_num_queries):
    event = update_of(person)
    client = login("auditor")
    # session, user, the event, the insert recording the read
    with django_assert_num_queries(4):
        client.get(detail_url(event))


def test_it_answers_404_for_an_unknown_event(login, person):
    assert login("auditor").get(reverse("audit:event_detail", args=[999999])).status_code == 404


def test_it_exports_the_filtered_log_with_values_and_records_the_export(login, users, person, english):
    record(action=AuditAction.LOGIN_FAILED, object_repr="mallory", outcome="failure")
    response = login("auditor").get(export_url(), {"action": "update"})
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    cells = {
        cell
        for row in load_workbook(BytesIO(b"".join(response.streaming_content))).active.iter_rows(values_only=True)
        for cell in row
    }
    assert "审计乙" in cells
    assert "mallory" not in cells
    assert any(isinstance(cell, str) and '"name": "审计甲"' in cell for cell in cells)
    export = AuditEvent.objects.filter(actor=users["auditor"]).latest("id")
    assert export.action == AuditAction.EXPORT
    assert export.object_type == "chenggu_lawyers.auditevent"
    assert "Updated" in export.changes["filters"]


def test_it_pins_the_export_query_count(login, person, django_assert_num_queries):
    client = login("auditor")
    # session, user, the insert recording the export, the filtered events
    with django_assert_num_queries(4):
        client.get(export_url())
    for number in range(5):
        record(action=AuditAction.LOGIN_FAILED, object_repr=f"guess{number}")
    with django_assert_num_queries(4):
        client.get(export_url())
