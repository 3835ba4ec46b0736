"""Workflows of a matter: create, assign, answer, rule on a refusal, log work, submit the opinion, close.

Each function takes the acting user, checks that the step is allowed from the current state, and writes
inside one transaction with the rows it decides on locked. A refused step raises ValidationError with a
message for the user and changes nothing; a role that may never take the step gets PermissionDenied.

Who answers for an assignee (`acts_for`): the assignee's own public-lawyer account. An assignee without an
active account in the portal (a legal advisor, a pool lawyer serving outside the county, a lawyer not yet
given an account) answers on paper, and the unit office records the answer and the signed written opinion
as received; the version then shows who recorded it. Nobody but the author adds to an opinion, and no
version is ever edited or deleted (R2.3).
"""

from datetime import date
from decimal import Decimal

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.choices import Role
from accounts.models import User
from notices.services import notify, resolve

from .candidates import candidates_for
from .choices import Adoption, AssigneeKind, AssignmentStatus, MatterStatus, RefusalRuling
from .models import Assignment, DecisionItem, Matter, Opinion, OpinionVersion, WorkEntry

# ---------------------------------------------------------------------------------------------------------
# Guards and helpers


def _require_officer_of(actor, unit_id):
    if actor.role != Role.UNIT_OFFICER or actor.unit_id != unit_id:
        raise PermissionDenied


def assignee_account(assignment: Assignment) -> User | None:
    """The assignee's own active public-lawyer account, if the assignee has one."""
    if assignment.person_id is None:
        return None
    return User.objects.filter(person_id=assignment.person_id, role=Role.PUBLIC_LAWYER, is_active=True).first()


def prefetched_account(assignment: Assignment) -> User | None:
    """`assignee_account` of an assignment read with select_related("person__account"): no query."""
    person = assignment.person
    account = getattr(person, "account", None) if person is not None else None
    if account is None or not account.is_active or account.role != Role.PUBLIC_LAWYER:
        return None
    return account


def acts_for(actor, assignment: Assignment, account: User | None = ...) -> bool:
    """Whether `actor` answers for the assignee (see the module): their own account, or the unit office
    when the assignee has none. `account` may be passed when already read."""
    if account is ...:
        account = assignee_account(assignment)
    if account is not None:
        return actor.pk == account.pk
    return actor.role == Role.UNIT_OFFICER and actor.unit_id == assignment.matter.unit_id


def _require_acts_for(actor, assignment):
    if not acts_for(actor, assignment):
        raise PermissionDenied


def _unit_officers(unit_id):
    return list(User.objects.filter(role=Role.UNIT_OFFICER, unit_id=unit_id, is_active=True))


def _office_and(matter, *accounts, besides=None):
    """The unit office and the given accounts, leaving out the actor who caused the notice."""
    recipients = [*_unit_officers(matter.unit_id), *(account for account in accounts if account is not None)]
    return [user for user in recipients if besides is None or user.pk != besides.pk]


def _locked_matter(matter) -> Matter:
    return Matter.objects.select_for_update().get(pk=matter.pk)


def _locked_assignment(assignment) -> Assignment:
    return Assignment.objects.select_for_update().select_related("matter").get(pk=assignment.pk)


def _require_open(matter):
    if matter.status == MatterStatus.CLOSED:
        raise ValidationError(_("The matter is closed."))


def sync_status(matter: Matter) -> None:
    """Move an open matter's status to what its assignments say (the caller holds the matter's lock)."""
    status = matter.derived_status(matter.assignments.values_list("status", flat=True))
    if status != matter.status:
        matter.status = status
        matter.save(update_fields=["status", "updated_at"])


def _notify(kind, recipients, title, matter, body=""):
    notify(recipients=recipients, kind=kind, title=title, body=body, url=matter.get_absolute_url())


# ---------------------------------------------------------------------------------------------------------
# The office: the decision-item list (R2.2); create, edit, assign, rule, close


@transaction.atomic
def decision_item_save(*, actor, item: DecisionItem) -> DecisionItem:
    """Add an item to the unit's list or change one; an item leaves the list by `is_active`, never deleted,
    so the matters that name it keep it."""
    _require_officer_of(actor, item.unit_id)
    item.full_clean()
    item.save()
    return item


@transaction.atomic
def matter_create(*, actor, matter: Matter) -> Matter:
    _require_officer_of(actor, matter.unit_id)
    matter.created_by = actor
    matter.status = MatterStatus.OPEN
    matter.full_clean()
    matter.save()
    return matter


@transaction.atomic
def matter_update(*, actor, matter: Matter) -> Matter:
    """Save the office's edits of a matter's facts; status and closing only change through the workflow."""
    _require_officer_of(actor, matter.unit_id)
    # Locked so an edit cannot write back a status that an answer changed meanwhile.
    current = _locked_matter(matter)
    for name in ("status", "closed_at", "closed_by", "adoption", "adoption_reason"):
        setattr(matter, name, getattr(current, name))
    matter.full_clean()
    matter.save()
    return matter


@transaction.atomic
def matter_assign(
    *,
    actor,
    matter: Matter,
    due_on: date,
    instructions: str = "",
    people=(),
    members=(),
    engagements=(),
) -> list[Assignment]:
    """Assign the matter to one or more of the unit's candidates, each with the same due date."""
    _require_officer_of(actor, matter.unit_id)
    # Locked so that two officers assigning at once see each other's assignments.
    matter = _locked_matter(matter)
    _require_open(matter)
    if not (people or members or engagements):
        raise ValidationError(_("Choose at least one lawyer or advisor."))
    today = timezone.localdate()
    if due_on < today:
        raise ValidationError({"due_on": _("The due date cannot be in the past.")})
    if due_on > matter.due_on:
        raise ValidationError(
            {"due_on": _("The opinion is due by the matter's due date, %(day)s.") % {"day": matter.due_on}}
        )
    candidates = candidates_for(matter.unit_id, today)
    wanted = [
        *((AssigneeKind.PUBLIC_LAWYER, item, candidates.people) for item in people),
        *((AssigneeKind.DISPATCHED, item, candidates.members) for item in members),
        *((AssigneeKind.ADVISOR, item, candidates.engagements) for item in engagements),
    ]
    existing = list(matter.assignments.values_list("person_id", "pool_member_id", "engagement_id"))
    taken_people = {row[0] for row in existing if row[0]}
    taken_members = {row[1] for row in existing if row[1]}
    taken_engagements = {row[2] for row in existing if row[2]}
    assignments = []
    for kind, item, allowed in wanted:
        if item.pk not in {candidate.pk for candidate in allowed}:
            raise ValidationError(_("%(name)s cannot be assigned matters of this unit today.") % {"name": item})
        assignment = Assignment(matter=matter, kind=kind, due_on=due_on, instructions=instructions, assigned_by=actor)
        if kind == AssigneeKind.PUBLIC_LAWYER:
            assignment.person, assignment.assignee_name = item, item.name
        elif kind == AssigneeKind.DISPATCHED:
            assignment.pool_member, assignment.person_id, assignment.assignee_name = item, item.person_id, item.name
        else:
            assignment.engagement, assignment.assignee_name = item, item.advisor_name
        if (
            (assignment.person_id and assignment.person_id in taken_people)
            or (assignment.pool_member_id and assignment.pool_member_id in taken_members)
            or (assignment.engagement_id and assignment.engagement_id in taken_engagements)
        ):
            raise ValidationError(_("%(name)s is already assigned to this matter.") % {"name": item})
        taken_people.add(assignment.person_id)
        taken_members.add(assignment.pool_member_id)
        taken_engagements.add(assignment.engagement_id)
        assignment.full_clean()
        assignment.save()
        assignments.append(assignment)
    sync_status(matter)
    accounts = [assignee_account(assignment) for assignment in assignments]
    _notify(
        "matter_assigned",
        [account for account in accounts if account is not None],
        _("New matter assigned to you: %(title)s") % {"title": matter.title},
        matter,
        _("Please accept or decline it. The opinion is due on %(day)s.") % {"day": due_on},
    )
    return assignments


@transaction.atomic
def assignment_rule(*, actor, assignment: Assignment, ruling: str, note: str = "") -> Assignment:
    """The office rules a refusal justified or not; an unjustified refusal is kept for the assessment (R3.3)."""
    _require_officer_of(actor, assignment.matter.unit_id)
    # Locked so a ruling cannot be given twice by two officers at once.
    assignment = _locked_assignment(assignment)
    if assignment.status != AssignmentStatus.DECLINED or assignment.ruling:
        raise ValidationError(_("Only a declined assignment that has not been ruled on can be ruled on."))
    if ruling not in RefusalRuling.values:
        raise ValidationError({"ruling": _("Choose a ruling.")})
    if ruling == RefusalRuling.UNJUSTIFIED and not note.strip():
        raise ValidationError({"note": _("Give the reason why the refusal is not justified.")})
    assignment.ruling, assignment.ruling_note = ruling, note.strip()
    assignment.ruled_by, assignment.ruled_at = actor, timezone.now()
    assignment.save()
    resolve(url=assignment.matter.get_absolute_url(), kinds=["matter_declined"])
    _notify(
        "matter_refusal_ruled",
        _office_and(assignment.matter, assignee_account(assignment), besides=actor),
        _("Refusal of %(title)s: %(ruling)s")
        % {"title": assignment.matter.title, "ruling": RefusalRuling(ruling).label},
        assignment.matter,
        assignment.ruling_note,
    )
    return assignment


@transaction.atomic
def matter_close(*, actor, matter: Matter, adoption: str, reason: str = "") -> Matter:
    """The office closes the matter and records whether the unit adopted the opinion; the record sits on the
    matter, beside the opinion, never in it (R2.3)."""
    _require_officer_of(actor, matter.unit_id)
    # Locked so that an opinion submitted at the same moment is either in before the closing or refused.
    matter = _locked_matter(matter)
    _require_open(matter)
    if not OpinionVersion.objects.filter(opinion__matter=matter).exists():
        raise ValidationError(_("A matter is closed after an opinion or feedback has been submitted."))
    if adoption not in Adoption.values:
        raise ValidationError({"adoption": _("Choose whether the opinion was adopted.")})
    if adoption != Adoption.FULLY and not reason.strip():
        raise ValidationError({"reason": _("Give the reason when the opinion is not adopted in full.")})
    matter.status, matter.adoption, matter.adoption_reason = MatterStatus.CLOSED, adoption, reason.strip()
    matter.closed_at, matter.closed_by = timezone.now(), actor
    matter.full_clean()
    matter.save()
    # Closing settles what the matter's notices asked of anyone: answers, rulings, opinions to read.
    resolve(url=matter.get_absolute_url(), kinds=["matter_assigned", "matter_declined", "matter_opinion_submitted"])
    accounts = [assignee_account(assignment) for assignment in matter.assignments.exclude(person=None)]
    _notify(
        "matter_closed",
        _office_and(matter, *accounts, besides=actor),
        _("Matter closed: %(title)s (%(adoption)s)") % {"title": matter.title, "adoption": Adoption(adoption).label},
        matter,
        matter.adoption_reason,
    )
    return matter


# ---------------------------------------------------------------------------------------------------------
# The assignee: accept, decline, log work, submit the opinion


def _answer(actor, assignment) -> Assignment:
    _require_acts_for(actor, assignment)
    # Locked so an answer and a second answer (or the closing) cannot cross.
    assignment = _locked_assignment(assignment)
    _require_open(assignment.matter)
    if assignment.status != AssignmentStatus.PENDING:
        raise ValidationError(_("This assignment has already been answered."))
    return assignment


@transaction.atomic
def assignment_accept(*, actor, assignment: Assignment) -> Assignment:
    assignment = _answer(actor, assignment)
    assignment.status, assignment.answered_at = AssignmentStatus.ACCEPTED, timezone.now()
    assignment.save()
    sync_status(_locked_matter(assignment.matter))
    resolve(url=assignment.matter.get_absolute_url(), kinds=["matter_assigned"], recipients=[actor])
    _notify(
        "matter_accepted",
        _office_and(assignment.matter, besides=actor),
        _("%(name)s accepted %(title)s") % {"name": assignment.assignee_name, "title": assignment.matter.title},
        assignment.matter,
    )
    return assignment


@transaction.atomic
def assignment_decline(*, actor, assignment: Assignment, reason: str) -> Assignment:
    if not reason.strip():
        raise ValidationError({"reason": _("Give the reason for declining.")})
    assignment = _answer(actor, assignment)
    assignment.status, assignment.decline_reason = AssignmentStatus.DECLINED, reason.strip()
    assignment.answered_at = timezone.now()
    assignment.save()
    sync_status(_locked_matter(assignment.matter))
    resolve(url=assignment.matter.get_absolute_url(), kinds=["matter_assigned"], recipients=[actor])
    _notify(
        "matter_declined",
        _office_and(assignment.matter, besides=actor),
        _("%(name)s declined %(title)s") % {"name": assignment.assignee_name, "title": assignment.matter.title},
        assignment.matter,
        _("Reason: %(reason)s. Please rule whether the refusal is justified.") % {"reason": assignment.decline_reason},
    )
    return assignment


def _require_working(actor, assignment) -> Assignment:
    _require_acts_for(actor, assignment)
    # Locked so that work or an opinion cannot land while the office is closing the matter.
    assignment = _locked_assignment(assignment)
    _require_open(assignment.matter)
    if assignment.status not in (AssignmentStatus.ACCEPTED, AssignmentStatus.COMPLETED):
        raise ValidationError(_("Accept the assignment first."))
    return assignment


@transaction.atomic
def work_log_add(*, actor, assignment: Assignment, worked_on: date, hours: Decimal, description: str) -> WorkEntry:
    # Locked with the closing: no work is logged on a matter being closed.
    assignment = _require_working(actor, assignment)
    if worked_on > timezone.localdate():
        raise ValidationError({"worked_on": _("The date cannot be in the future.")})
    if worked_on < timezone.localtime(assignment.created_at).date():
        raise ValidationError({"worked_on": _("The date cannot be before the assignment.")})
    entry = WorkEntry(
        assignment=assignment, worked_on=worked_on, hours=hours, description=description.strip(), recorded_by=actor
    )
    entry.full_clean()
    entry.save()
    return entry


@transaction.atomic
def opinion_submit(*, actor, assignment: Assignment, text: str) -> OpinionVersion:
    """Submit the opinion or feedback: each submission is a new version signed by its author (R2.3)."""
    if not text.strip():
        raise ValidationError({"text": _("Write the opinion.")})
    account = assignee_account(assignment)
    # Locked so two submissions at once cannot take the same version number.
    assignment = _require_working(actor, assignment)
    opinion = Opinion.objects.filter(assignment=assignment).first()
    if opinion is None:
        opinion = Opinion.objects.create(
            matter=assignment.matter, assignment=assignment, author=account, signed_name=assignment.assignee_name
        )
    elif opinion.author_id is None and account is not None:
        # The assignee gained an account after the office recorded earlier versions on paper: from now on
        # the opinion is theirs alone.
        opinion.author = account
        opinion.save(update_fields=["author", "updated_at"])
    now = timezone.now()
    number = (opinion.versions.aggregate(last=Max("number"))["last"] or 0) + 1
    version = OpinionVersion(
        opinion=opinion,
        number=number,
        text=text.strip(),
        submitted_at=now,
        submitted_by=actor,
        signed_name=assignment.assignee_name,
    )
    version.full_clean()
    version.save()
    if assignment.status != AssignmentStatus.COMPLETED:
        assignment.status, assignment.completed_at = AssignmentStatus.COMPLETED, now
        assignment.save()
    sync_status(_locked_matter(assignment.matter))
    _notify(
        "matter_opinion_submitted",
        _office_and(assignment.matter, besides=actor),
        _("%(name)s submitted an opinion (version %(number)s) on %(title)s")
        % {"name": assignment.assignee_name, "number": number, "title": assignment.matter.title},
        assignment.matter,
    )
    return version
