"""Every workflow step, allowed and refused, and the as-of-date answer across transfers and endings."""

from datetime import date

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from lawyers import services
from lawyers.choices import ApplicationStatus, CertificateStatus
from lawyers.eligibility import RULES, checklist, is_eligible
from lawyers.models import Application, Certificate, Person
from tests.lawyers.factories import make_lawyer, make_person, practice_number

pytestmark = pytest.mark.django_db


@pytest.fixture
def officer(users):
    return users["officer_a"]


@pytest.fixture
def justice(users):
    return users["justice"]


def submit(officer, person, **kwargs):
    return services.application_submit(actor=officer, person=person, consent_on=date(2023, 1, 10), **kwargs)


# --- eligibility ------------------------------------------------------------------------------------------


def test_it_lists_each_unmet_eligibility_item_with_its_reason(officer):
    person = make_person(
        officer,
        legal_qualification_class="",
        legal_qualification_number="",
        legal_work_years=1,
        last_annual_grade="incompetent",
    )
    unmet = {item.code: str(item.reason) for item in checklist(person) if not item.met}
    assert set(unmet) == {"qualification", "experience", "annual_grade"}
    assert not is_eligible(person)


def test_it_accepts_one_year_as_judge_prosecutor_or_lawyer(officer):
    assert is_eligible(make_person(officer, legal_work_years=0, judicial_years=1))


@pytest.mark.parametrize("rule", RULES, ids=lambda rule: rule.code)
def test_it_gives_the_same_answer_in_lists_and_on_the_checklist(officer, justice, rule):
    people = [
        make_person(officer, name="合格"),
        make_person(officer, name="无资格", legal_qualification_class="", legal_qualification_number=""),
        make_person(
            officer,
            name="律师资格",
            legal_qualification_class="",
            legal_qualification_number="",
            lawyer_qualification_number="1996610001",
        ),
        make_person(officer, name="年限不足", legal_work_years=1, judicial_years=0),
        make_person(officer, name="不称职", last_annual_grade="incompetent"),
        make_person(officer, name="受调查", under_investigation=True),
        make_person(officer, name="吊销", licence_revoked=True),
        make_person(officer, name="失信", credit_punished=True),
        make_person(officer, name="无行为能力", lacks_civil_capacity=True),
        suspended_lawyer(officer, justice, "暂停中", reinstate=False),
        suspended_lawyer(officer, justice, "已恢复", reinstate=True),
    ]
    today = timezone.localdate()
    matched = set(Person.objects.filter(rule.q(today)).values_list("pk", flat=True))
    people = Person.objects.prefetch_related("certificates__suspensions").filter(pk__in=[p.pk for p in people])
    assert matched == {person.pk for person in people if rule.check(person, today)}
    # The list filter "eligible: no" is the complement of "eligible: yes", suspended people included.
    eligible = set(Person.objects.eligible().values_list("pk", flat=True))
    assert eligible == {person.pk for person in people if is_eligible(person)}


def suspended_lawyer(officer, justice, name, *, reinstate):
    person, certificate = make_lawyer(officer, justice, name=name)
    on = date(2024, 9, 1)
    services.certificate_suspend(actor=justice, certificate=certificate, on=on, reason="涉嫌违纪，正在调查")
    if reinstate:
        services.certificate_reinstate(actor=justice, certificate=certificate, on=date(2024, 12, 1))
    return person


def test_it_flags_a_current_suspension_under_the_investigation_rule_with_its_reason(officer, justice, english):
    person = suspended_lawyer(officer, justice, "暂停中", reinstate=False)
    item = next(item for item in checklist(person) if item.code == "investigation")
    assert not item.met
    assert "suspended since 2024-09-01 (涉嫌违纪，正在调查)" in str(item.reason)
    assert not is_eligible(person)
    assert is_eligible(suspended_lawyer(officer, justice, "已恢复", reinstate=True))


# --- applications ------------------------------------------------------------------------------------------


def test_it_refuses_to_put_forward_an_ineligible_person(officer):
    person = make_person(officer, under_investigation=True)
    with pytest.raises(ValidationError) as error:
        submit(officer, person)
    assert "调查" in str(error.value)
    assert not Application.objects.exists()


def test_it_lets_only_the_persons_own_unit_apply(officer, users):
    person = make_person(officer)
    for other in ("officer_b", "justice", "county"):
        with pytest.raises(PermissionDenied):
            submit(users[other], person)


def test_it_refuses_a_second_open_application(officer):
    person = make_person(officer)
    submit(officer, person)
    with pytest.raises(ValidationError):
        submit(officer, person)
    assert Application.objects.count() == 1


def test_it_runs_submit_return_resubmit_approve_certify(officer, justice):
    person = make_person(officer)
    application = submit(officer, person, note="经单位党组研究同意")
    with pytest.raises(ValidationError):
        services.application_review(actor=justice, application=application, decision="return", comment="")
    services.application_review(actor=justice, application=application, decision="return", comment="请补充材料")
    with pytest.raises(ValidationError):
        services.application_review(actor=justice, application=application, decision="approve")
    services.application_resubmit(actor=officer, application=application, comment="已补充")
    services.application_review(actor=justice, application=application, decision="approve")
    certificate, warnings = services.certificate_record(
        actor=justice,
        application=application,
        number=practice_number("M", 2023),
        issued_on=date(2023, 3, 1),
        issuer="陕西省司法厅",
    )
    application.refresh_from_db()
    assert application.status == ApplicationStatus.CERTIFIED
    assert certificate.status == CertificateStatus.ACTIVE and warnings == []
    steps = list(application.steps.values_list("action", "actor__username", "comment"))
    assert steps == [
        ("submit", "officer_a", "经单位党组研究同意"),
        ("return", "justice", "请补充材料"),
        ("resubmit", "officer_a", "已补充"),
        ("approve", "justice", ""),
        ("certify", "justice", steps[-1][2]),
    ]


def test_it_lets_only_the_justice_bureau_review(officer, users):
    application = submit(officer, make_person(officer))
    for name in ("officer_a", "county", "bar"):
        with pytest.raises(PermissionDenied):
            services.application_review(actor=users[name], application=application, decision="approve")


def test_it_rejects_for_good(officer, justice):
    application = submit(officer, make_person(officer))
    services.application_review(actor=justice, application=application, decision="reject", comment="不符合条件")
    with pytest.raises(ValidationError):
        services.application_resubmit(actor=officer, application=application)


def test_it_refuses_a_certificate_with_a_wrong_number_or_impossible_dates(officer, justice):
    person = make_person(officer, sex="F", legal_qualification_year=2020)
    application = submit(officer, person)
    services.application_review(actor=justice, application=application, decision="approve")
    cases = [
        ("1610720236101234", date(2023, 3, 1)),  # 16 digits
        (practice_number("F", 2019), date(2019, 6, 1)),  # before the holder qualified in 2020
        (practice_number("F", 2022), date(2022, 12, 1)),  # before the unit consented on 2023-01-10
    ]
    for number, issued_on in cases:
        with pytest.raises(ValidationError):
            services.certificate_record(
                actor=justice, application=application, number=number, issued_on=issued_on, issuer="陕西省司法厅"
            )
    assert not Certificate.objects.exists()
    application.refresh_from_db()
    assert application.status == ApplicationStatus.APPROVED


def test_it_records_a_certificate_whose_digits_disagree_with_warnings(officer, justice):
    # The number is the one printed on the certificate: a sex or category digit that disagrees is a warning
    # for the clerk to verify, not a refusal (DOMAIN.md).
    person = make_person(officer, sex="F")
    application = submit(officer, person)
    services.application_review(actor=justice, application=application, decision="approve")
    number = "16107202310012345"  # category 1, sex digit 0
    certificate, warnings = services.certificate_record(
        actor=justice, application=application, number=number, issued_on=date(2023, 3, 1), issuer="陕西省司法厅"
    )
    assert certificate.number == number and len(warnings) == 2


def test_it_refuses_a_second_certificate_in_force(officer, justice):
    person, _certificate = make_lawyer(officer, justice)
    with pytest.raises(ValidationError):
        submit(officer, person)


# --- the certificate's life ---------------------------------------------------------------------------------


def test_it_suspends_reinstates_and_cancels(officer, justice):
    _person, certificate = make_lawyer(officer, justice)
    services.certificate_suspend(actor=justice, certificate=certificate, on=date(2024, 1, 1), reason="涉嫌违纪")
    with pytest.raises(ValidationError):
        services.certificate_suspend(actor=justice, certificate=certificate, on=date(2024, 2, 1), reason="再次")
    with pytest.raises(ValidationError):
        services.certificate_reinstate(actor=justice, certificate=certificate, on=date(2023, 12, 1))
    services.certificate_reinstate(actor=justice, certificate=certificate, on=date(2024, 3, 1))
    with pytest.raises(ValidationError):
        services.certificate_cancel(actor=justice, certificate=certificate, on=date(2024, 5, 1), reason="whim")
    services.certificate_cancel(actor=justice, certificate=certificate, on=date(2024, 5, 1), reason="retired")
    certificate.refresh_from_db()
    assert certificate.status == CertificateStatus.CANCELLED and certificate.ended_on == date(2024, 5, 1)
    with pytest.raises(ValidationError):
        services.certificate_revoke(actor=justice, certificate=certificate, on=date(2024, 6, 1), note="违法")


def test_it_refuses_an_ending_before_the_issue_date(officer, justice):
    _person, certificate = make_lawyer(officer, justice, issued_on=date(2023, 3, 1))
    with pytest.raises(ValidationError) as error:
        services.certificate_cancel(actor=justice, certificate=certificate, on=date(2023, 2, 1), reason="retired")
    assert "2023-03-01" in str(error.value)
    certificate.refresh_from_db()
    assert certificate.status == CertificateStatus.ACTIVE


def test_it_revokes_with_the_misconduct_recorded(officer, justice):
    _person, certificate = make_lawyer(officer, justice)
    with pytest.raises(ValidationError):
        services.certificate_revoke(actor=justice, certificate=certificate, on=date(2024, 1, 1), note=" ")
    services.certificate_revoke(actor=justice, certificate=certificate, on=date(2024, 1, 1), note="泄露秘密")
    certificate.refresh_from_db()
    assert certificate.status == CertificateStatus.REVOKED


def test_it_keeps_certificate_changes_to_the_justice_bureau(officer, justice, users):
    _person, certificate = make_lawyer(officer, justice)
    with pytest.raises(PermissionDenied):
        services.certificate_suspend(actor=users["officer_a"], certificate=certificate, on=date(2024, 1, 1), reason="x")


# --- the as-of-date question ---------------------------------------------------------------------------------


def test_it_answers_who_was_a_lawyer_of_which_unit_on_each_date(officer, justice, unit_a, unit_b):
    person, certificate = make_lawyer(officer, justice, issued_on=date(2023, 3, 1))
    services.person_transfer(actor=justice, person=person, to_unit=unit_b, on=date(2024, 7, 1))
    services.certificate_suspend(actor=justice, certificate=certificate, on=date(2024, 9, 1), reason="调查")
    services.certificate_reinstate(actor=justice, certificate=certificate, on=date(2024, 10, 1))
    services.certificate_cancel(actor=justice, certificate=certificate, on=date(2025, 2, 1), reason="retired")
    expected = {
        date(2023, 2, 28): (False, False),  # not yet issued
        date(2023, 3, 1): (True, False),  # issued that day
        date(2024, 6, 30): (True, False),  # last day in unit A
        date(2024, 7, 1): (False, True),  # transferred to B
        date(2024, 9, 15): (False, False),  # suspended
        date(2024, 10, 1): (False, True),  # reinstated
        date(2025, 1, 31): (False, True),
        date(2025, 2, 1): (False, False),  # cancelled
    }
    for day, (in_a, in_b) in expected.items():
        assert services.is_public_lawyer_of(person, unit_a, day) is in_a, day
        assert services.is_public_lawyer_of(person, unit_b, day) is in_b, day


def test_it_refuses_a_transfer_into_the_same_unit_or_before_the_posting(officer, justice, unit_a, unit_b):
    person = make_person(officer, joined_on=date(2020, 1, 1))
    with pytest.raises(ValidationError):
        services.person_transfer(actor=justice, person=person, to_unit=unit_a, on=date(2024, 1, 1))
    with pytest.raises(ValidationError):
        services.person_transfer(actor=justice, person=person, to_unit=unit_b, on=date(2019, 1, 1))
    person.refresh_from_db()
    assert person.unit == unit_a and person.postings.count() == 1


def test_it_counts_headcount_at_each_years_end(officer, justice, unit_a):
    from coverage.engine import CoverageData
    from coverage.evaluation import headcount

    make_lawyer(officer, justice, issued_on=date(2022, 5, 1), name="甲")
    _person, certificate = make_lawyer(officer, justice, issued_on=date(2023, 5, 1), name="乙")
    services.certificate_cancel(actor=justice, certificate=certificate, on=date(2024, 3, 1), reason="retired")
    counts = headcount(CoverageData.load(unit_ids=[unit_a.pk]), date(2024, 12, 31), {unit_a.pk})
    assert counts.by_unit[0][1] == {2021: 0, 2022: 1, 2023: 2, 2024: 1}
    assert counts.by_unit[0][2] == [2024]


def test_last_years_incompetent_grade_recorded_in_the_portal_bars(officer, justice):
    """Art. 6, as DOMAIN.md's clarifications read it: the portal's own record of last year's civil-servant
    grade counts, in the list filter and on the checklist alike."""
    from assessments.models import Assessment, AssessmentYear, Committee

    person = make_person(officer, name="去年不称职")
    year = AssessmentYear.objects.create(
        year=2024,
        period_start=date(2024, 1, 1),
        period_end=date(2024, 12, 31),
        scoring_deadline=date(2024, 12, 20),
        review_deadline=date(2024, 12, 31),
        opened_by=justice,
    )
    committee = Committee.objects.create(year=year, unit=officer.unit)
    Assessment.objects.create(committee=committee, person=person, unit=officer.unit, civil_servant_grade="incompetent")
    in_2025, in_2026 = date(2025, 6, 1), date(2026, 6, 1)
    assert not Person.objects.eligible(in_2025).filter(pk=person.pk).exists()
    assert Person.objects.eligible(in_2026).filter(pk=person.pk).exists()  # only the previous year's grade
    item = next(i for i in checklist(person, in_2025) if i.code == "annual_grade")
    assert not item.met and "2024" in str(item.reason)
    assert next(i for i in checklist(person, in_2026) if i.code == "annual_grade").met
