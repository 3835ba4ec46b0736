import pytest
from django.core.management import call_command

from assessments.choices import CommitteeStatus, YearStatus
from assessments.demo import load_demo_assessments
from assessments.models import Assessment, AssessmentYear, Score

pytestmark = pytest.mark.django_db


def test_it_loads_a_published_year_and_a_year_being_scored_once(capsys):
    # load_demo loads the assessments last, once the lawyers, matters and training exist.
    call_command("load_demo")
    capsys.readouterr()
    years = dict(AssessmentYear.objects.values_list("year", "status"))
    assert years == {2025: YearStatus.PUBLISHED, 2026: YearStatus.SCORING}
    published = Assessment.objects.filter(committee__year__year=2025)
    assert published.exists()
    assert not published.exclude(committee__status=CommitteeStatus.PUBLISHED).exists()
    assert Assessment.objects.filter(committee__year__year=2026, committee__members__username="committee").exists()
    counts = (Assessment.objects.count(), Score.objects.count())
    assert load_demo_assessments() == 0
    assert (Assessment.objects.count(), Score.objects.count()) == counts
