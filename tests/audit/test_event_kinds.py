"""Every kind of audit event, written by what a user does in the portal, with actor, time, source address,
outcome and the object or values it concerns."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from chenggu_lawyers.models import AuditAction, AuditEvent
from lawyers.models import Person
from tests.conftest import PASSWORD
from tests.lawyers.factories import id_number, make_person
from tests.training.conftest import make_event
from tests.training.conftest import people as people  # noqa: F401 - the fixture
from training.models import Attendance

pytestmark = pytest.mark.django_db

ADDRESS = "10.20.30.40"


def latest(action, **filters) -> AuditEvent:
    event = AuditEvent.objects.filter(action=action, **filters).latest("id")
    assert event.at > timezone.now() - timedelta(minutes=1)
    return event


def test_create_update_and_delete_carry_their_values_actor_and_address(login, users, people):
    client = login("officer_a")
    number = id_number()
    client.post(
        reverse("lawyers:person_create"),
        {"name": "审计甲", "id_number": number, "legal_work_years": 3, "judicial_years": 0},
        REMOTE_ADDR=ADDRESS,
    )
    person = Person.objects.with_id_numbers([number]).get()
    created = latest(AuditAction.CREATE, object_type="lawyers.person", object_id=str(person.pk))
    assert (created.actor, created.ip_address, created.outcome) == (users["officer_a"], ADDRESS, "success")
    assert created.changes["after"]["name"] == "审计甲"
    # Personal data enters masked, with a fingerprint.
    assert created.changes["after"]["id_number"].startswith(f"{person.masked_id_number} #")
    assert person.id_number not in str(created.changes)

    client.post(
        reverse("lawyers:person_update", args=[person.pk]),
        {"name": "审计乙", "legal_work_years": 4, "judicial_years": 0},
        REMOTE_ADDR=ADDRESS,
    )
    updated = latest(AuditAction.UPDATE, object_type="lawyers.person", object_id=str(person.pk))
    assert updated.changes == {
        "before": {"name": "审计甲", "legal_work_years": 3},
        "after": {"name": "审计乙", "legal_work_years": 4},
    }
    assert updated.ip_address == ADDRESS

    event = make_event("审计培训", held_on=timezone.localdate() - timedelta(days=3))
    justice = login("justice")
    attendees = reverse("training:event_attendees", args=[event.pk])
    justice.post(attendees, {"people": [people["x"].pk, people["y"].pk]})
    removed = Attendance.objects.get(event=event, person=people["y"])
    justice.post(attendees, {"people": [people["x"].pk]}, REMOTE_ADDR=ADDRESS)
    deleted = latest(AuditAction.DELETE, object_type="training.attendance", object_id=str(removed.pk))
    assert deleted.actor == users["justice"] and deleted.ip_address == ADDRESS
    assert deleted.changes["before"]["person_id"] == people["y"].pk


def test_logins_logouts_and_failures_carry_the_account_and_address(client, users):
    login_url = reverse("accounts:login")
    client.post(login_url, {"username": "officer_a", "password": "wrong"}, REMOTE_ADDR=ADDRESS)
    failed = latest(AuditAction.LOGIN_FAILED)
    assert (failed.object_repr, failed.outcome, failed.ip_address) == ("officer_a", "failure", ADDRESS)
    client.post(login_url, {"username": "officer_a", "password": PASSWORD}, REMOTE_ADDR=ADDRESS)
    logged_in = latest(AuditAction.LOGIN)
    assert (logged_in.actor, logged_in.ip_address, logged_in.outcome) == (users["officer_a"], ADDRESS, "success")
    client.post(reverse("accounts:logout"), REMOTE_ADDR=ADDRESS)
    assert latest(AuditAction.LOGOUT).actor == users["officer_a"]


def test_an_import_records_the_file_and_its_counts_and_a_refused_one_its_failure(login, users):
    from tests.lawyers.test_person_import import confirm, preview, template, xlsx_from_template

    client = login("officer_a")
    sheet_file = template(client)
    bad = sheet_file.good_rows()
    bad[1][1] = "男女"
    confirm(client, preview(client, xlsx_from_template(sheet_file.content, bad)))
    refused = latest(AuditAction.IMPORT)
    assert refused.outcome == "failure" and refused.changes["rows_refused"] == 1
    assert not Person.objects.exists()
    good = sheet_file.good_rows()
    response = preview(client, xlsx_from_template(sheet_file.content, good), name="花名册.xlsx")
    client.post(reverse("lawyers:person_import"), {"token": response.context["token"]}, REMOTE_ADDR=ADDRESS)
    imported = latest(AuditAction.IMPORT, outcome="success")
    assert imported.actor == users["officer_a"] and imported.ip_address == ADDRESS
    assert imported.object_type == "lawyers.person" and imported.object_repr == "花名册.xlsx"
    assert imported.changes == {"created": 2, "updated": 0}


def test_an_export_a_view_of_the_log_and_a_reveal_are_each_recorded(login, users):
    person = make_person(users["officer_a"], name="审计丙", phone="13911112222")
    login("county").get(reverse("lawyers:person_export"), REMOTE_ADDR=ADDRESS)
    exported = latest(AuditAction.EXPORT, object_type="lawyers.person")
    assert exported.actor == users["county"] and exported.ip_address == ADDRESS
    assert exported.changes["personal_data"] == "masked"

    login("auditor").get(reverse("audit:event_list"), REMOTE_ADDR=ADDRESS)
    viewed = latest(AuditAction.VIEW)
    assert viewed.actor == users["auditor"] and viewed.changes["view"] == "list"

    login("justice").post(reverse("lawyers:person_reveal", args=[person.pk]), REMOTE_ADDR=ADDRESS)
    revealed = latest(AuditAction.REVEAL, object_id=str(person.pk))
    assert revealed.actor == users["justice"] and revealed.ip_address == ADDRESS
    assert revealed.changes == {"fields": ["id_number", "phone"]}


def test_every_kind_of_event_is_covered_here():
    covered = {"create", "update", "delete", "login", "logout", "login_failed", "export", "import", "view", "reveal"}
    assert {choice.value for choice in AuditAction} == covered
