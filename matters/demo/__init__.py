"""Demo matters: a year of realistic work of 城固县市场监督管理局 and 城固县自然资源局, every category in both.

The market regulator's matters go to its public lawyers (张律师演示, whose account is "lawyer", and the other
demo people with a certificate in force); the natural-resources bureau, which has no public lawyer in force,
sends its matters to its legal advisor (陈顾问演示, from the advisors demo). The stories cover every stage:
open, assigned, in progress, answered, closed with each adoption outcome, an unjustified refusal, a justified
one, overdue matters, and decisions recorded without an opinion before them (R2.2).

The workflow's services stamp every step with the current time, so the demo writes the rows itself, with
backdated times, checking each with full_clean, and sends no notices. A matter is skipped when its unit already
has one with the same title, or when the lawyer a story needs is not a candidate on the day (for example when
the advisors demo has not been loaded): loading twice changes nothing.
"""

from datetime import date, datetime, time, timedelta
from decimal import Decimal

from django.utils import timezone

from accounts.choices import Role
from accounts.models import User
from units.models import Unit

from ..candidates import candidates_for
from ..choices import AssigneeKind, AssignmentStatus, MatterStatus
from ..models import Assignment, DecisionItem, Matter, Opinion, OpinionVersion, WorkEntry
from .stories import ADVISOR, DECISION_ITEMS, LAND, MARKET, STORIES

__all__ = ["LAND", "MARKET", "load_demo_matters"]


def _at(day: date, hour: int = 10) -> datetime:
    return timezone.make_aware(datetime.combine(day, time(hour)))


def _stamp(row, when: datetime) -> None:
    """Backdate a row's timestamps, in the database and in memory (a later save writes them again)."""
    type(row).objects.filter(pk=row.pk).update(created_at=when, updated_at=when)
    row.created_at = row.updated_at = when


def _items(unit, officer) -> dict:
    items = {}
    for key, (title, description) in DECISION_ITEMS.get(unit.name, {}).items():
        items[key], _new = DecisionItem.objects.get_or_create(
            unit=unit, title=title, defaults={"description": description}
        )
    return items


def _assignee(unit, who: str, day: date):
    candidates = candidates_for(unit.pk, day)
    if who == ADVISOR:
        return (AssigneeKind.ADVISOR, candidates.engagements[0]) if candidates.engagements else None
    person = next((person for person in candidates.people if person.name == who), None)
    return (AssigneeKind.PUBLIC_LAWYER, person) if person else None


def _feasible(unit, steps, start: date) -> bool:
    return all(
        _assignee(unit, step[1], start + timedelta(days=step[2])) is not None for step in steps if step[0] == "assign"
    )


def _tell(unit, officer, story, today) -> bool:
    _unit, category, title, fields, days_ago, due_after, steps = story
    start = today - timedelta(days=days_ago)
    if unit.name == LAND:
        # The bureau's advisor is engaged for the current calendar year (advisors demo), so its year of
        # matters starts in January; early in the year the later steps are cut at today.
        start = min(max(start, date(today.year, 1, 2)), today)
    if Matter.objects.filter(unit=unit, title=title).exists() or not _feasible(unit, steps, start):
        return False
    fields = dict(fields)
    if "item" in fields:
        fields["decision_item"] = _items(unit, officer)[fields.pop("item")]
    if isinstance(fields.get("signed_on"), int):
        fields["signed_on"] = start + timedelta(days=fields["signed_on"] % 30)
    matter = Matter(
        unit=unit,
        category=category,
        title=title,
        due_on=start + timedelta(days=due_after),
        created_by=officer,
        **fields,
    )
    matter.full_clean()
    matter.save()
    lawyer_account = User.objects.filter(role=Role.PUBLIC_LAWYER, person__unit=unit).select_related("person")
    accounts = {user.person_id: user for user in lawyer_account}
    assignment = None
    for step in steps:
        kind = step[0]
        day = start + timedelta(days=step[2] if kind == "assign" else step[1])
        when = min(_at(day), timezone.now())
        if kind == "assign":
            assignee_kind, item = _assignee(unit, step[1], day)
            assignment = Assignment(
                matter=matter,
                kind=assignee_kind,
                person=item if assignee_kind == AssigneeKind.PUBLIC_LAWYER else None,
                engagement=item if assignee_kind == AssigneeKind.ADVISOR else None,
                assignee_name=getattr(item, "advisor_name", None) or item.name,
                due_on=matter.due_on,
                assigned_by=officer,
            )
            assignment.full_clean()
            assignment.save()
            _stamp(assignment, when)
        elif kind == "accept":
            assignment.status, assignment.answered_at = AssignmentStatus.ACCEPTED, when
            assignment.save()
        elif kind == "decline":
            assignment.status, assignment.answered_at, assignment.decline_reason = (
                AssignmentStatus.DECLINED,
                when,
                step[2],
            )
            assignment.save()
        elif kind == "rule":
            assignment.ruling, assignment.ruling_note = step[2], step[3]
            assignment.ruled_by, assignment.ruled_at = officer, when
            assignment.save()
        elif kind == "work":
            account = accounts.get(assignment.person_id)
            entry = WorkEntry(
                assignment=assignment,
                worked_on=day,
                hours=Decimal(step[2]),
                description=step[3],
                recorded_by=account or officer,
            )
            entry.full_clean()
            entry.save()
            _stamp(entry, when)
        elif kind == "opinion":
            account = accounts.get(assignment.person_id)
            opinion, _new = Opinion.objects.get_or_create(
                assignment=assignment,
                defaults={"matter": matter, "author": account, "signed_name": assignment.assignee_name},
            )
            number = opinion.versions.count() + 1
            OpinionVersion.objects.create(
                opinion=opinion,
                number=number,
                text=step[2],
                submitted_at=when,
                submitted_by=account or officer,
                signed_name=assignment.assignee_name,
            )
            if assignment.status != AssignmentStatus.COMPLETED:
                assignment.status, assignment.completed_at = AssignmentStatus.COMPLETED, when
                assignment.save()
        elif kind == "decide":
            matter.decision_on = day
        elif kind == "close":
            matter.status, matter.closed_at, matter.closed_by = MatterStatus.CLOSED, when, officer
            matter.adoption, matter.adoption_reason = step[2], step[3]
    if matter.status != MatterStatus.CLOSED:
        matter.status = matter.derived_status(matter.assignments.values_list("status", flat=True))
    matter.full_clean()
    matter.save()
    _stamp(matter, _at(start, 9))
    return True


def load_demo_matters() -> int:
    """Create the demo matters that are missing; returns how many were created."""
    officers = {
        user.unit.name: user
        for user in User.objects.filter(role=Role.UNIT_OFFICER, unit__name__in=[MARKET, LAND]).select_related("unit")
    }
    today = timezone.localdate()
    created = 0
    for story in STORIES:
        officer = officers.get(story[0])
        if officer is None:
            continue
        unit = Unit.objects.get(pk=officer.unit_id)
        created += _tell(unit, officer, story, today)
    return created
