"""A certificate cancelled because the holder retired or left the unit ends the posting the same day: the
person stays on record but is no longer on the unit's roster, so no page puts them forward again."""

from datetime import date

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from coverage.engine import CoverageData
from coverage.evaluation import eligible_staff
from lawyers import services
from lawyers.models import Person, Posting
from tests.lawyers.factories import make_lawyer, make_person

pytestmark = pytest.mark.django_db


@pytest.fixture
def retired(users):
    officer, justice = users["officer_a"], users["justice"]
    person, certificate = make_lawyer(officer, justice, name="杨退休", joined_on=date(2018, 1, 1))
    services.certificate_cancel(actor=justice, certificate=certificate, on=date(2024, 6, 30), reason="retired")
    return Person.objects.get(pk=person.pk)


@pytest.mark.parametrize("reason", ["retired", "left_unit"])
def test_it_ends_the_open_posting_on_the_day_of_a_cancellation_for_leaving(users, reason):
    person, certificate = make_lawyer(users["officer_a"], users["justice"], joined_on=date(2018, 1, 1))
    services.certificate_cancel(actor=users["justice"], certificate=certificate, on=date(2024, 6, 30), reason=reason)
    assert list(person.postings.values_list("started_on", "ended_on")) == [(date(2018, 1, 1), date(2024, 6, 30))]
    assert not Person.objects.on_roster().filter(pk=person.pk).exists()
    assert Person.objects.on_roster(date(2024, 6, 29)).filter(pk=person.pk).exists()


@pytest.mark.parametrize("reason", ["transferred", "consent_withdrawn", "no_longer_legal_work", "own_request"])
def test_it_leaves_the_posting_open_for_other_cancellations(users, reason):
    person, certificate = make_lawyer(users["officer_a"], users["justice"], joined_on=date(2018, 1, 1))
    services.certificate_cancel(actor=users["justice"], certificate=certificate, on=date(2024, 6, 30), reason=reason)
    assert person.postings.get().ended_on is None


def test_it_refuses_a_leaving_day_not_after_the_posting_began_and_changes_nothing(users, unit_b):
    justice = users["justice"]
    person, certificate = make_lawyer(users["officer_a"], justice, issued_on=date(2023, 3, 1))
    services.person_transfer(actor=justice, person=person, to_unit=unit_b, on=date(2024, 7, 1))
    with pytest.raises(ValidationError, match="2024-07-01"):
        services.certificate_cancel(actor=justice, certificate=certificate, on=date(2024, 7, 1), reason="retired")
    certificate.refresh_from_db()
    assert certificate.status == "active" and person.postings.filter(ended_on__isnull=True).count() == 1


def test_the_unit_page_and_the_findings_do_not_put_a_retired_person_forward(login, users, unit_a, retired):
    waiting = make_person(users["officer_a"], name="周待申请")
    response = login("officer_a").get(reverse("units:unit_detail", args=[unit_a.pk]))
    assert [person.name for person in response.context["r12_people"]] == [waiting.name]
    body = response.content.decode()
    assert f'data-r12="{waiting.pk}"' in body and f'data-r12="{retired.pk}"' not in body
    today = timezone.localdate()
    r12 = CoverageData.load().statuses_on(today)[unit_a.pk].r12_staff
    assert eligible_staff(today)[unit_a.pk] == 1 and r12 == {waiting.pk}


def test_a_retired_person_cannot_be_put_forward_again(login, users, retired):
    assert not login("officer_a").get(reverse("lawyers:person_detail", args=[retired.pk])).context["may_apply"]
    with pytest.raises(ValidationError):
        services.application_submit(actor=users["officer_a"], person=retired, consent_on=date(2025, 1, 1))


def test_another_unit_can_take_a_retired_person_on_through_a_transfer(users, unit_b, retired):
    justice = users["justice"]
    with pytest.raises(ValidationError, match="2024-06-30"):
        services.person_transfer(actor=justice, person=retired, to_unit=unit_b, on=date(2024, 6, 1))
    services.person_transfer(actor=justice, person=retired, to_unit=unit_b, on=date(2025, 3, 1))
    assert list(Posting.objects.filter(person=retired).values_list("unit", "started_on", "ended_on")) == [
        (retired.unit_id, date(2018, 1, 1), date(2024, 6, 30)),
        (unit_b.pk, date(2025, 3, 1), None),
    ]
    assert Person.objects.on_roster().filter(pk=retired.pk, unit=unit_b).exists()
