"""The unit summary's figures against the portal's own pages for the same unit and day, and its workflow."""

from datetime import date
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from django.utils import timezone

from assessments.choices import SummaryStatus
from assessments.models import Committee, UnitSummary
from assessments.models.summaries import SummaryReminder
from assessments.overview import overview
from assessments.services import summaries as services
from assessments.summaries import Figures, as_of_for, compute_figures, summary_figures, year_has_ended
from chenggu_lawyers.models import AuditEvent
from matters.statistics import unit_year_stats
from notices.models import Notice
from tests.conftest import make_unit, make_user
from tests.lawyers.factories import make_lawyer
from training.hours import hours_report
from units.models import Unit

from .summary_scenario import YEAR, YEAR_END, build_summary_year, on, open_year

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


def test_it_refuses_to_submit_to_a_committee_not_yet_formed(users, unit_a):
    year = open_year(users, [unit_a], year=2025)
    summary = services.summary_start(actor=users["officer_a"], year=year)
    services.summary_save_text(actor=users["officer_a"], summary=summary, **TEXT)
    assert services.summary_actions(users["officer_a"], summary) == {services.EDIT}
    with pytest.raises(ValidationError, match="no assessment committee for 2025 yet: form it"):
        services.summary_submit(actor=users["officer_a"], summary=summary)
    assert UnitSummary.objects.get(pk=summary.pk).status == SummaryStatus.DRAFT


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
    # Approved, it keeps the figures of its submission.
    services.summary_approve(actor=users["committee_a"], summary=draft)
    assert summary_figures(UnitSummary.objects.get(pk=draft.pk)).data == frozen.data


def test_it_freezes_an_early_submission_as_of_that_day(world, users, draft):
    """Submitting on 2 December freezes the figures of 2 December; the page asks first (test_summary_views)."""
    assert not year_has_ended(YEAR, today=date(2024, 12, 31)) and year_has_ended(YEAR, today=date(2025, 1, 1))
    with on(date(2024, 12, 2)):
        submitted = services.summary_submit(actor=users["officer_a"], summary=draft)
    assert submitted.figures_as_of == date(2024, 12, 2) == summary_figures(submitted).as_of


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


def test_it_sends_a_submission_to_the_units_committee_and_audits_it(world, users, draft):
    services.summary_submit(actor=users["officer_a"], summary=draft)
    notice = Notice.objects.get(kind="summary_submitted")
    assert (notice.recipient, notice.url) == (users["committee_a"], draft.get_absolute_url())
    # Not yet the county office's: it receives the summary once the committee approved it.
    summary_notices = Notice.objects.filter(kind__startswith="summary_")
    assert not summary_notices.filter(recipient__in=[users["county"], users["committee_b"]]).exists()
    update = AuditEvent.objects.filter(object_type="assessments.unitsummary", action="update").latest("id")
    assert update.changes["after"]["status"] == "submitted"


def test_it_lets_the_units_committee_return_a_submitted_summary_with_a_reason(world, users, draft):
    with pytest.raises(ValidationError, match="Already handled"):
        services.summary_return(actor=users["committee_a"], summary=draft, comment="补充")
    services.summary_submit(actor=users["officer_a"], summary=draft)
    with pytest.raises(ValidationError, match="Say why"):
        services.summary_return(actor=users["committee_a"], summary=draft, comment="  ")
    for name in ("county", "justice", "officer_a", "pool", "committee_b"):
        with pytest.raises(PermissionDenied):
            services.summary_return(actor=users[name], summary=draft, comment="补充")
    assert UnitSummary.objects.get(pk=draft.pk).status == SummaryStatus.SUBMITTED
    returned = services.summary_return(actor=users["committee_a"], summary=draft, comment="请补充培训情况。")
    assert returned.status == SummaryStatus.RETURNED and returned.figures == {}
    assert (returned.returned_by, returned.return_comment) == (users["committee_a"], "请补充培训情况。")
    notice = Notice.objects.get(kind="summary_returned")
    assert (notice.recipient, notice.body, notice.url) == (
        users["officer_a"],
        "请补充培训情况。",
        draft.get_absolute_url(),
    )
    # The committee's "to approve" notice is handled; the returning member still reads what they returned.
    assert Notice.objects.get(kind="summary_submitted").read_at is not None
    assert UnitSummary.objects.visible_to(users["committee_a"]).filter(pk=draft.pk).exists()
    # The unit revises and submits again; the figures freeze anew and the return notice is handled.
    services.summary_save_text(actor=users["officer_a"], summary=draft, **{**TEXT, "work_done": "补充了培训。"})
    resubmitted = services.summary_submit(actor=users["officer_a"], summary=draft)
    assert resubmitted.status == SummaryStatus.SUBMITTED and resubmitted.work_done == "补充了培训。"
    assert resubmitted.figures["headcount"]["year_end"] == 2
    assert Notice.objects.get(kind="summary_returned").read_at is not None
    assert Notice.objects.filter(kind="summary_submitted", read_at__isnull=True).count() == 1


def test_it_lets_the_committee_approve_and_sends_it_to_the_county_office(world, users, draft):
    with pytest.raises(ValidationError, match="Already handled"):
        services.summary_approve(actor=users["committee_a"], summary=draft)
    services.summary_submit(actor=users["officer_a"], summary=draft)
    for name in ("county", "justice", "officer_a", "pool", "committee_b"):
        with pytest.raises(PermissionDenied):
            services.summary_approve(actor=users[name], summary=draft)
    approved = services.summary_approve(actor=users["committee_a"], summary=draft)
    assert (approved.status, approved.approved_by) == (SummaryStatus.APPROVED, users["committee_a"])
    sent = set(Notice.objects.filter(kind__startswith="summary_").values_list("recipient__username", "kind", "url"))
    url = draft.get_absolute_url()
    assert sent == {
        ("committee_a", "summary_submitted", url),
        ("officer_a", "summary_approved", url),
        ("county", "summary_received", url),
    }
    assert Notice.objects.get(kind="summary_submitted").read_at is not None
    # Approved is final: a second approval, a return or a resubmission says it was handled already.
    with pytest.raises(ValidationError, match="Already handled: the summary is now “Approved by the committee”"):
        services.summary_approve(actor=users["committee_a"], summary=draft)
    with pytest.raises(ValidationError, match="Already handled"):
        services.summary_return(actor=users["committee_a"], summary=draft, comment="再改")
    with pytest.raises(ValidationError, match="Already handled"):
        services.summary_submit(actor=users["officer_a"], summary=draft)
    assert UnitSummary.objects.get(pk=draft.pk).approved_at == approved.approved_at


def system_unit_summary(world, users):
    """The tax system's unit D takes part, assessed by its system's committee; its officer submits."""
    tax_unit = world["D"]
    world["year"].units.add(tax_unit)
    committee = Committee.objects.create(year=world["year"], system_organisation=tax_unit.superior)
    users["committee_tax"] = make_user("committee_tax", "committee_member", tax_unit)
    committee.members.add(users["committee_tax"])
    officer = users["officer_tax"] = make_user("officer_tax", "unit_officer", tax_unit)
    summary = services.summary_start(actor=officer, year=world["year"])
    services.summary_save_text(actor=officer, summary=summary, **TEXT)
    return services.summary_submit(actor=officer, summary=summary)


def test_it_sends_a_system_units_approved_summary_to_its_superior_organisation(world, users):
    summary = system_unit_summary(world, users)
    assert Notice.objects.get(kind="summary_submitted").recipient == users["committee_tax"]
    services.summary_approve(actor=users["committee_tax"], summary=summary)
    received = set(Notice.objects.filter(kind="summary_received").values_list("recipient__username", flat=True))
    assert received == {"county", "pool"}  # not the other system's pool office


def test_it_shows_each_state_to_whom_it_concerns(world, users, draft):
    def readers(summary):
        names = ("officer_a", "officer_b", "committee_a", "committee_b", "county", "justice", "pool", "lawyer_a")
        names += ("bar", "auditor", "sysadmin")
        return {name for name in names if UnitSummary.objects.visible_to(users[name]).filter(pk=summary.pk).exists()}

    assert readers(draft) == {"officer_a"}
    services.summary_submit(actor=users["officer_a"], summary=draft)
    assert readers(draft) == {"officer_a", "committee_a"}
    services.summary_return(actor=users["committee_a"], summary=draft, comment="请补充。")
    assert readers(draft) == {"officer_a", "committee_a"}
    services.summary_submit(actor=users["officer_a"], summary=draft)
    services.summary_approve(actor=users["committee_a"], summary=draft)
    assert readers(draft) == {"officer_a", "committee_a", "county", "justice"}

    tax = system_unit_summary(world, users)
    # R4.3: the superior organisation reads its system's units' summaries once approved, not the others'.
    assert not UnitSummary.objects.visible_to(users["pool"]).filter(pk=tax.pk).exists()
    assert UnitSummary.objects.visible_to(users["committee_tax"]).filter(pk=tax.pk).exists()
    services.summary_approve(actor=users["committee_tax"], summary=tax)
    assert UnitSummary.objects.visible_to(users["pool"]).filter(pk=tax.pk).exists()
    assert not UnitSummary.objects.visible_to(users["pool_other"]).filter(pk=tax.pk).exists()
    assert not UnitSummary.objects.visible_to(users["pool"]).filter(pk=draft.pk).exists()


def test_it_answers_what_each_user_may_do_in_each_state(world, users, draft):
    def actions(summary):
        summary = UnitSummary.objects.select_related("year", "unit").get(pk=summary.pk)  # as a page loads it
        names = ("officer_a", "officer_b", "committee_a", "committee_b", "county", "justice", "pool")
        return {
            name: set(services.summary_actions(users[name], summary))
            for name in names
            if services.summary_actions(users[name], summary)
        }

    assert actions(draft) == {"officer_a": {"edit", "submit"}}
    services.summary_submit(actor=users["officer_a"], summary=draft)
    assert actions(draft) == {"committee_a": {"approve", "return"}}
    services.summary_return(actor=users["committee_a"], summary=draft, comment="请补充。")
    assert actions(draft) == {"officer_a": {"edit", "submit"}}
    services.summary_submit(actor=users["officer_a"], summary=draft)
    services.summary_approve(actor=users["committee_a"], summary=draft)
    assert actions(draft) == {}


def test_it_reminds_each_unit_still_to_submit_once_a_day(world, users, draft):
    year, county = world["year"], users["county"]
    services.summary_submit(actor=users["officer_a"], summary=draft)
    assert list(services.units_to_remind(year)) == [world["B"]]
    for name in ("justice", "officer_b", "committee_b", "pool"):
        with pytest.raises(PermissionDenied):
            services.summary_remind(actor=users[name], year=year, units=[world["B"]])
    with on(date(2025, 1, 10)):
        reminded, skipped = services.summary_remind(actor=county, year=year, units=[world["A"], world["B"]])
        assert (reminded, skipped) == ([world["B"]], [world["A"]])  # A has submitted
        notice = Notice.objects.get(kind="summary_reminder")
        assert (notice.recipient, notice.url) == (
            users["officer_b"],
            reverse("assessments:year_summaries", args=[year.pk]),  # no summary yet: where the unit starts one
        )
        # A second click the same day reminds nobody twice.
        assert services.summary_remind(actor=county, year=year, units=[world["B"]]) == ([], [world["B"]])
        assert Notice.objects.filter(kind="summary_reminder").count() == 1
    officer_b = users["officer_b"]
    summary = services.summary_start(actor=officer_b, year=year)
    with on(date(2025, 1, 11)):
        assert services.summary_remind(actor=county, year=year, units=[world["B"]]) == ([world["B"]], [])
    latest = Notice.objects.filter(kind="summary_reminder").latest("id")
    assert latest.url == summary.get_absolute_url()
    assert list(SummaryReminder.objects.values_list("unit__name", "sent_on")) == [
        (world["B"].name, date(2025, 1, 11)),
        (world["B"].name, date(2025, 1, 10)),
    ]
    # Submitting answers the reminders: they leave the unit's bell.
    services.summary_save_text(actor=officer_b, summary=summary, **TEXT)
    services.summary_submit(actor=officer_b, summary=summary)
    assert not Notice.objects.filter(kind="summary_reminder", read_at__isnull=True).exists()
    assert list(services.units_to_remind(year)) == []


def test_it_reminds_a_unit_whose_summary_was_returned(world, users, draft):
    services.summary_submit(actor=users["officer_a"], summary=draft)
    services.summary_return(actor=users["committee_a"], summary=draft, comment="请补充。")
    assert list(services.units_to_remind(world["year"])) == [world["A"], world["B"]]
