"""The audit log in the reader's words: the action's label and local time in the heading, the outcome, the
object type and the extra values by their labels, field names by the fields' verbose names; the stored codes
kept beside them for searching; the object-type filter offering only what the log can hold."""

import re
from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
from django.urls import reverse

from chenggu_lawyers.audit import record
from chenggu_lawyers.models import AuditAction, AuditEvent
from tests.lawyers.factories import make_person

pytestmark = [pytest.mark.django_db, pytest.mark.urls("tests.audit.urls")]

SHANGHAI = ZoneInfo("Asia/Shanghai")


def detail(client, event) -> str:
    return client.get(reverse("audit:event_detail", args=[event.pk])).content.decode()


def at_utc_evening(event) -> AuditEvent:
    """The event moved to 23:30 UTC, which is 07:30 the next morning in the county."""
    AuditEvent.objects.filter(pk=event.pk).update(at=datetime(2026, 11, 30, 23, 30, 5, tzinfo=ZoneInfo("UTC")))
    return AuditEvent.objects.get(pk=event.pk)


def test_the_heading_shows_local_time_and_the_actions_label(login, users):
    event = at_utc_evening(record(action=AuditAction.VIEW, actor=users["county"], object_repr="审计日志"))
    assert str(event) == "2026-12-01 07:30:05 county 查看 审计日志"
    page = detail(login("auditor"), event)
    assert "<h1" in page and "2026-12-01 07:30:05 county 查看 审计日志" in page
    assert "data-at>2026-12-01 07:30:05<" in page
    assert "2026-11-30 23:30:05" not in page and " view " not in page


def test_outcome_and_object_type_show_their_labels_with_the_stored_codes_beside(login, users):
    failed = record(
        action=AuditAction.LOGIN_FAILED, object_type="accounts.user", object_repr="mallory", outcome="failure"
    )
    page = detail(login("auditor"), failed)
    assert 'data-outcome="failure">失败<' in page
    assert re.search(r'data-object-type="accounts.user">账号 <span[^>]*>accounts.user</span>', page)
    listed = login("auditor").get(reverse("audit:event_list")).content.decode()
    assert '<span title="accounts.user">账号</span>' in listed and ">失败<" in listed
    assert ">failure<" not in listed and ">success<" not in listed


def test_field_names_show_as_the_models_verbose_names(login, users):
    person = make_person(users["officer_a"], name="审计甲", legal_work_years=3)
    person.legal_work_years = 4
    person.save()
    update = AuditEvent.objects.filter(action=AuditAction.UPDATE, object_type="lawyers.person").latest("id")
    page = detail(login("auditor"), update)
    assert 'title="legal_work_years">从事法律工作年限</td>' in page
    assert ">legal_work_years<" not in page


def test_extra_values_show_translated_keys_and_known_values(login, users, english):
    export = record(
        action=AuditAction.EXPORT,
        actor=users["county"],
        object_type="lawyers.person",
        object_repr="People",
        changes={"filters": "Unit: A", "personal_data": "masked"},
    )
    reveal = record(
        action=AuditAction.REVEAL,
        actor=users["county"],
        object_type="lawyers.person",
        object_repr="People",
        changes={"fields": ["id_number", "phone"], "export": "Unit: A"},
    )
    reset = record(
        action=AuditAction.UPDATE,
        obj=users["county"],
        changes={"two_factor": ["enrolled", "reset"], "sessions_ended": 2},
    )
    client = login("auditor")
    page = detail(client, export)
    assert '<dt class="col-sm-4" title="filters">Filters</dt>' in page and "Unit: A" in page
    assert 'title="personal_data">Personal data</dt><dd class="col-sm-8" data-extra="personal_data">Masked<' in page
    page = detail(client, reveal)
    assert 'title="fields">Fields</dt><dd class="col-sm-8" data-extra="fields">ID number, Phone<' in page
    assert 'title="export">Export filters</dt>' in page
    page = detail(client, reset)
    assert 'data-extra="two_factor">Enrolled → Reset<' in page
    assert 'title="sessions_ended">Sessions ended</dt><dd class="col-sm-8" data-extra="sessions_ended">2<' in page
    assert 'data-object-type="accounts.user">Account <span' in page


def test_a_read_of_the_list_shows_what_was_read_in_chinese(login, users):
    client = login("auditor")
    client.get(reverse("audit:event_list"), {"action": "update"})
    read = AuditEvent.objects.filter(actor=users["auditor"], action=AuditAction.VIEW).latest("id")
    page = detail(client, read)
    assert 'title="view">查看的页面</dt><dd class="col-sm-8" data-extra="view">日志列表<' in page
    # The filters as the reader chose them, stored as text when the list was read.
    assert re.search(r'title="filters">筛选条件</dt><dd class="col-sm-8" data-extra="filters">操作：更新<', page)
    assert 'data-object-type="chenggu_lawyers.auditevent">审计事件 <span' in page


def test_the_object_type_filter_offers_the_logs_types_by_name_and_no_third_party_models(login):
    form = login("auditor").get(reverse("audit:event_list")).context["filter"].form
    choices = dict(form.fields["object_type"].choices)
    assert choices["lawyers.person"] == "人员"
    assert choices["accounts.user"] == "账号"
    assert choices["coverage.dashboard"] == "覆盖情况看板"
    for label in (
        "axes.accessattempt",
        "otp_totp.totpdevice",
        "sessions.session",
        "auth.group",
        "contenttypes.contenttype",
    ):
        assert label not in choices
    assert not any("(" in str(name) for name in choices.values())


def test_the_time_zone_of_the_heading_is_the_countys(users):
    event = at_utc_evening(record(action=AuditAction.LOGIN, actor=users["county"], obj=users["county"]))
    assert event.at.astimezone(SHANGHAI).hour == 7
    assert str(event).startswith("2026-12-01 07:30:05 county 登录")
