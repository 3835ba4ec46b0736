"""A reorganisation (撤并/重组) in one step: a unit abolished on a day and its people moved to other units the
same day; the service, its refusals, and its page tried anonymous, by the wrong roles and by the county office."""

from datetime import date, timedelta

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from django.utils import timezone

from chenggu_lawyers.models import AuditEvent
from coverage.engine import CoverageData
from lawyers import services as lawyer_services
from lawyers.choices import ApplicationStatus
from lawyers.models import Application, Certificate, Person, Posting
from tests.conftest import make_unit
from tests.lawyers.factories import make_lawyer, make_person
from units.models import Unit
from units.services import unit_reorganise

pytestmark = pytest.mark.django_db

ON = date(2024, 7, 1)


@pytest.fixture
def unit_c(db):
    return make_unit("城固县交通运输局")


@pytest.fixture
def staff(users):
    """In unit A: a public lawyer posted since 2020, an officer put forward for a certificate, and a clerk who
    retired in 2022 (posting ended, so not moved)."""
    officer, justice = users["officer_a"], users["justice"]
    lawyer, certificate = make_lawyer(officer, justice, name="甲律师", joined_on=date(2020, 1, 1))
    applicant = make_person(officer, name="乙申请人")
    lawyer_services.application_submit(actor=officer, person=applicant, consent_on=date(2024, 5, 1))
    retired = make_person(officer, name="丙已退休", joined_on=date(2010, 1, 1))
    Posting.objects.filter(person=retired).update(ended_on=date(2022, 1, 1))
    return {"lawyer": lawyer, "certificate": certificate, "applicant": applicant, "retired": retired}


def state():
    """Everything a reorganisation changes, to show that a refused one changed nothing."""
    return (
        sorted(Posting.objects.values_list("person_id", "unit_id", "started_on", "ended_on")),
        sorted(Unit.objects.values_list("pk", "abolished_on")),
        sorted(Person.objects.values_list("pk", "unit_id")),
        sorted(Application.objects.values_list("pk", "status")),
    )


def reorganise(actor, unit, moves, on=ON, note="县委编办〔2024〕12号"):
    return unit_reorganise(actor=actor, unit=unit, on=on, moves=moves, note=note)


# --- the service ------------------------------------------------------------------------------------------


def test_it_abolishes_the_unit_and_moves_everyone_on_the_same_day(users, staff, unit_a, unit_b, unit_c):
    lawyer, applicant = staff["lawyer"], staff["applicant"]
    reorganise(users["county"], unit_a, {lawyer.pk: unit_b, applicant.pk: unit_c})
    unit_a.refresh_from_db()
    assert unit_a.abolished_on == ON
    assert list(lawyer.postings.values_list("unit_id", "started_on", "ended_on")) == [
        (unit_a.pk, date(2020, 1, 1), ON),
        (unit_b.pk, ON, None),
    ]
    assert applicant.postings.get(ended_on__isnull=True).unit == unit_c
    assert Person.objects.get(pk=lawyer.pk).unit == unit_b and Person.objects.get(pk=applicant.pk).unit == unit_c
    # The certificate follows its holder; the application unit A filed no longer speaks for the person.
    assert Certificate.objects.get(pk=staff["certificate"].pk).person_id == lawyer.pk
    assert Application.objects.get(person=applicant).status == ApplicationStatus.WITHDRAWN
    # The retired clerk stays on record where they were.
    assert Person.objects.get(pk=staff["retired"].pk).unit == unit_a
    assert staff["retired"].postings.get().ended_on == date(2022, 1, 1)
    entry = AuditEvent.objects.filter(object_type="units.unit", object_id=str(unit_a.pk), changes__has_key="note").get()
    assert entry.changes["note"] == "县委编办〔2024〕12号" and entry.actor == users["county"]


def test_the_coverage_counts_the_lawyer_in_the_old_unit_the_day_before_and_in_the_new_one_that_day(
    users, staff, unit_a, unit_b, unit_c
):
    lawyer = staff["lawyer"]
    reorganise(users["county"], unit_a, {lawyer.pk: unit_b, staff["applicant"].pk: unit_c})
    data = CoverageData.load()
    before, after = data.statuses_on(ON - timedelta(days=1)), data.statuses_on(ON)
    assert [pk for pk, _name, _number in before[unit_a.pk].lawyers] == [lawyer.pk]
    assert before[unit_b.pk].lawyers == []
    assert unit_a.pk not in after  # abolished on the day: no longer active
    assert [pk for pk, _name, _number in after[unit_b.pk].lawyers] == [lawyer.pk]


def test_it_moves_everyone_to_one_unit_of_a_merger(users, staff, unit_a, unit_b):
    reorganise(users["county"], unit_a, {staff["lawyer"].pk: unit_b, staff["applicant"].pk: unit_b})
    assert set(Person.objects.filter(unit=unit_b).values_list("name", flat=True)) == {"甲律师", "乙申请人"}


def test_it_abolishes_a_unit_nobody_works_in(users, unit_c):
    reorganise(users["county"], unit_c, {})
    unit_c.refresh_from_db()
    assert unit_c.abolished_on == ON


def test_it_refuses_when_someone_is_left_without_a_unit_and_changes_nothing(users, staff, unit_a, unit_b):
    before = state()
    with pytest.raises(ValidationError, match=staff["applicant"].name):
        reorganise(users["county"], unit_a, {staff["lawyer"].pk: unit_b})
    assert state() == before


def test_it_refuses_an_abolished_target_and_changes_nothing(users, staff, unit_a, unit_b, unit_c):
    unit_c.abolished_on = date(2024, 1, 1)
    unit_c.save()
    before = state()
    with pytest.raises(ValidationError, match=unit_c.name):
        reorganise(users["county"], unit_a, {staff["lawyer"].pk: unit_b, staff["applicant"].pk: unit_c})
    assert state() == before


def test_it_refuses_a_target_established_after_the_day_and_changes_nothing(users, staff, unit_a, unit_b):
    newer = make_unit("城固县新设局", established_on=date(2025, 1, 1))
    before = state()
    with pytest.raises(ValidationError, match=newer.name):
        reorganise(users["county"], unit_a, {staff["lawyer"].pk: unit_b, staff["applicant"].pk: newer})
    assert state() == before


def test_it_refuses_the_unit_itself_as_a_target_and_changes_nothing(users, staff, unit_a, unit_b):
    before = state()
    with pytest.raises(ValidationError):
        reorganise(users["county"], unit_a, {staff["lawyer"].pk: unit_b, staff["applicant"].pk: unit_a})
    assert state() == before


def test_it_refuses_a_day_in_the_future_and_changes_nothing(users, staff, unit_a, unit_b):
    before = state()
    moves = {staff["lawyer"].pk: unit_b, staff["applicant"].pk: unit_b}
    with pytest.raises(ValidationError):
        reorganise(users["county"], unit_a, moves, on=timezone.localdate() + timedelta(days=1))
    assert state() == before


def test_it_refuses_a_day_not_after_someone_joined_the_unit_and_changes_nothing(users, staff, unit_a, unit_b):
    newcomer = make_person(users["officer_a"], name="丁新调入", joined_on=ON)
    before = state()
    moves = {staff["lawyer"].pk: unit_b, staff["applicant"].pk: unit_b, newcomer.pk: unit_b}
    with pytest.raises(ValidationError, match=newcomer.name):
        reorganise(users["county"], unit_a, moves)
    assert state() == before


def test_it_refuses_a_day_before_someone_left_the_unit_and_changes_nothing(users, staff, unit_a, unit_b):
    # 丙 retired on 2022-01-01: the unit existed until then at least.
    before = state()
    moves = {staff["lawyer"].pk: unit_b, staff["applicant"].pk: unit_b}
    with pytest.raises(ValidationError, match=staff["retired"].name):
        reorganise(users["county"], unit_a, moves, on=date(2021, 6, 1))
    assert state() == before


def test_it_refuses_a_unit_already_abolished(users, unit_c):
    reorganise(users["county"], unit_c, {})
    with pytest.raises(ValidationError):
        reorganise(users["county"], unit_c, {}, on=ON + timedelta(days=1))


def test_it_refuses_without_a_note(users, staff, unit_a, unit_b):
    before = state()
    with pytest.raises(ValidationError):
        reorganise(users["county"], unit_a, {staff["lawyer"].pk: unit_b, staff["applicant"].pk: unit_b}, note=" ")
    assert state() == before


@pytest.mark.parametrize("name", ["justice", "officer_a", "committee_a", "bar", "pool", "sysadmin"])
def test_it_lets_only_the_county_office_reorganise(users, staff, unit_a, unit_b, name):
    before = state()
    with pytest.raises(PermissionDenied):
        reorganise(users[name], unit_a, {staff["lawyer"].pk: unit_b, staff["applicant"].pk: unit_b})
    assert state() == before


# --- the page -----------------------------------------------------------------------------------------------


def page(unit, on=None):
    url = reverse("units:unit_reorganise", args=[unit.pk])
    return f"{url}?on={on:%Y-%m-%d}" if on else url


def posted(staff, unit, **moves):
    return {"on": ON.isoformat(), "note": "县委编办〔2024〕12号", "confirm": "on", **moves}


def test_it_sends_anonymous_users_to_login(login, staff, unit_a, unit_b):
    before = state()
    for response in (login(None).get(page(unit_a)), login(None).post(page(unit_a), posted(staff, unit_a))):
        assert response.status_code == 302 and response.url.startswith(reverse("accounts:login"))
    assert state() == before


@pytest.mark.parametrize(
    "name", ["justice", "officer_a", "officer_b", "committee_a", "lawyer_a", "bar", "pool", "auditor", "sysadmin"]
)
def test_it_forbids_every_role_but_the_county_office(login, staff, unit_a, unit_b, name):
    # The unit's own officer and another unit's alike: the role is refused before the unit is looked up.
    before = state()
    assert login(name).get(page(unit_a, ON)).status_code == 403
    assert login(name).post(page(unit_a), posted(staff, unit_a, everyone=unit_b.pk)).status_code == 403
    assert state() == before


def test_it_answers_not_found_for_a_unit_that_is_not_there(login, unit_a):
    assert login("county").get(reverse("units:unit_reorganise", args=[unit_a.pk + 1000])).status_code == 404


def test_it_asks_for_the_day_then_lists_everyone_working_in_the_unit(login, staff, unit_a, unit_b, unit_c):
    client = login("county")
    first = client.get(page(unit_a))
    assert first.status_code == 200 and first.context["form"] is None and "date_form" in first.context
    response = client.get(page(unit_a, ON))
    form = response.context["form"]
    assert [person.name for person in form.people] == ["乙申请人", "甲律师"]  # the retired clerk is not moved
    assert set(form.targets) == {unit_b.pk, unit_c.pk}  # active units but the unit itself
    body = response.content.decode()
    assert f'data-person="{staff["lawyer"].pk}"' in body and f'data-person="{staff["retired"].pk}"' not in body


def test_it_reorganises_through_the_page_with_everyone_and_one_exception(login, staff, unit_a, unit_b, unit_c):
    lawyer, applicant = staff["lawyer"], staff["applicant"]
    data = posted(staff, unit_a, everyone=unit_b.pk, **{f"move_{applicant.pk}": unit_c.pk})
    response = login("county").post(page(unit_a), data)
    assert response.status_code == 302 and response.url == reverse("units:unit_detail", args=[unit_a.pk])
    unit_a.refresh_from_db()
    assert unit_a.abolished_on == ON
    assert Person.objects.get(pk=lawyer.pk).unit == unit_b and Person.objects.get(pk=applicant.pk).unit == unit_c


def test_it_reshows_the_page_with_the_refusal_and_changes_nothing(login, staff, unit_a, unit_b, english):
    before = state()
    lawyer = staff["lawyer"]
    data = posted(staff, unit_a, **{f"move_{lawyer.pk}": unit_b.pk})  # nobody chosen for 乙
    response = login("county").post(page(unit_a), data)
    body = response.content.decode()
    assert response.status_code == 200 and "no unit was chosen for 乙申请人" in body
    assert response.context["form"][f"move_{lawyer.pk}"].value() == str(unit_b.pk)  # what was chosen stays
    assert "县委编办〔2024〕12号" in body
    assert state() == before


def test_it_asks_for_the_confirmation(login, staff, unit_a, unit_b):
    before = state()
    data = posted(staff, unit_a, everyone=unit_b.pk)
    del data["confirm"]
    response = login("county").post(page(unit_a), data)
    assert response.status_code == 200 and response.context["form"].errors["confirm"]
    assert state() == before


def test_it_refuses_a_future_day_at_the_first_step(login, staff, unit_a):
    response = login("county").get(page(unit_a, timezone.localdate() + timedelta(days=1)))
    assert response.status_code == 200 and response.context["form"] is None
    assert response.context["date_form"].errors["on"]


def test_it_offers_the_reorganisation_on_the_unit_page_to_the_county_office_only(login, unit_a):
    detail = reverse("units:unit_detail", args=[unit_a.pk])
    assert page(unit_a) in login("county").get(detail).content.decode()
    for name in ("justice", "officer_a"):
        assert page(unit_a) not in login(name).get(detail).content.decode()


def test_it_no_longer_offers_it_once_the_unit_is_abolished(login, users, unit_c):
    reorganise(users["county"], unit_c, {})
    client = login("county")
    assert page(unit_c) not in client.get(reverse("units:unit_detail", args=[unit_c.pk])).content.decode()
    assert client.get(page(unit_c)).status_code == 302


def test_it_keeps_the_page_query_count_flat(login, users, staff, unit_a, unit_b, django_assert_num_queries):
    client = login("county")
    # session, user, the unit, its open postings with their people, the target units
    with django_assert_num_queries(5):
        client.get(page(unit_a, ON))
    for number in range(6):
        make_person(users["officer_a"], name=f"人员{number}")
    with django_assert_num_queries(5):
        response = client.get(page(unit_a, ON))
    assert len(response.context["form"].people) == 8
