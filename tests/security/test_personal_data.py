"""ID and phone numbers: encrypted at rest, masked on pages, exports, forms and the audit log, revealed only
by the roles that may, each reveal recorded; the keys rotate."""

import base64
import os
from io import BytesIO

import pytest
from django.core.management import call_command
from django.db import connection
from django.test import override_settings
from django.urls import reverse
from openpyxl import load_workbook

from chenggu_lawyers.models import AuditAction, AuditEvent
from lawyers.models import Person
from tests.advisors.factories import make_engagement
from tests.lawyers.factories import make_lawyer, make_person

pytestmark = pytest.mark.django_db

PHONE = "13912345678"


@pytest.fixture
def person(users):
    return make_person(users["officer_a"], name="张密文", phone=PHONE)


def raw_row(table, columns, pk):
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT {', '.join(columns)} FROM {table} WHERE id = %s", [pk])
        return cursor.fetchone()


def reveal_url(person):
    return reverse("lawyers:person_reveal", args=[person.pk])


def exported_text(response) -> str:
    workbook = load_workbook(BytesIO(b"".join(response.streaming_content)))
    return " ".join(str(cell) for row in workbook.active.iter_rows(values_only=True) for cell in row if cell)


def test_the_database_holds_no_number_in_the_clear(person):
    id_column, phone_column, digest = raw_row("lawyers_person", ["id_number", "phone", "id_number_digest"], person.pk)
    for stored, plain in ((id_column, person.id_number), (phone_column, PHONE)):
        assert stored.startswith("gAAAAA") and plain not in stored
    assert person.id_number not in digest and len(digest) == 64
    assert Person.objects.get(pk=person.pk).id_number == person.id_number


def test_it_finds_and_keeps_unique_an_id_number_through_its_digest(login, person):
    assert list(Person.objects.with_id_numbers([person.id_number.lower()])) == [person]
    response = login("officer_a").post(
        reverse("lawyers:person_create"), {"name": "李重复", "id_number": person.id_number, "legal_work_years": 1}
    )
    assert "该身份证号对应的人员已登记" in response.content.decode()
    assert Person.objects.count() == 1


def test_the_people_list_finds_a_person_by_a_whole_id_number(login, person):
    listing = login("officer_a").get(reverse("lawyers:person_list"), {"q": person.id_number.lower()})
    assert [row.record for row in listing.context["table"].page.object_list] == [person]
    partial = login("officer_a").get(reverse("lawyers:person_list"), {"q": person.id_number[:10]})
    assert not list(partial.context["table"].page.object_list)


def test_the_person_page_offers_the_reveal_only_to_roles_that_may(login, users, person):
    assert reveal_url(person) in login("officer_a").get(person.get_absolute_url()).content.decode()
    assert reveal_url(person) in login("justice").get(person.get_absolute_url()).content.decode()
    assert reveal_url(person) not in login("county").get(person.get_absolute_url()).content.decode()


def test_revealing_shows_the_whole_numbers_and_is_recorded(login, users, person):
    response = login("officer_a").post(reveal_url(person))
    page = response.content.decode()
    assert response.status_code == 200
    assert person.id_number in page and PHONE in page and f"{person.birth_date:%Y-%m-%d}" in page
    assert "no-store" in response["Cache-Control"]
    event = AuditEvent.objects.filter(action=AuditAction.REVEAL).get()
    assert event.actor == users["officer_a"] and event.object_id == str(person.pk)
    assert event.changes == {"fields": ["id_number", "phone"]} and event.ip_address == "127.0.0.1"


@pytest.mark.parametrize(
    "name,status", [(None, 302), ("county", 403), ("committee_a", 403), ("officer_b", 404), ("lawyer_a", 404)]
)
def test_revealing_is_refused_to_others(login, person, name, status):
    response = login(name).post(reveal_url(person))
    assert response.status_code == status
    assert person.id_number not in response.content.decode()
    assert not AuditEvent.objects.filter(action=AuditAction.REVEAL).exists()


def test_a_reveal_is_never_a_link(login, person):
    assert login("officer_a").get(reveal_url(person)).status_code == 405


def test_a_public_lawyer_reveals_their_own_numbers(login, users):
    own, _certificate = make_lawyer(users["officer_a"], users["justice"], name="自己")
    users["lawyer_a"].person = own
    users["lawyer_a"].save()
    response = login("lawyer_a").post(reveal_url(own))
    assert response.status_code == 200 and own.id_number in response.content.decode()


def test_exports_mask_by_default_and_reveal_on_request_with_a_record(login, users, person):
    export = reverse("lawyers:person_export")
    officer = login("officer_a")
    masked = exported_text(officer.get(export))
    assert person.masked_id_number in masked and person.id_number not in masked
    assert not AuditEvent.objects.filter(action=AuditAction.REVEAL).exists()
    whole = exported_text(officer.get(export, {"reveal": "1"}))
    assert person.id_number in whole
    event = AuditEvent.objects.filter(action=AuditAction.REVEAL).get()
    assert event.object_type == "lawyers.person" and event.changes["fields"] == ["id_number", "phone"]
    assert AuditEvent.objects.filter(action=AuditAction.EXPORT).latest("id").changes["personal_data"] == "whole"


def test_the_list_offers_the_whole_export_only_to_roles_that_may(login, person):
    assert "reveal=1" in login("officer_a").get(reverse("lawyers:person_list")).content.decode()
    assert "reveal=1" not in login("county").get(reverse("lawyers:person_list")).content.decode()


def test_a_whole_export_is_refused_to_roles_that_may_not(login, person):
    response = login("county").get(reverse("lawyers:person_export"), {"reveal": "1"})
    assert response.status_code == 403
    assert not AuditEvent.objects.filter(action__in=[AuditAction.REVEAL, AuditAction.EXPORT]).exists()


def test_the_edit_form_does_not_show_the_numbers_and_keeps_them_when_left_empty(login, person):
    url = reverse("lawyers:person_update", args=[person.pk])
    client = login("officer_a")
    form_page = client.get(url).content.decode()
    assert person.id_number not in form_page and PHONE not in form_page
    assert person.masked_id_number in form_page and "留空则保持不变" in form_page
    typed = {"name": "张改名", "id_number": "", "phone": "", "legal_work_years": 6, "judicial_years": 0}
    response = client.post(url, typed)
    assert response.status_code == 302
    person.refresh_from_db()
    assert person.name == "张改名" and person.phone == PHONE and person.legal_work_years == 6


def test_the_edit_form_changes_a_number_typed_anew(login, person):
    url = reverse("lawyers:person_update", args=[person.pk])
    typed = {"name": person.name, "phone": "13900005678", "legal_work_years": 5, "judicial_years": 0}
    response = login("officer_a").post(url, typed)
    assert response.status_code == 302
    person.refresh_from_db()
    assert person.phone == "13900005678"
    # The mask of the new number equals the old one's; the fingerprint still shows the change.
    event = AuditEvent.objects.filter(
        action=AuditAction.UPDATE, object_type="lawyers.person", object_id=str(person.pk)
    ).latest("id")
    before, after = event.changes["before"]["phone"], event.changes["after"]["phone"]
    assert before.startswith("139****5678 #") and after.startswith("139****5678 #") and before != after
    assert PHONE not in str(event.changes) and "13900005678" not in str(event.changes)


def test_an_advisors_phone_is_masked_and_revealed_by_its_unit_office(login, users):
    engagement = make_engagement(users["officer_a"], phone=PHONE)
    detail = login("county").get(engagement.get_absolute_url()).content.decode()
    assert PHONE not in detail and "139****5678" in detail
    exported = exported_text(login("county").get(reverse("advisors:engagement_export")))
    assert PHONE not in exported and "139****5678" in exported
    url = reverse("advisors:engagement_reveal", args=[engagement.pk])
    assert url in login("officer_a").get(engagement.get_absolute_url()).content.decode()
    assert login("county").post(url).status_code == 403
    assert login("officer_b").post(url).status_code == 404
    assert PHONE in login("officer_a").post(url).content.decode()


def fernet_key() -> str:
    return base64.urlsafe_b64encode(os.urandom(32)).decode()


def test_the_keys_rotate_without_losing_a_number(settings, person, capsys):
    old_keys = list(settings.PERSONAL_DATA_KEYS)
    new_key = fernet_key()
    with override_settings(PERSONAL_DATA_KEYS=[new_key, *old_keys]):
        call_command("rotate_personal_data_keys", "--check")
        assert "lawyers.Person: 2 values not under the first key" in capsys.readouterr().out
        call_command("rotate_personal_data_keys")
        call_command("rotate_personal_data_keys", "--check")
        assert "Stale values: 0" in capsys.readouterr().out
    with override_settings(PERSONAL_DATA_KEYS=[new_key]):
        rotated = Person.objects.get(pk=person.pk)
        assert rotated.id_number == person.id_number and rotated.phone == PHONE
    assert AuditEvent.objects.filter(object_type="personal_data_keys").exists()


def test_a_missing_key_is_a_clear_error_not_garbage(person):
    from django.core.exceptions import ImproperlyConfigured

    with override_settings(PERSONAL_DATA_KEYS=[fernet_key()]), pytest.raises(ImproperlyConfigured, match="key"):
        Person.objects.get(pk=person.pk)
