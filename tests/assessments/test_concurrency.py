"""Two members saving at the same moment lose nothing (real concurrent transactions on PostgreSQL)."""

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
