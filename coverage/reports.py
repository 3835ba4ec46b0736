"""What the coverage pages and their Excel exports show, built once per request from one CoverageData."""

from dataclasses import dataclass
from datetime import date, timedelta

from django.db.models import F, Func, Subquery
from django.utils import timezone
from django.utils.translation import get_language, gettext_lazy
from django.utils.translation import gettext as _

from chenggu_lawyers.audit import record
from chenggu_lawyers.models import AuditAction, AuditEvent
from chenggu_lawyers.punctuation import join_list
from chenggu_lawyers.spreadsheets import xlsx_response

from . import evaluation
from .choices import Metric, Verdict
from .engine import CoverageData
from .models import Target

DEFINITIONS = (
    gettext_lazy(
        "Has a public lawyer: on the day, a certificate in force (issued, not suspended, cancelled or revoked) "
        "is held by someone working in the unit."
    ),
    gettext_lazy(
        "Carries out public-lawyer work: has a public lawyer, or a dispatch of a pool lawyer covers the day, or "
        "a legal-advisor engagement does while the unit has no qualified full-time legal staff (first and last "
        "day included; a target may let advisors count regardless)."
    ),
    gettext_lazy(
        "A unit counts from its establishment until the day before its abolition. Rate = covered / population, "
        "one decimal; an empty population shows n/a. A target is met when the rate on its deadline reaches the "
        "threshold."
    ),
)


PAGE_ROWS = 200
FIGURES = (
    "targets", "cards", "trend", "trend_chart", "by_kind", "by_mode", "breakdowns", "breakdown_chart",
    "headcount", "r12", "advisor_only", "findings", "definitions", "unit_count", "row_limit", "row_limit_slice",
)  # fmt: skip


def percent(value) -> str:
    return "n/a" if value is None else f"{value}%"


def dashboard(as_of: date, targets=None) -> dict:
    """Everything the county dashboard shows for `as_of`, in a fixed number of queries (`targets`: the active
    targets when the caller has read them already)."""
    data = CoverageData.load()
    targets = list(Target.objects.filter(is_active=True)) if targets is None else targets
    statuses = data.statuses_on(as_of)
    cards = [evaluation.target_card(target, data, as_of, statuses) for target in targets]
    eligible = evaluation.eligible_staff(as_of)
    pools = evaluation.systems_with_pool(as_of)
    findings = [(card.now.target, evaluation.findings(card.now, eligible, pools)) for card in cards]
    trend_rows = evaluation.trend(targets, data, as_of)
    by_kind = evaluation.breakdown_by_kind(statuses)
    by_mode = evaluation.breakdown_by_mode(statuses)
    return {
        "as_of": as_of,
        "targets": targets,
        "cards": cards,
        "trend": trend_rows,
        "trend_chart": {
            "days": [day.isoformat() for day, _rates in trend_rows],
            "series": [
                {
                    "name": f"{target.code} {target.name}",
                    "threshold": float(target.threshold),
                    "deadline": target.deadline.isoformat(),
                    "rates": [None if rates[i] is None else float(rates[i]) for _day, rates in trend_rows],
                }
                for i, target in enumerate(targets)
            ],
        },
        "by_kind": by_kind,
        "by_mode": by_mode,
        "breakdowns": [("kinds", _("By unit kind"), by_kind), ("modes", _("By management mode"), by_mode)],
        "breakdown_chart": {
            key: {
                "labels": [str(row.label) for row in rows],
                "series": [
                    {"name": str(Metric.HAS_LAWYER.label), "rates": [float(row.has_lawyer_rate or 0) for row in rows]},
                    {"name": str(Metric.CARRIES_OUT_WORK.label), "rates": [float(row.work_rate or 0) for row in rows]},
                ],
            }
            for key, rows in (("kinds", by_kind), ("modes", by_mode))
        },
        "headcount": evaluation.headcount(data, as_of),
        "r12": evaluation.r12_units(statuses),
        "advisor_only": evaluation.advisor_only_units(statuses),
        "findings": findings,
        "definitions": DEFINITIONS,
        "unit_count": len(statuses),
        # A province or the nation has tens of thousands of units: the page lists the first rows of each
        # long table (the Excel exports have every row), so it stays readable and quick to render.
        "row_limit": PAGE_ROWS,
        "row_limit_slice": f":{PAGE_ROWS}",
    }


# How far back, in audit event ids, the data version counts events: see active_targets_with_data_version.
VERSION_WINDOW = 10_000
DATA_ACTIONS = (AuditAction.CREATE, AuditAction.UPDATE, AuditAction.DELETE, AuditAction.IMPORT)


def active_targets_with_data_version():
    """The active targets, each annotated with the data version: the newest audit event of a change (id and
    time) and how many such events the last VERSION_WINDOW ids hold.

    Every change of the data coverage reads (units, people, postings, certificates, suspensions, advisors,
    pools, dispatches, targets) is saved through the ORM or a service and so writes an audit event in its
    transaction (bulk imports too, chenggu_lawyers.audit.record_created); `seed_scale` clears the cache
    itself. Ids are handed out in insert order, not commit order: a transaction holding id 101 can commit
    after one holding 102, and the newest id alone would not change. Its commit adds an event inside the
    window, so the count changes; a change could only slip past if more than VERSION_WINDOW events were
    committed between its last audit event and its own commit. Read with the targets, in their one query."""
    # Logins, exports and reads of the log change no data: they leave the version, and the cache, alone.
    changes = AuditEvent.objects.filter(action__in=DATA_ACTIONS)
    newest = changes.order_by("-id")
    newest_id = Subquery(newest.values("id")[:1])
    in_window = (
        changes.filter(id__gt=newest_id - VERSION_WINDOW)
        .order_by()
        .annotate(count=Func(F("id"), function="COUNT"))
        .values("count")
    )
    return list(
        Target.objects.filter(is_active=True).annotate(
            data_event=newest_id,
            data_event_at=Subquery(newest.values("at")[:1]),
            data_events_in_window=Subquery(in_window),
        )
    )


def cache_key(as_of: date, targets) -> str | None:
    """The dashboard's cache key for `as_of` in the current language, None when there is nothing to key on."""
    if not targets:
        return None
    target = targets[0]
    newest, at = target.data_event, target.data_event_at
    # No audit event yet: the data is what migrations or seed_scale wrote (which clears the cache).
    version = f"{newest}-{at:%Y%m%d%H%M%S%f}-{target.data_events_in_window}" if newest is not None else "none"
    return f"coverage:dashboard:{as_of.isoformat()}:{version}:{get_language()}"


def verdict_label(verdict: str) -> str:
    return str(Verdict(verdict).label)


# --- exports: each table of the page, with the as-of date and the definitions in a header block ----------


def _targets_table(context):
    headers = [
        _("Code"),
        _("Target"),
        _("Population"),
        _("Metric"),
        _("Threshold"),
        _("Deadline"),
        _("Population on the as-of date"),
        _("Covered"),
        _("Rate"),
        _("Rate on the deadline"),
        _("Verdict"),
    ]
    rows = [
        [
            card.now.target.code,
            card.now.target.name,
            card.now.target.population_text(),
            str(Metric(card.now.target.metric).label),
            f"{card.now.target.threshold}%",
            card.now.target.deadline,
            len(card.now.population),
            len(card.now.covered),
            percent(card.now.rate),
            percent(card.at_deadline.rate) if card.at_deadline else "",
            verdict_label(card.verdict),
        ]
        for card in context["cards"]
    ]
    return _("Targets"), headers, rows


def _trend_table(context):
    headers = [_("Month end")] + [f"{target.code} {target.name}" for target in context["targets"]]
    rows = [[day] + [percent(value) for value in rates] for day, rates in context["trend"]]
    return _("Monthly trend"), headers, rows


def _breakdown_table(title, rows):
    headers = [
        _("Group"),
        _("Units"),
        _("Has a public lawyer"),
        _("Rate"),
        _("Carries out public-lawyer work"),
        _("Rate"),
    ]
    return (
        title,
        headers,
        [
            [
                str(row.label),
                row.population,
                row.has_lawyer,
                percent(row.has_lawyer_rate),
                row.carries_out_work,
                percent(row.work_rate),
            ]
            for row in rows
        ],
    )


def _headcount_table(context):
    headcount = context["headcount"]
    headers = [_("Unit")] + [str(year) for year in headcount.years] + [_("Fell in")]
    rows = [[_("County total")] + [headcount.county[year] for year in headcount.years] + [""]]
    rows += [
        [unit.name] + [counts[year] for year in headcount.years] + [join_list(fell)]
        for unit, counts, fell in headcount.by_unit
    ]
    rows += [
        [
            _("%(unit)s (abolished on %(day)s; lawyers moved to: %(units)s)")
            % {"unit": item.unit.name, "day": item.unit.abolished_on, "units": join_list(item.went_to) or "—"}
        ]
        + [""] * len(headcount.years)
        + [""]
        for item in headcount.abolished
    ]
    return _("Public-lawyer headcount by year"), headers, rows


def _findings_table(context):
    headers = [_("Target"), _("Unit"), _("Finding"), _("Eligible staff on the roster")]
    rows = [
        # R1.2 holds for every unit, not for one target: no target code in its rows.
        ["—", status.unit.name, _("Qualified full-time legal staff but no public lawyer"), count]
        for status, count in context["r12"]
    ]
    rows += [
        ["—", status.unit.name, _("Qualified full-time legal staff, covered only by a legal advisor"), ""]
        for status in context["advisor_only"]
    ]
    for target, items in context["findings"]:
        rows += [
            [target.code, item.status.unit.name, str(evaluation.PATH_LABELS[item.path]), item.eligible_staff]
            for item in items
        ]
    return _("Findings"), headers, rows


EXPORTS = {
    "targets": _targets_table,
    "trend": _trend_table,
    "kinds": lambda context: _breakdown_table(_("By unit kind"), context["by_kind"]),
    "modes": lambda context: _breakdown_table(_("By management mode"), context["by_mode"]),
    "headcount": _headcount_table,
    "findings": _findings_table,
}


def export(table: str, context: dict, user):
    title, headers, rows = EXPORTS[table](context)
    now = timezone.localtime()
    record(
        action=AuditAction.EXPORT,
        object_type="coverage.dashboard",
        object_repr=str(title),
        changes={"as_of": context["as_of"].isoformat(), "table": table},
    )
    return xlsx_response(
        filename=f"coverage-{table}-{context['as_of']:%Y%m%d}.xlsx",
        sheet_title=str(title),
        headers=[str(header) for header in headers],
        rows=rows,
        header_block=[
            (_("Title"), title),
            (_("As of"), context["as_of"].isoformat()),
            (_("Exported at"), f"{now:%Y-%m-%d %H:%M}"),
            (_("Exported by"), user.get_full_name() or user.get_username()),
            *[(_("Definition"), str(text)) for text in DEFINITIONS],
        ],
    )


# --- a unit's own pages --------------------------------------------------------------------------------------


def unit_dashboard(unit, as_of: date) -> dict:
    """The unit's status and reasons, the targets it counts for, what it lacks, and county aggregates."""
    data = CoverageData.load()
    statuses = data.statuses_on(as_of)
    status = statuses.get(unit.pk)
    targets = list(Target.objects.filter(is_active=True))
    eligible = evaluation.eligible_staff(as_of, [unit.pk])
    pools = evaluation.systems_with_pool(as_of)
    rows = []
    for target in targets:
        result = evaluation.evaluate(target, statuses, as_of)
        member = status is not None and target.includes(status.unit)
        path = None
        if member and not status.holds(target.measure):
            path = evaluation.findings(evaluation.TargetResult(target, as_of, [status], []), eligible, pools)[0].path
        rows.append(
            {
                "target": target,
                "rate": result.rate,
                "member": member,
                "covered": member and status.holds(target.measure),
                "path": path and evaluation.PATH_LABELS[path],
            }
        )
    return {
        "as_of": as_of,
        "unit": unit,
        "status": status,
        "rows": rows,
        "r12_staff": len(status.r12_staff) if status and not status.has_lawyer else 0,
        # The unit's people the eligibility rules let it put forward that day, holding no certificate (a
        # revoked one is barred).
        "eligible_staff": eligible.get(unit.pk, 0),
        "definitions": DEFINITIONS,
    }


@dataclass
class Period:
    start: date
    end: date | None  # last day, None while it lasts
    has_lawyer: bool
    carries_out_work: bool
    reasons: list[str]


def history(data: CoverageData, unit_id: int, today: date) -> list[Period]:
    """The unit's periods with the same standing and reasons, newest first, from its establishment (or its
    first recorded fact) to today: a county's history reaches back before the plan."""
    changes = [day for day in data.change_days(unit_id) if day <= today]
    unit = data.units[unit_id]
    first = unit.established_on or (changes[0] if changes else evaluation.TREND_START)
    starts = [first, *(day for day in changes if day > first)]
    periods: list[Period] = []
    for start in starts:
        status = data.statuses_on(start).get(unit_id)
        if status is None:
            current = (False, False, [_("not active (not yet established or abolished)")])
        else:
            current = (status.has_lawyer, status.carries_out_work, status.reasons)
        if periods and (periods[-1].has_lawyer, periods[-1].carries_out_work, periods[-1].reasons) == current:
            continue
        if periods:
            periods[-1].end = start - timedelta(days=1)
        periods.append(Period(start, None, *current))
    return list(reversed(periods))
