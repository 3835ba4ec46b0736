import pytest
from django.core.management import call_command

from assessments.choices import CommitteeStatus, SummaryStatus, YearStatus
from assessments.demo import load_demo_assessments
from assessments.models import Assessment, AssessmentYear, Score, UnitSummary

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
    counts = (Assessment.objects.count(), Score.objects.count(), UnitSummary.objects.count())
    assert load_demo_assessments() == 0
    assert (Assessment.objects.count(), Score.objects.count(), UnitSummary.objects.count()) == counts


def test_it_gives_the_county_one_submitted_and_one_draft_summary_of_the_finished_year(capsys):
    call_command("load_demo")
    capsys.readouterr()
    summaries = dict(UnitSummary.objects.filter(year__year=2025).values_list("unit__name", "status"))
    assert summaries == {"城固县市场监督管理局": SummaryStatus.SUBMITTED, "城固县自然资源局": SummaryStatus.DRAFT}
    submitted = UnitSummary.objects.get(status=SummaryStatus.SUBMITTED)
    assert submitted.figures_as_of.isoformat() == "2025-12-31" and submitted.figures["headcount"]["year_end"] >= 1
    assert submitted.figures["grades"]  # the 2025 results are published
    updated = list(UnitSummary.objects.values_list("pk", "updated_at"))
    call_command("load_demo")
    assert list(UnitSummary.objects.values_list("pk", "updated_at")) == updated
