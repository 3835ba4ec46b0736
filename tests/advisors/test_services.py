"""The workflows and coverage reads of the advisors app, called as other apps and the pages call them."""

from datetime import date

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.template.loader import render_to_string
from django.utils import timezone

from advisors import services
from advisors.choices import DispatchStatus
from advisors.models import Dispatch, Engagement, PoolMember
from lawyers import services as lawyer_services
from notices.models import Notice
from tests.advisors.factories import make_dispatch, make_engagement, make_member
from tests.lawyers.factories import make_lawyer, make_person
from units.models import Unit

pytestmark = pytest.mark.django_db


def covered_units(day):
    return set(Unit.objects.filter(services.covered_without_own_lawyer(day)).values_list("name", flat=True))


# ---------------------------------------------------------------------------------------------------------
# Coverage


def test_it_counts_an_engagement_from_its_first_to_its_last_day(users, unit_a):
    make_engagement(users["officer_a"], starts_on=date(2023, 1, 1), ends_on=date(2023, 12, 31))
    assert covered_units(date(2022, 12, 31)) == set()
    assert covered_units(date(2023, 1, 1)) == {unit_a.name}
    assert covered_units(date(2023, 12, 31)) == {unit_a.name}
    assert covered_units(date(2024, 1, 1)) == set()


def test_it_stops_counting_an_engagement_from_the_day_its_early_end_takes_effect(users, unit_a):
    engagement = make_engagement(users["officer_a"])
    services.engagement_terminate(
        actor=users["officer_a"], engagement=engagement, on=date(2023, 7, 1), reason="顾问调离"
    )
    assert covered_units(date(2023, 6, 30)) == {unit_a.name}
    assert covered_units(date(2023, 7, 1)) == set()


def test_it_counts_a_dispatch_only_once_granted_and_within_its_term(users, tax_officer, tax_unit, member):
    request = services.dispatch_request(actor=tax_officer, needs="审查合同", wanted_from=date(2023, 6, 1))
    assert covered_units(date(2023, 6, 1)) == set()
    services.dispatch_grant(
        actor=users["pool"], dispatch=request, member=member, starts_on=date(2023, 6, 1), ends_on=date(2024, 5, 31)
    )
    assert covered_units(date(2023, 5, 31)) == set()
    assert covered_units(date(2023, 6, 1)) == {tax_unit.name}
    assert covered_units(date(2024, 5, 31)) == {tax_unit.name}
    assert covered_units(date(2024, 6, 1)) == set()


def test_it_lists_the_systems_whose_pool_has_a_lawyer_on_a_day(users, superior, other_superior):
    make_member(users["pool"], joined_on=date(2024, 3, 1))
    assert list(services.systems_with_pool_on(date(2024, 2, 29))) == []
    assert list(services.systems_with_pool_on(date(2024, 3, 1))) == [superior]


def test_it_sums_up_a_units_advisors_and_dispatched_lawyers_today_in_the_users_scope(users, tax_officer, member):
    today = timezone.localdate()
    make_engagement(users["officer_a"], starts_on=today, ends_on=today)
    make_engagement(users["officer_a"], name="往年顾问", starts_on=date(2020, 1, 1), ends_on=date(2020, 12, 31))
    make_dispatch(tax_officer, users["pool"], member, starts_on=today, ends_on=today)
    summary = services.unit_advisor_summary(users["officer_a"].unit, users["officer_a"])
    assert [e.advisor_name for e in summary["advisor_engagements"]] == ["王顾问"]
    assert services.unit_advisor_summary(users["officer_a"].unit, users["officer_b"])["advisor_engagements"] == []
    dispatches = services.unit_advisor_summary(tax_officer.unit, users["county"])["advisor_dispatches"]
    assert [d.member.name for d in dispatches] == ["市局律师"]
    html = render_to_string("advisors/_unit_summary.html", summary)
    assert "王顾问" in html and "往年顾问" not in html


# ---------------------------------------------------------------------------------------------------------
# Legal advisors (R1.4)


def test_it_lets_only_the_units_own_office_engage_an_advisor(users):
    engagement = Engagement(
        unit=users["officer_a"].unit,
        advisor_name="王顾问",
        advisor_kind="scholar",
        organisation="西北政法大学",
        starts_on=date(2023, 1, 1),
        ends_on=date(2023, 12, 31),
    )
    for name in ("officer_b", "county", "lawyer_a"):
        with pytest.raises(PermissionDenied):
            services.engagement_record(actor=users[name], engagement=engagement)
    assert not Engagement.objects.exists()


def test_it_refuses_an_advisor_engaged_twice_for_the_same_days_but_accepts_the_renewal(users):
    make_engagement(users["officer_a"], starts_on=date(2023, 1, 1), ends_on=date(2023, 12, 31))
    with pytest.raises(ValidationError, match="already engaged"):
        make_engagement(users["officer_a"], starts_on=date(2023, 12, 1), ends_on=date(2024, 11, 30))
    make_engagement(users["officer_a"], starts_on=date(2024, 1, 1), ends_on=date(2024, 12, 31))
    # The same advisor may serve another unit at the same time.
    make_engagement(users["officer_b"], starts_on=date(2023, 1, 1), ends_on=date(2023, 12, 31))
    assert Engagement.objects.count() == 3


def test_it_requires_a_lawyers_practice_number_and_a_term_in_order(users):
    with pytest.raises(ValidationError, match="needs the practice certificate number"):
        make_engagement(users["officer_a"], practice_number="")
    with pytest.raises(ValidationError):
        make_engagement(users["officer_a"], starts_on=date(2023, 5, 1), ends_on=date(2023, 4, 30))
    make_engagement(users["officer_a"], advisor_kind="scholar", practice_number="", organisation="西北政法大学")
    assert Engagement.objects.count() == 1


def test_it_warns_a_unit_with_qualified_staff_that_r12_still_applies(users):
    engagement = Engagement(
        unit=users["officer_a"].unit,
        advisor_name="王顾问",
        advisor_kind="scholar",
        organisation="西北政法大学",
        starts_on=date(2023, 1, 1),
        ends_on=date(2023, 12, 31),
    )
    _engagement, warnings = services.engagement_record(actor=users["officer_a"], engagement=engagement)
    assert warnings == []
    make_person(users["officer_a"], name="待申请")
    make_lawyer(users["officer_a"], users["justice"], name="已是律师")
    assert "1 qualified full-time legal staff" in services.engagement_warnings(engagement)[0]
    # A retired lawyer (the posting ended with the certificate) is not one of the unit's staff any more.
    _retired, certificate = make_lawyer(users["officer_a"], users["justice"], name="已退休")
    cancel = lawyer_services.certificate_cancel
    cancel(actor=users["justice"], certificate=certificate, on=date(2024, 6, 30), reason="retired")
    assert "1 qualified full-time legal staff" in services.engagement_warnings(engagement)[0]


def test_it_refuses_an_early_end_outside_the_term_or_without_a_reason(users):
    engagement = make_engagement(users["officer_a"])
    for on, reason in ((date(2024, 1, 1), "到期前解聘"), (date(2023, 7, 1), " ")):
        with pytest.raises(ValidationError):
            services.engagement_terminate(actor=users["officer_a"], engagement=engagement, on=on, reason=reason)
    services.engagement_terminate(actor=users["officer_a"], engagement=engagement, on=date(2023, 7, 1), reason="调离")
    with pytest.raises(ValidationError, match="already"):
        services.engagement_terminate(
            actor=users["officer_a"], engagement=engagement, on=date(2023, 8, 1), reason="调离"
        )
    with pytest.raises(PermissionDenied):
        services.engagement_terminate(actor=users["officer_b"], engagement=engagement, on=date(2023, 8, 1), reason="x")


# ---------------------------------------------------------------------------------------------------------
# The talent pool (R1.5)


def test_it_takes_a_roster_lawyers_name_workplace_and_number_from_the_records(users, roster_lawyer):
    member = services.pool_member_add(
        actor=users["pool"],
        member=PoolMember(system=users["pool"].system_organisation, person=roster_lawyer, joined_on=date(2024, 1, 1)),
    )
    assert member.name == "税律师"
    assert member.organisation == "国家税务总局城固县税务局第一税务分局"
    assert member.practice_number == roster_lawyer.certificates.get().number


def test_it_refuses_a_roster_person_of_another_system_or_without_a_certificate(users, roster_lawyer):
    outsider, _certificate = make_lawyer(users["officer_a"], users["justice"], name="县局律师")
    for person in (outsider, make_person(users["officer_branch"], name="未取证")):
        with pytest.raises(ValidationError):
            services.pool_member_add(
                actor=users["pool"],
                member=PoolMember(system=users["pool"].system_organisation, person=person, joined_on=date(2024, 1, 1)),
            )
    with pytest.raises(PermissionDenied):
        services.pool_member_add(
            actor=users["pool_other"],
            member=PoolMember(
                system=users["pool"].system_organisation, person=roster_lawyer, joined_on=date(2024, 1, 1)
            ),
        )
    assert not PoolMember.objects.exists()


def test_it_refuses_a_malformed_number_and_a_lawyer_already_in_the_pool(users, member):
    with pytest.raises(ValidationError) as raised:
        make_member(users["pool"], name="错号", number="2610720151001234")  # 16 digits, not beginning with 1
    assert list(raised.value.message_dict) == ["practice_number"]
    # A digit that disagrees (digit 10 is not 6) is a warning, not a refusal: older numbering differed.
    make_member(users["pool"], name="旧号律师", number="16107201510012345")
    with pytest.raises(ValidationError, match="already in the system's pool"):
        make_member(users["pool"], name="重复", number=member.practice_number)
    # Another system's pool may hold the same lawyer.
    make_member(users["pool_other"], name="重复", number=member.practice_number)
    assert PoolMember.objects.count() == 3


def test_it_keeps_a_lawyer_in_the_pool_while_they_still_serve_a_unit(users, tax_officer, member):
    make_dispatch(tax_officer, users["pool"], member, starts_on=date(2023, 6, 1), ends_on=date(2024, 5, 31))
    with pytest.raises(ValidationError, match="国家税务总局城固县税务局"):
        services.pool_member_leave(actor=users["pool"], member=member, on=date(2024, 1, 1))
    services.pool_member_leave(actor=users["pool"], member=member, on=date(2024, 6, 1))
    member.refresh_from_db()
    assert member.left_on == date(2024, 6, 1)


# ---------------------------------------------------------------------------------------------------------
# Dispatch (R1.5)


def test_it_sends_a_local_unit_to_the_legal_advisor_instead(users):
    with pytest.raises(ValidationError, match="legal advisor"):
        services.dispatch_request(actor=users["officer_a"], needs="审查合同", wanted_from=date(2024, 1, 1))
    assert not Dispatch.objects.exists()


def test_it_refuses_a_unit_with_public_lawyers_of_its_own(users, tax_officer):
    make_lawyer(tax_officer, users["justice"], name="本单位律师")
    with pytest.raises(ValidationError, match="of its own"):
        services.dispatch_request(actor=tax_officer, needs="审查合同", wanted_from=date(2024, 1, 1))


def test_it_keeps_one_request_waiting_per_unit_and_tells_only_its_superior(users, tax_officer):
    services.dispatch_request(actor=tax_officer, needs="审查合同", wanted_from=date(2024, 1, 1))
    with pytest.raises(ValidationError, match="already has a request"):
        services.dispatch_request(actor=tax_officer, needs="再次申请", wanted_from=date(2024, 1, 1))
    assert Dispatch.objects.count() == 1
    assert Notice.objects.filter(recipient=users["pool"], kind="dispatch_requested").count() == 1
    assert not Notice.objects.filter(recipient=users["pool_other"]).exists()


def test_it_dispatches_only_a_member_of_the_requests_own_pool(users, tax_officer, member):
    request = services.dispatch_request(actor=tax_officer, needs="审查合同", wanted_from=date(2024, 1, 1))
    stranger = make_member(users["pool_other"], name="气象律师", number="16107201960012346")
    with pytest.raises(ValidationError, match="not in this system's pool"):
        services.dispatch_grant(
            actor=users["pool"],
            dispatch=request,
            member=stranger,
            starts_on=date(2024, 1, 1),
            ends_on=date(2024, 12, 31),
        )
    with pytest.raises(ValidationError, match="not in the pool on"):
        services.dispatch_grant(
            actor=users["pool"], dispatch=request, member=member, starts_on=date(2022, 1, 1), ends_on=date(2022, 12, 31)
        )
    with pytest.raises(PermissionDenied):
        services.dispatch_grant(
            actor=users["pool_other"],
            dispatch=request,
            member=member,
            starts_on=date(2024, 1, 1),
            ends_on=date(2024, 12, 31),
        )
    request.refresh_from_db()
    assert request.status == DispatchStatus.REQUESTED and request.member is None


def test_it_tells_the_unit_and_the_dispatched_lawyer(users, tax_officer, roster_lawyer):
    member = services.pool_member_add(
        actor=users["pool"],
        member=PoolMember(system=users["pool"].system_organisation, person=roster_lawyer, joined_on=date(2024, 1, 1)),
    )
    dispatch = make_dispatch(tax_officer, users["pool"], member, starts_on=date(2024, 2, 1), ends_on=date(2024, 12, 31))
    assert dispatch.status == DispatchStatus.DISPATCHED
    assert set(Notice.objects.filter(kind="dispatch_granted").values_list("recipient__username", flat=True)) == {
        "officer_tax",
        "lawyer_tax",
    }


def test_it_needs_a_reason_to_decline(users, tax_officer):
    request = services.dispatch_request(actor=tax_officer, needs="审查合同", wanted_from=date(2024, 1, 1))
    with pytest.raises(ValidationError):
        services.dispatch_decline(actor=users["pool"], dispatch=request, note="  ")
    services.dispatch_decline(actor=users["pool"], dispatch=request, note="暂无合适人选")
    request.refresh_from_db()
    assert request.status == DispatchStatus.DECLINED
    assert Notice.objects.filter(recipient=tax_officer, kind="dispatch_declined").exists()
    with pytest.raises(ValidationError):
        services.dispatch_withdraw(actor=tax_officer, dispatch=request)


def test_it_lets_either_side_end_a_dispatch_early_and_tells_the_other(users, tax_officer, tax_unit, member):
    dispatch = make_dispatch(tax_officer, users["pool"], member)
    with pytest.raises(PermissionDenied):
        services.dispatch_terminate(actor=users["officer_a"], dispatch=dispatch, on=date(2023, 9, 1), reason="x")
    services.dispatch_terminate(actor=tax_officer, dispatch=dispatch, on=date(2023, 9, 1), reason="事项已办结")
    assert Notice.objects.filter(recipient=users["pool"], kind="dispatch_terminated").exists()
    assert covered_units(date(2023, 8, 31)) == {tax_unit.name}
    assert covered_units(date(2023, 9, 1)) == set()


def test_it_keeps_a_granted_dispatch_whole_in_the_database(users, tax_officer):
    request = services.dispatch_request(actor=tax_officer, needs="审查合同", wanted_from=date(2024, 1, 1))
    with pytest.raises(IntegrityError), transaction.atomic():
        Dispatch.objects.filter(pk=request.pk).update(status=DispatchStatus.DISPATCHED)
