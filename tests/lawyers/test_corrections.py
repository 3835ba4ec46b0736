"""Corrections (更正) of a certificate by the justice bureau: the service, its page and the person page's history."""

from datetime import date, timedelta

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from django.utils import timezone

from chenggu_lawyers.models import AuditEvent
from lawyers import services
from lawyers.choices import CertificateStatus
from lawyers.models import Certificate, CertificateCorrection
from tests.lawyers.factories import make_lawyer, practice_number

pytestmark = pytest.mark.django_db


@pytest.fixture
def justice(users):
    return users["justice"]


@pytest.fixture
def lawyer(users, justice):
    """甲律师 of unit A, in the unit since 2020-01-01, certificate issued 2023-03-01 (consent 2023-01-30)."""
    return make_lawyer(users["officer_a"], justice, name="甲律师", joined_on=date(2020, 1, 1))


def correct(actor, certificate, **changes):
    return services.certificate_correct(actor=actor, certificate=certificate, **{"reason": "录入错误", **changes})


def url(certificate):
    return reverse("lawyers:certificate_correct", args=[certificate.pk])


def person_page(person):
    return reverse("lawyers:person_detail", args=[person.pk])


def unchanged(certificate) -> bool:
    stored = Certificate.objects.get(pk=certificate.pk)
    same = (stored.number, stored.issued_on, stored.ended_on, stored.issuer, stored.status) == (
        certificate.number,
        certificate.issued_on,
        certificate.ended_on,
        certificate.issuer,
        certificate.status,
    )
    return same and not CertificateCorrection.objects.exists()


# --- the service ------------------------------------------------------------------------------------------


def test_it_corrects_the_number_and_keeps_what_it_was(lawyer, justice):
    _person, certificate = lawyer
    was = certificate.number
    now = practice_number("M", 2023, serial=990001)
    corrected, warnings = correct(justice, certificate, number=now, reason="证号末位录入错误")
    assert warnings == []
    certificate.refresh_from_db()
    assert certificate.number == now and certificate.status == CertificateStatus.ACTIVE  # not a cancellation
    correction = CertificateCorrection.objects.get()
    assert (correction.field, correction.old_value, correction.new_value) == ("number", was, now)
    assert correction.reason == "证号末位录入错误" and correction.actor == justice
    assert AuditEvent.objects.filter(object_type="lawyers.certificate", action="update").exists()
    assert AuditEvent.objects.filter(object_type="lawyers.certificatecorrection", action="create").exists()


def test_it_keeps_one_correction_per_changed_field_as_history(lawyer, justice):
    _person, certificate = lawyer
    correct(justice, certificate, issued_on=date(2023, 3, 2), issuer="陕西省司法厅", reason="发证日期录入错误")
    correct(justice, certificate, issuer="汉中市司法局", number=certificate.number, reason="颁证机关录入错误")
    history = list(CertificateCorrection.objects.values_list("field", "old_value", "new_value"))
    # The issuer given unchanged the first time, and the number the second, are no corrections.
    assert history == [("issued_on", "2023-03-01", "2023-03-02"), ("issuer", "陕西省司法厅", "汉中市司法局")]
    certificate.refresh_from_db()
    assert certificate.issued_on == date(2023, 3, 2) and certificate.issuer == "汉中市司法局"


def test_it_corrects_the_end_date_of_an_ended_certificate(lawyer, justice):
    _person, certificate = lawyer
    services.certificate_cancel(actor=justice, certificate=certificate, on=date(2024, 6, 30), reason="own_request")
    correct(justice, certificate, ended_on=date(2024, 6, 1))
    certificate.refresh_from_db()
    assert certificate.ended_on == date(2024, 6, 1) and certificate.status == CertificateStatus.CANCELLED


@pytest.mark.parametrize("reason", ["", "   "])
def test_it_refuses_a_correction_without_its_reason(lawyer, justice, reason):
    _person, certificate = lawyer
    with pytest.raises(ValidationError):
        correct(justice, certificate, number=practice_number("M", 2023), reason=reason)
    assert unchanged(certificate)


def test_it_refuses_a_correction_that_changes_nothing(lawyer, justice):
    _person, certificate = lawyer
    with pytest.raises(ValidationError):
        correct(justice, certificate, number=certificate.number, issued_on=certificate.issued_on)
    assert unchanged(certificate)


def test_it_refuses_a_number_another_certificate_has(users, lawyer, justice):
    _person, certificate = lawyer
    _other, theirs = make_lawyer(users["officer_b"], justice, name="乙律师")
    with pytest.raises(ValidationError) as error:
        correct(justice, certificate, number=theirs.number)
    assert "number" in error.value.error_dict
    assert unchanged(certificate)


def test_it_refuses_a_number_of_the_wrong_shape(lawyer, justice):
    _person, certificate = lawyer
    with pytest.raises(ValidationError):
        correct(justice, certificate, number="1610720236000001")
    assert unchanged(certificate)


def test_it_only_warns_about_digits_that_disagree(lawyer, justice):
    _person, certificate = lawyer
    number = "16107202310990001"  # category digit 1, not 6 (DOMAIN.md: warn, don't block)
    _certificate, warnings = correct(justice, certificate, number=number)
    certificate.refresh_from_db()
    assert certificate.number == number and len(warnings) == 1


def test_it_refuses_an_issue_date_in_the_future(lawyer, justice):
    _person, certificate = lawyer
    with pytest.raises(ValidationError):
        correct(justice, certificate, issued_on=timezone.localdate() + timedelta(days=1))
    assert unchanged(certificate)


def test_it_refuses_an_issue_date_when_the_holder_was_not_yet_in_a_unit(lawyer, justice):
    _person, certificate = lawyer
    with pytest.raises(ValidationError, match="2019-06-01"):
        correct(justice, certificate, issued_on=date(2019, 6, 1))  # posted since 2020-01-01
    assert unchanged(certificate)


def test_it_refuses_an_issue_date_before_the_unit_consented(lawyer, justice):
    _person, certificate = lawyer
    with pytest.raises(ValidationError, match="2023-01-30"):
        correct(justice, certificate, issued_on=date(2023, 1, 15))
    assert unchanged(certificate)


def test_it_refuses_an_end_date_that_leaves_a_suspension_outside_the_term(lawyer, justice):
    _person, certificate = lawyer
    services.certificate_suspend(actor=justice, certificate=certificate, on=date(2024, 1, 1), reason="调查")
    services.certificate_reinstate(actor=justice, certificate=certificate, on=date(2024, 3, 1))
    services.certificate_cancel(actor=justice, certificate=certificate, on=date(2024, 6, 1), reason="own_request")
    certificate.refresh_from_db()
    with pytest.raises(ValidationError):
        correct(justice, certificate, ended_on=date(2024, 2, 1))
    with pytest.raises(ValidationError):
        correct(justice, certificate, issued_on=date(2024, 2, 1))  # the suspension began before it
    assert unchanged(certificate)


def test_it_refuses_an_end_date_before_the_issue_date(lawyer, justice):
    _person, certificate = lawyer
    services.certificate_cancel(actor=justice, certificate=certificate, on=date(2024, 6, 1), reason="own_request")
    certificate.refresh_from_db()
    with pytest.raises(ValidationError):
        correct(justice, certificate, ended_on=date(2023, 2, 1))
    assert unchanged(certificate)


def test_it_refuses_an_end_date_for_a_certificate_in_force(lawyer, justice):
    _person, certificate = lawyer
    with pytest.raises(ValidationError):
        correct(justice, certificate, ended_on=date(2024, 1, 1))
    assert unchanged(certificate)


@pytest.mark.parametrize("name", ["officer_a", "county", "bar", "lawyer_a", "auditor"])
def test_it_lets_only_the_justice_bureau_correct(users, lawyer, name):
    _person, certificate = lawyer
    with pytest.raises(PermissionDenied):
        correct(users[name], certificate, number=practice_number("M", 2023))
    assert unchanged(certificate)


# --- the page -----------------------------------------------------------------------------------------------


def test_it_sends_anonymous_users_to_login(login, lawyer):
    _person, certificate = lawyer
    response = login(None).get(url(certificate))
    assert response.status_code == 302 and response.url.startswith(reverse("accounts:login"))


@pytest.mark.parametrize("name", ["officer_a", "officer_b", "county", "bar", "lawyer_a", "committee_a", "auditor"])
def test_it_forbids_every_role_but_the_justice_bureau(login, lawyer, name):
    # The unit's own officer as well as another unit's: the role is refused before the object is looked up.
    _person, certificate = lawyer
    assert login(name).get(url(certificate)).status_code == 403
    assert login(name).post(url(certificate), {"number": practice_number("M", 2023), "reason": "x"}).status_code == 403
    assert unchanged(certificate)


def test_it_answers_not_found_for_a_certificate_that_is_not_there(login, lawyer):
    _person, certificate = lawyer
    assert login("justice").get(reverse("lawyers:certificate_correct", args=[certificate.pk + 1000])).status_code == 404


def test_it_shows_the_recorded_values_and_corrects_them(login, lawyer, justice):
    person, certificate = lawyer
    client = login("justice")
    form = client.get(url(certificate)).context["form"]
    assert form.initial["number"] == certificate.number and form.initial["issued_on"] == date(2023, 3, 1)
    assert "ended_on" not in form.fields  # a certificate in force has no end date
    now = practice_number("M", 2023, serial=990002)
    data = {"number": now, "issued_on": "2023-03-01", "issuer": certificate.issuer, "reason": "证号录入错误"}
    response = client.post(url(certificate), data)
    assert response.status_code == 302 and response.url == person_page(person)
    certificate.refresh_from_db()
    assert certificate.number == now
    body = client.get(person_page(person)).content.decode()
    assert 'data-correction="number"' in body and certificate.number in body and "证号录入错误" in body


def test_it_shows_the_warnings_of_a_number_whose_digits_disagree(login, lawyer, english):
    _person, certificate = lawyer
    data = {"number": "16107202310990003", "issued_on": "2023-03-01", "issuer": certificate.issuer, "reason": "错"}
    response = login("justice").post(url(certificate), data, follow=True)
    assert "Digit 10" in response.content.decode()
    certificate.refresh_from_db()
    assert certificate.number == "16107202310990003"


def test_it_reshows_what_was_typed_with_the_refusal(login, users, lawyer, justice, english):
    _person, certificate = lawyer
    _other, theirs = make_lawyer(users["officer_b"], justice, name="乙律师")
    data = {"number": theirs.number, "issued_on": "2023-03-05", "issuer": "汉中市司法局", "reason": "录入错误"}
    response = login("justice").post(url(certificate), data)
    body = response.content.decode()
    assert response.status_code == 200 and "Another certificate already has this number." in body
    assert f'value="{theirs.number}"' in body and 'value="2023-03-05"' in body and 'value="汉中市司法局"' in body
    assert unchanged(certificate)


def test_it_offers_the_correction_on_the_person_page_to_the_justice_bureau_only(login, lawyer):
    person, certificate = lawyer
    assert url(certificate) in login("justice").get(person_page(person)).content.decode()
    assert url(certificate) not in login("officer_a").get(person_page(person)).content.decode()
    assert url(certificate) not in login("county").get(person_page(person)).content.decode()


def test_the_person_page_lists_corrections_without_a_query_per_row(
    login, users, lawyer, justice, django_assert_num_queries
):
    from tests.conftest import make_user

    person, certificate = lawyer
    other_clerk = make_user("justice_2", "justice_bureau")
    correct(justice, certificate, issued_on=date(2023, 3, 2))
    correct(other_clerk, certificate, issuer="汉中市司法局", number=practice_number("M", 2023, serial=990004))
    client = login("officer_a")
    # As pinned in test_people_views: session, user, person+unit, postings+units, legal-work periods,
    # certificates, suspensions, corrections with their actors, applications, steps, step actors, last
    # year's civil-servant grade; three corrections by two clerks.
    with django_assert_num_queries(12):
        response = client.get(person_page(person))
    assert response.content.decode().count("data-correction=") == 3
