"""Discipline notices (R4.4): the unit reports, both sides are notified and acknowledge, late ones show."""

from datetime import date, timedelta

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from discipline import services
from discipline.models import Acknowledgement, DisciplinaryAction
from notices.models import Notice
from tests.lawyers.factories import make_lawyer, make_person

pytestmark = pytest.mark.django_db

LIST = reverse("discipline:action_list")
FORM = {
    "kind": "government_sanction",
    "measure": "记过",
    "authority": "城固县纪委监委",
    "decided_on": "2025-03-01",
    "summary": "违反工作纪律。",
}


@pytest.fixture
def lawyer(users):
    users["justice"].email = "sfj@example.gov.cn"
    users["justice"].save()
    return make_lawyer(users["officer_a"], users["justice"], name="甲律师")[0]


def report(users, person, **overrides):
    data = {**FORM, "decided_on": date(2025, 3, 1), **overrides}
    return services.discipline_record(actor=users["officer_a"], person=person, **data)


def test_it_reports_through_the_person_page_and_notifies_both_sides(
    login, users, lawyer, mailoutbox, django_capture_on_commit_callbacks
):
    url = reverse("discipline:action_record", args=[lawyer.pk])
    with django_capture_on_commit_callbacks(execute=True):
        response = login("officer_a").post(url, FORM)
    action = DisciplinaryAction.objects.get()
    assert response.url == action.get_absolute_url()
    assert set(action.acknowledgements.values_list("side", flat=True)) == {"justice_bureau", "bar_association"}
    assert set(Notice.objects.filter(kind="discipline").values_list("recipient__username", flat=True)) == {
        "justice",
        "bar",
    }
    assert [mail.to for mail in mailoutbox] == [["sfj@example.gov.cn"]]


def test_it_keeps_reporting_to_the_lawyers_own_unit(login, users, lawyer):
    url = reverse("discipline:action_record", args=[lawyer.pk])
    assert login(None).get(url).status_code == 302
    assert login("officer_b").post(url, FORM).status_code == 404
    for name in ("justice", "bar", "county", "lawyer_a"):
        assert login(name).post(url, FORM).status_code == 403
    assert not DisciplinaryAction.objects.exists()


def test_it_refuses_a_person_who_never_was_a_public_lawyer_or_a_future_date(users, lawyer):
    clerk = make_person(users["officer_a"], name="乙")
    with pytest.raises(ValidationError):
        report(users, clerk)
    with pytest.raises(ValidationError):
        report(users, lawyer, decided_on=date.today() + timedelta(days=1))
    assert not DisciplinaryAction.objects.exists() and not Notice.objects.filter(kind="discipline").exists()


def test_it_records_each_sides_acknowledgement_once(login, users, lawyer):
    action = report(users, lawyer)
    url = reverse("discipline:action_acknowledge", args=[action.pk])
    assert login("officer_a").post(url).status_code == 403
    assert login("county").post(url).status_code == 403
    login("justice").post(url)
    login("justice").post(url)  # a second click changes nothing
    justice_side = action.acknowledgements.get(side="justice_bureau")
    assert justice_side.acknowledged_by.username == "justice"
    assert action.acknowledgements.get(side="bar_association").acknowledged_at is None
    with pytest.raises(ValidationError):
        services.discipline_acknowledge(actor=users["justice"], action=action)
    with pytest.raises(PermissionDenied):
        services.discipline_acknowledge(actor=users["officer_a"], action=action)


def test_it_shows_unacknowledged_notices_as_overdue_after_five_working_days(login, users, lawyer):
    action = report(users, lawyer)
    acknowledgement = action.acknowledgements.get(side="bar_association")
    assert acknowledgement.due_on > date.today()
    assert names(login("bar").get(LIST, {"overdue": "true"})) == set()
    Acknowledgement.objects.filter(pk=acknowledgement.pk).update(due_on=date.today() - timedelta(days=1))
    assert names(login("bar").get(LIST, {"overdue": "true"})) == {"甲律师"}
    # The justice bureau's own side is not late, so its overdue list stays empty.
    assert names(login("justice").get(LIST, {"overdue": "true"})) == set()
    page = login("bar").get(action.get_absolute_url()).content.decode()
    assert 'data-side="bar_association" data-acknowledged="no"' in page


def names(response):
    return {row.record.person.name for row in response.context["table"].page.object_list}


def test_it_scopes_the_list(login, users, lawyer):
    report(users, lawyer)
    other = make_lawyer(users["officer_b"], users["justice"], name="丙律师")[0]
    services.discipline_record(actor=users["officer_b"], person=other, **{**FORM, "decided_on": date(2025, 3, 1)})
    assert names(login("officer_a").get(LIST)) == {"甲律师"}
    assert names(login("bar").get(LIST)) == {"甲律师", "丙律师"}
    assert names(login("county").get(LIST)) == {"甲律师", "丙律师"}
    for name in ("auditor", "sysadmin", "lawyer_a", "pool"):
        assert login(name).get(LIST).status_code == 403
    action = DisciplinaryAction.objects.get(person=other)
    assert login("officer_a").get(action.get_absolute_url()).status_code == 404


def test_it_keeps_the_list_query_count_flat(login, users, lawyer, django_assert_num_queries):
    report(users, lawyer)
    client = login("bar")
    # session, user, count, the page with people, units and the pending/overdue flags
    with django_assert_num_queries(4):
        client.get(LIST)
    for _number in range(4):
        report(users, lawyer)
    with django_assert_num_queries(4):
        client.get(LIST)


def test_it_pins_the_detail_query_count(login, users, lawyer, django_assert_num_queries):
    action = report(users, lawyer)
    client = login("justice")
    # session, user, the action with person, unit and recorder, the acknowledgements with their authors
    with django_assert_num_queries(4):
        client.get(action.get_absolute_url())


def test_acknowledging_reads_the_notice_for_the_whole_side(users, login):
    """Once one clerk of a side acknowledges, the bell notice asking that side to acknowledge is read."""
    from discipline.services import SIDE_OF_ROLE

    lawyer, _certificate = make_lawyer(users["officer_a"], users["justice"], name="戊律师")
    action = services.discipline_record(
        actor=users["officer_a"], person=lawyer, kind="government_sanction", measure="警告",
        authority="城固县纪委监委", decided_on=date(2025, 3, 1), summary="违反工作纪律",
    )  # fmt: skip
    acknowledger = next(user for user in users.values() if user.role in SIDE_OF_ROLE)
    side = SIDE_OF_ROLE[acknowledger.role]
    services.discipline_acknowledge(actor=acknowledger, action=action)
    notices = Notice.objects.filter(kind="discipline", url=action.get_absolute_url())
    same_side = [role for role, s in SIDE_OF_ROLE.items() if s == side]
    assert notices.filter(recipient__role__in=same_side, read_at__isnull=True).count() == 0
    assert notices.exclude(recipient__role__in=same_side).filter(read_at__isnull=True).exists()
