"""The audit hooks: every create, update and delete with before and after; logins and failed logins."""

import pytest
from django.urls import reverse

from chenggu_lawyers.models import AuditEvent
from tests.conftest import PASSWORD, make_unit

pytestmark = pytest.mark.django_db


def test_it_records_create_update_and_delete_with_values(db):
    unit = make_unit("城固县测试局")
    created = AuditEvent.objects.get(action="create", object_id=str(unit.pk))
    assert created.changes["after"]["name"] == "城固县测试局"
    unit = type(unit).objects.get(pk=unit.pk)
    unit.name = "城固县测试中心"
    unit.save()
    updated = AuditEvent.objects.get(action="update", object_id=str(unit.pk))
    assert updated.changes == {"before": {"name": "城固县测试局"}, "after": {"name": "城固县测试中心"}}
    pk = unit.pk
    unit.delete()
    assert AuditEvent.objects.get(action="delete", object_id=str(pk)).changes["before"]["name"] == "城固县测试中心"


def test_it_records_no_update_when_nothing_changed(db):
    unit = make_unit("城固县测试局")
    type(unit).objects.get(pk=unit.pk).save()
    assert not AuditEvent.objects.filter(action="update").exists()


def test_it_records_the_actor_and_address_of_a_web_change(login, unit_a):
    login("county").post(
        reverse("units:unit_update", args=[unit_a.pk]),
        {"name": unit_a.name, "kind": "town", "management_mode": "local"},
        REMOTE_ADDR="10.1.2.3",
    )
    event = AuditEvent.objects.get(action="update", object_id=str(unit_a.pk))
    assert event.actor.username == "county"
    assert event.ip_address == "10.1.2.3"
    assert event.changes["after"] == {"kind": "town", "law_enforcement": False}


def test_it_records_logins_logouts_and_failures(client, users):
    client.post(reverse("accounts:login"), {"username": "county", "password": "nope"})
    client.post(reverse("accounts:login"), {"username": "county", "password": PASSWORD})
    client.post(reverse("accounts:logout"))
    actions = list(AuditEvent.objects.order_by("id").values_list("action", "outcome", "object_repr"))
    assert actions[-3:] == [
        ("login_failed", "failure", "county"),
        ("login", "success", "测county"),
        ("logout", "success", "测county"),
    ]


def test_it_records_every_export(login, unit_a):
    login("county").get(reverse("units:unit_export"), {"kind": "county_department"})
    event = AuditEvent.objects.get(action="export")
    assert event.actor.username == "county" and event.object_type == "units.unit"


def test_it_records_the_clients_address_passed_by_a_trusted_proxy(login, unit_a, settings):
    settings.TRUSTED_PROXIES = ["127.0.0.1"]
    login("county").get(reverse("units:unit_export"), REMOTE_ADDR="127.0.0.1", HTTP_X_REAL_IP="10.7.7.7")
    assert AuditEvent.objects.get(action="export").ip_address == "10.7.7.7"


def test_it_ignores_the_header_from_anybody_but_a_trusted_proxy(login, unit_a, settings):
    settings.TRUSTED_PROXIES = ["127.0.0.1"]
    login("county").get(reverse("units:unit_export"), REMOTE_ADDR="10.1.1.1", HTTP_X_REAL_IP="10.7.7.7")
    assert AuditEvent.objects.get(action="export").ip_address == "10.1.1.1"


def test_it_ignores_a_header_that_is_not_an_address(login, unit_a, settings):
    settings.TRUSTED_PROXIES = ["127.0.0.1"]
    login("county").get(reverse("units:unit_export"), REMOTE_ADDR="127.0.0.1", HTTP_X_REAL_IP="evil")
    assert AuditEvent.objects.get(action="export").ip_address == "127.0.0.1"
