"""Two members saving at the same moment lose nothing, two officers submitting at once submit once (real
concurrent transactions on PostgreSQL)."""

import threading
from decimal import Decimal as D

import pytest
from django.db import connection, connections

from assessments import services
from assessments.models import Assessment, Score

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(connection.vendor != "postgresql", reason="row locks need PostgreSQL"),
]


def test_it_keeps_both_members_scores_when_they_save_together(committees, users):
    a, _b = committees
    assessment_id = a.assessments.first().pk
    criteria = list(a.year.criteria.values_list("pk", flat=True))
    barrier = threading.Barrier(2)
    errors = []

    def save(member, value):
        try:
            assessment = Assessment.objects.get(pk=assessment_id)
            barrier.wait()
            services.scores_save(actor=member, assessment=assessment, values=dict.fromkeys(criteria, value))
        except Exception as error:  # noqa: BLE001 (reported by the assertion below)
            errors.append(error)
        finally:
            connections.close_all()

    threads = [
        threading.Thread(target=save, args=(users["committee_a"], D(70))),
        threading.Thread(target=save, args=(users["committee_a2"], D(95))),
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    saved = Score.objects.filter(assessment_id=assessment_id)
    assert sorted(saved.values_list("member__username", "value").distinct()) == [
        ("committee_a", D(70)),
        ("committee_a2", D(95)),
    ]
    assert saved.count() == 2 * len(criteria)


def test_it_submits_a_summary_once_when_two_officers_submit_together(committees, year, users, unit_a):
    from django.core.exceptions import ValidationError
    from django.utils import translation

    from assessments.models import UnitSummary
    from tests.conftest import make_user

    second = make_user("officer_a2", "unit_officer", unit_a)
    summary = services.summary_start(actor=users["officer_a"], year=year)
    services.summary_save_text(actor=users["officer_a"], summary=summary, work_done="做了", problems="有", plans="将")
    barrier = threading.Barrier(2)
    outcomes = []

    def submit(officer):
        try:
            draft = UnitSummary.objects.get(pk=summary.pk)
            barrier.wait()
            with translation.override("en"):  # a thread starts in the default language
                services.summary_submit(actor=officer, summary=draft)
            outcomes.append("submitted")
        except ValidationError as error:
            outcomes.append(" ".join(error.messages))
        finally:
            connections.close_all()

    threads = [threading.Thread(target=submit, args=(officer,)) for officer in (users["officer_a"], second)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(outcomes) == ["The summary has already been submitted.", "submitted"]
    assert UnitSummary.objects.get(pk=summary.pk).status == "submitted"
