"""The unit summary's figures against the portal's own pages for the same unit and day, and its workflow."""

from datetime import date
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from django.utils import timezone

from assessments import services
from assessments.choices import SummaryStatus
from assessments.models import UnitSummary
from assessments.overview import overview
from assessments.summaries import Figures, as_of_for, compute_figures, summary_figures
from chenggu_lawyers.models import AuditEvent
from matters.statistics import unit_year_stats
from notices.models import Notice
from tests.conftest import make_unit, make_user
from tests.lawyers.factories import make_lawyer
from training.hours import hours_report
from units.models import Unit

from .summary_scenario import YEAR, YEAR_END, build_summary_year, on

pytestmark = pytest.mark.django_db

TEXT = {"work_done": "建立公职律师工作制度。", "problems": "人员偏少。", "plans": "再推荐两名。"}


@pytest.fixture
def world(users, superior):
    return build_summary_year(users, superior)


@pytest.fixture
def draft(world, users):
    summary = services.summary_start(actor=users["officer_a"], year=world["year"])
    return services.summary_save_text(actor=users["officer_a"], summary=summary, **TEXT)


def test_it_computes_a_finished_year_as_of_its_last_day_and_a_running_year_as_of_today():
    assert as_of_for(2024, today=date(2026, 3, 1)) == date(2024, 12, 31)
    assert as_of_for(2026, today=date(2026, 3, 1)) == date(2026, 3, 1)


@pytest.mark.parametrize("unit", ["A", "B"])
def test_it_shows_the_unit_dashboards_standing_for_the_same_day(login, world, unit):
    figures = Figures(compute_figures(world[unit], world["year"]))
    officer = {"A": "officer_a", "B": "officer_b"}[unit]
    dashboard = login(officer).get(reverse("coverage:unit_dashboard"), {"as_of": "2024-12-31"}).context
    status = dashboard["status"]
    assert figures.as_of == YEAR_END
    assert figures.coverage["has_lawyer"] == status.has_lawyer
    assert figures.coverage["carries_out_work"] == status.carries_out_work
    assert figures.reasons == status.reasons
    rows = {row["target"].code: row for row in dashboard["rows"]}
    assert {row["code"]: (row["member"], row["covered"], row["path_label"]) for row in figures.targets} == {
        code: (row["member"], row["covered"], str(row["path"] or "")) for code, row in rows.items()
    }
    r12 = [finding for finding in figures.data["findings"] if finding["kind"] == "r12"]
    assert [finding["staff"] for finding in r12] == ([dashboard["r12_staff"]] if dashboard["r12_staff"] else [])


def test_it_reads_the_headcount_and_its_fall_from_the_county_dashboard(login, world):
    dashboard = login("county").get(reverse("coverage:dashboard"), {"as_of": "2024-12-31"}).context
    table = {unit.name: (counts, fell) for unit, counts, fell in dashboard["headcount"].by_unit}
    for key, expected in (("A", (2, 1, 1)), ("B", (0, 1, -1))):
        headcount = compute_figures(world[key], world["year"])["headcount"]
        counts, _fell = table[world[key].name]
        assert (headcount["year_end"], headcount["previous_year_end"]) == (counts[2024], counts[2023])
        assert (headcount["year_end"], headcount["previous_year_end"], headcount["change"]) == expected
    b = Figures(compute_figures(world["B"], world["year"]))
    assert 2024 in table[world["B"].name][1]
    assert "The public-lawyer headcount fell from 1 to 0." in b.findings
    assert not any("headcount fell" in text for text in Figures(compute_figures(world["A"], world["year"])).findings)


def test_it_lists_the_r12_staff_and_the_shortest_path_as_findings(world):
    findings = Figures(compute_figures(world["B"], world["year"])).findings
    assert findings[0].startswith("1 qualified full-time legal staff but no public lawyer")
    assert any(text.startswith("T2 ") and "Apply for a certificate" in text for text in findings)


def test_it_counts_the_years_matters_by_category_as_the_statistics_do(world):
    figures = Figures(compute_figures(world["A"], world["year"]))
    columns = ("created", "assignments", "closed", "overdue")
    rows = {row["category"]: [row[name] for name in columns] for row in figures.data["matters"]}
    assert rows["contracts"] == [1, 1, 1, 0]
    assert rows["litigation_petitions"] == [1, 1, 0, 1]
    # Due 2025-01-31: not overdue on 2024-12-31, whatever it is today.
    assert rows["publicity"] == [1, 0, 0, 0]
    assert sum(rows["decision_opinion"] + rows["normative_documents"] + rows["reconsideration"] + rows["other"]) == 0
    stats = unit_year_stats(YEAR, Unit.objects.filter(pk=world["A"].pk), today=YEAR_END).get()
    assert figures.matter_total == [stats.created, stats.assignments, stats.closed, stats.overdue] == [3, 2, 1, 1]


def test_it_compares_training_hours_with_the_plan_as_the_hours_report_does(world, users):
    training = compute_figures(world["A"], world["year"])["training"]
    assert training["required"] == "40.0"
    assert training["lawyers"] == [
        {"name": "乙", "attended": "0.0", "shortfall": "40.0"},
        {"name": "甲", "attended": "8.0", "shortfall": "32.0"},
    ]
    _plan, report = hours_report(users["officer_a"], YEAR)
    assert {row.name: (row.attended, row.shortfall) for row in report} == {
        row["name"]: (Decimal(row["attended"]), Decimal(row["shortfall"])) for row in training["lawyers"]
    }
    assert Figures({"training": training}).training_total == {"attended": Decimal("8.0"), "short": 2}


def test_it_counts_grades_as_the_county_overview_does(world):
    figures = Figures(compute_figures(world["A"], world["year"]))
    row = next(row for row in overview(world["year"])["by_unit"] if row.label == world["A"].name)
    assert [n for _label, n in figures.grade_rows] == row.cells == [0, 2, 0, 0]
    assert Figures(compute_figures(world["B"], world["year"])).graded == 0


def test_it_starts_one_draft_per_unit_and_year(world, users):
    first = services.summary_start(actor=users["officer_a"], year=world["year"])
    again = services.summary_start(actor=users["officer_a"], year=world["year"])
    assert first.pk == again.pk and first.status == SummaryStatus.DRAFT
    assert UnitSummary.objects.count() == 1
    assert AuditEvent.objects.filter(object_type="assessments.unitsummary", action="create").count() == 1


def test_it_refuses_a_summary_for_a_unit_not_taking_part(world, users):
    outsider = make_unit("城固县文化和旅游局")
    officer = make_user("officer_c", "unit_officer", outsider)
    with pytest.raises(ValidationError, match="does not take part in the 2024 assessment"):
        services.summary_start(actor=officer, year=world["year"])
    assert not UnitSummary.objects.exists()


def test_it_refuses_a_year_not_yet_begun(users, unit_a):
    from .summary_scenario import open_year

    future = open_year(users, [unit_a], year=timezone.localdate().year + 1)
    with pytest.raises(ValidationError, match="has not begun yet"):
        services.summary_start(actor=users["officer_a"], year=future)
    assert not UnitSummary.objects.exists()


def test_it_lets_only_the_units_own_officer_write_and_submit(world, users, draft):
    for name in ("officer_b", "county", "justice", "committee_a"):
        with pytest.raises(PermissionDenied):
            services.summary_save_text(actor=users[name], summary=draft, work_done="改", problems="", plans="")
        with pytest.raises(PermissionDenied):
            services.summary_submit(actor=users[name], summary=draft)
    with pytest.raises(PermissionDenied):
        services.summary_start(actor=users["county"], year=world["year"])
    draft.refresh_from_db()
    assert (draft.work_done, draft.status) == (TEXT["work_done"], SummaryStatus.DRAFT)


def test_it_refuses_to_submit_without_the_text_parts(world, users):
    summary = services.summary_start(actor=users["officer_a"], year=world["year"])
    services.summary_save_text(actor=users["officer_a"], summary=summary, work_done="做了。", problems=" ", plans="")
    with pytest.raises(ValidationError, match="Write these parts before submitting: problems、plans for next year"):
        services.summary_submit(actor=users["officer_a"], summary=summary)
    summary.refresh_from_db()
    assert summary.status == SummaryStatus.DRAFT and summary.figures == {} and summary.submitted_at is None


def test_it_freezes_the_figures_at_submission(world, users, draft):
    submitted = services.summary_submit(actor=users["officer_a"], summary=draft)
    assert submitted.status == SummaryStatus.SUBMITTED
    assert submitted.submitted_by == users["officer_a"] and submitted.submitted_at is not None
    assert submitted.figures_as_of == YEAR_END
    frozen = summary_figures(UnitSummary.objects.get(pk=draft.pk))
    assert frozen.headcount["year_end"] == 2
    # Records change after the submission: a third lawyer certified in 2024, another 2024 matter.
    with on(date(2024, 11, 1)):
        make_lawyer(users["officer_a"], users["justice"], issued_on=date(2024, 11, 1), name="戊")
    live = compute_figures(world["A"], world["year"])
    assert live["headcount"]["year_end"] == 3
    again = summary_figures(UnitSummary.objects.get(pk=draft.pk))
    assert again.data == frozen.data and again.headcount["year_end"] == 2


def test_it_refuses_to_submit_twice_and_keeps_the_first_figures(world, users, draft):
    submitted = services.summary_submit(actor=users["officer_a"], summary=draft)
    with pytest.raises(ValidationError, match="already been submitted"):
        services.summary_submit(actor=users["officer_a"], summary=draft)
    with pytest.raises(ValidationError, match="can no longer be edited"):
        services.summary_save_text(actor=users["officer_a"], summary=draft, work_done="改", problems="改", plans="改")
    again = UnitSummary.objects.get(pk=draft.pk)
    assert (again.submitted_at, again.figures, again.work_done) == (
        submitted.submitted_at,
        submitted.figures,
        TEXT["work_done"],
    )


def test_it_tells_the_county_office_of_a_submission_and_audits_it(world, users, draft):
    services.summary_submit(actor=users["officer_a"], summary=draft)
    assert Notice.objects.filter(recipient=users["county"], kind="summary_submitted").exists()
    assert not Notice.objects.filter(recipient=users["justice"], kind="summary_submitted").exists()
    update = AuditEvent.objects.filter(object_type="assessments.unitsummary", action="update").latest("id")
    assert update.changes["after"]["status"] == "submitted"


def test_it_lets_the_county_office_return_a_submitted_summary_with_a_reason(world, users, draft):
    with pytest.raises(ValidationError, match="Only a submitted summary"):
        services.summary_return(actor=users["county"], summary=draft, comment="补充")
    services.summary_submit(actor=users["officer_a"], summary=draft)
    with pytest.raises(ValidationError, match="Say why"):
        services.summary_return(actor=users["county"], summary=draft, comment="  ")
    for name in ("justice", "officer_a", "pool"):
        with pytest.raises(PermissionDenied):
            services.summary_return(actor=users[name], summary=draft, comment="补充")
    assert UnitSummary.objects.get(pk=draft.pk).status == SummaryStatus.SUBMITTED
    returned = services.summary_return(actor=users["county"], summary=draft, comment="请补充培训情况。")
    assert returned.status == SummaryStatus.RETURNED and returned.figures == {}
    notices = Notice.objects.filter(kind="summary_returned", body="请补充培训情况。")
    assert notices.filter(recipient=users["officer_a"]).exists()
    assert not Notice.objects.filter(recipient=users["officer_b"], kind="summary_returned").exists()
    # The unit revises and submits again; the figures freeze anew.
    services.summary_save_text(actor=users["officer_a"], summary=draft, **{**TEXT, "work_done": "补充了培训。"})
    resubmitted = services.summary_submit(actor=users["officer_a"], summary=draft)
    assert resubmitted.status == SummaryStatus.SUBMITTED and resubmitted.work_done == "补充了培训。"
    assert resubmitted.figures["headcount"]["year_end"] == 2


def test_it_hides_drafts_outside_the_unit_and_shows_submissions_to_the_county_and_the_system(world, users, draft):
    def sees(name, summary):
        return UnitSummary.objects.visible_to(users[name]).filter(pk=summary.pk).exists()

    assert sees("officer_a", draft)
    for name in ("officer_b", "county", "justice", "pool", "committee_a", "lawyer_a", "bar", "auditor", "sysadmin"):
        assert not sees(name, draft), name
    services.summary_submit(actor=users["officer_a"], summary=draft)
    for name, expected in (("county", True), ("justice", True), ("officer_b", False), ("pool", False)):
        assert sees(name, draft) is expected, name

    tax_unit = world["D"]  # the tax system's unit
    world["year"].units.add(tax_unit)
    tax_officer = make_user("officer_tax", "unit_officer", tax_unit)
    tax = services.summary_start(actor=tax_officer, year=world["year"])
    services.summary_save_text(actor=tax_officer, summary=tax, **TEXT)
    services.summary_submit(actor=tax_officer, summary=tax)
    # R4.3: the superior department of a vertical system reads its units' summaries, not the others'.
    assert sees("pool", tax) and not sees("pool_other", tax) and not sees("pool", draft)
