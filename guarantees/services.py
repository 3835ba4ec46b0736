"""Workflows of the guarantees app (R3.4): overtime and its compensation, leave taken, expense claims,
attachments, and what a matter's page shows of them.

Each function takes the acting user, checks that the step is allowed from the current state, and writes
inside one transaction with the rows it decides on locked. A refused step raises ValidationError with a
message for the user and changes nothing; a role that may never take the step gets PermissionDenied.
"""

from datetime import date
from decimal import Decimal

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Sum
from django.template.defaultfilters import floatformat
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.choices import Role
from accounts.models import User
from chenggu_lawyers.uploads import (
    MAX_ATTACHMENT_BYTES,
    check_upload,
    clean_original_name,
    kept_file_values,
    store_checked,
)
from lawyers.models import Person
from matters.choices import AssignmentStatus
from matters.models import Assignment, Matter, Opinion
from notices.services import notify

from .balances import leave_available
from .choices import Authority, Compensation, ExpenseDecision, ExpenseStatus, OvertimeDecision, OvertimeStatus
from .matter_access import claimable_matters, may_attach_to_opinion, may_read_letter, needs_letter
from .models import MAX_DAY_HOURS, Attachment, ExpenseClaim, LeaveTaken, OvertimeEntry, Receipt
from .roles import CLAIMANTS

# ---------------------------------------------------------------------------------------------------------
# Guards


def _require_officer_of(actor, unit_id):
    if actor.role != Role.UNIT_OFFICER or actor.unit_id != unit_id:
        raise PermissionDenied


def _not_in_future(day: date, label: str):
    if day > timezone.localdate():
        raise ValidationError(_("%(label)s cannot be in the future.") % {"label": label})


def _unit_officers(unit_id):
    return User.objects.filter(role=Role.UNIT_OFFICER, unit_id=unit_id, is_active=True)


def _accounts_of(person_id):
    return User.objects.filter(role=Role.PUBLIC_LAWYER, person_id=person_id, is_active=True)


def _locked_person(person_id) -> Person:
    return Person.objects.select_for_update().get(pk=person_id)


# ---------------------------------------------------------------------------------------------------------
# Overtime (R3.4: work outside statutory working days gives compensatory leave, or a subsidy)


def may_log_overtime_for(actor, person: Person) -> bool:
    if actor.role == Role.PUBLIC_LAWYER:
        return actor.person_id is not None and actor.person_id == person.pk
    return actor.role == Role.UNIT_OFFICER and actor.unit_id == person.unit_id


@transaction.atomic
def overtime_log(*, actor, person: Person, worked_on: date, hours: Decimal, description: str, matter=None):
    """Record hours worked on a rest day or holiday; the unit office then decides how they are made good."""
    if not may_log_overtime_for(actor, person):
        raise PermissionDenied
    # Lock the person: two entries for the same day saved at once could together pass 24 hours.
    person = _locked_person(person.pk)
    if matter is not None and not Matter.objects.visible_to(actor).filter(pk=matter.pk).exists():
        raise ValidationError({"matter": _("You cannot record work on this matter.")})
    entry = OvertimeEntry(
        person=person,
        worked_on=worked_on,
        hours=hours,
        description=description.strip(),
        matter=matter,
        recorded_by=actor,
    )
    entry.full_clean()
    _not_in_future(worked_on, _("The day worked"))
    already = OvertimeEntry.objects.filter(person=person, worked_on=worked_on).exclude(
        status=OvertimeStatus.REFUSED
    ).aggregate(total=Sum("hours"))["total"] or Decimal("0")
    if already + entry.hours > MAX_DAY_HOURS:
        raise ValidationError(
            {
                "hours": _("%(hours)s hours are already recorded for this day; a day has 24.")
                % {"hours": floatformat(already, -1)}
            }
        )
    entry.save()
    if actor.role == Role.PUBLIC_LAWYER:
        notify(
            recipients=_unit_officers(person.unit_id),
            kind="overtime_submitted",
            title=_("Overtime to decide: %(person)s, %(day)s") % {"person": person, "day": f"{worked_on:%Y-%m-%d}"},
            body=entry.description,
            url=entry.get_absolute_url(),
        )
    return entry


@transaction.atomic
def overtime_decide(*, actor, entry: OvertimeEntry, decision: str, reason: str = "") -> OvertimeEntry:
    """Approve an entry as compensatory leave (the rule), as a subsidy where leave is impossible, or refuse it."""
    _require_officer_of(actor, entry.person.unit_id)
    # Lock the entry: two officers deciding at once would both see it undecided.
    entry = OvertimeEntry.objects.select_for_update().select_related("person").get(pk=entry.pk)
    if entry.status != OvertimeStatus.SUBMITTED:
        raise ValidationError(_("This entry has already been decided."))
    decision = OvertimeDecision(decision)
    reason = reason.strip()
    if decision == OvertimeDecision.SUBSIDY and not reason:
        raise ValidationError({"reason": _("Say why compensatory leave is impossible; leave is the rule.")})
    if decision == OvertimeDecision.REFUSE and not reason:
        raise ValidationError({"reason": _("Please give the reason for the refusal.")})
    if decision == OvertimeDecision.REFUSE:
        entry.status = OvertimeStatus.REFUSED
    else:
        entry.status = OvertimeStatus.APPROVED
        entry.compensation = Compensation(decision.value)
    entry.decision_reason = reason
    entry.decided_by = actor
    entry.decided_at = timezone.now()
    entry.full_clean()
    entry.save()
    notify(
        recipients=_accounts_of(entry.person_id),
        kind="overtime_decided",
        title=_("Your overtime of %(day)s: %(decision)s")
        % {"day": f"{entry.worked_on:%Y-%m-%d}", "decision": decision.label},
        body=reason,
        url=entry.get_absolute_url(),
    )
    return entry


@transaction.atomic
def leave_record(
    *, actor, person: Person, first_day: date, last_day: date, hours: Decimal, note: str = ""
) -> LeaveTaken:
    """Record compensatory leave the person took; it may not exceed the leave their overtime earned."""
    _require_officer_of(actor, person.unit_id)
    # Lock the person: two officers recording leave at once could both pass the balance check.
    person = _locked_person(person.pk)
    leave = LeaveTaken(
        person=person, first_day=first_day, last_day=last_day, hours=hours, note=note.strip(), recorded_by=actor
    )
    leave.full_clean()
    available = leave_available(person.pk, before=first_day)
    if leave.hours > available:
        raise ValidationError(
            {
                "hours": _("%(person)s has %(hours)s hours of compensatory leave available before %(day)s.")
                % {"person": person, "hours": floatformat(max(available, Decimal("0")), -1), "day": first_day}
            }
        )
    leave.save()
    return leave


# ---------------------------------------------------------------------------------------------------------
# Expenses (R3.4: travel expenses reimbursed)


@transaction.atomic
def expense_claim(
    *, actor, matter, incurred_on: date, kind: str, amount: Decimal, description: str, receipts=()
) -> ExpenseClaim:
    """A public lawyer claims a cost paid while handling a matter they may claim against, with its receipts
    (files, optional: more may be added while the claim awaits its decision)."""
    if actor.role != Role.PUBLIC_LAWYER or actor.person_id is None:
        raise PermissionDenied
    if not claimable_matters(actor).filter(pk=matter.pk).exists():
        raise ValidationError({"matter": _("You may claim only against matters of your unit assigned to you.")})
    claim = ExpenseClaim(
        matter=matter,
        person_id=actor.person_id,
        incurred_on=incurred_on,
        kind=kind,
        amount=amount,
        description=description.strip(),
        submitted_by=actor,
    )
    claim.full_clean()
    _not_in_future(incurred_on, _("The day of the expense"))
    # Every file checked before anything is written: one refused receipt refuses the claim, with its message.
    checked = [(upload, _checked_receipt(upload)) for upload in receipts]
    claim.save()
    for upload, values in checked:
        store_checked(Receipt(claim=claim, uploaded_by=actor, **values), upload)
    notify(
        recipients=_unit_officers(matter.unit_id),
        kind="expense_submitted",
        title=_("Expense claim to decide: %(claim)s") % {"claim": claim},
        body=f"{claim.amount} · {claim.description}",
        url=claim.get_absolute_url(),
    )
    return claim


def _checked_receipt(upload) -> dict:
    try:
        return kept_file_values(upload)
    except ValidationError as error:
        raise ValidationError(
            {
                "receipts": _("%(name)s: %(problem)s")
                % {"name": clean_original_name(upload.name), "problem": " ".join(error.messages)}
            }
        ) from error


def may_add_receipt(user, claim: ExpenseClaim) -> bool:
    """The claimant adds receipts while the claim awaits its decision; a decided claim's record is closed."""
    return (
        user.role == Role.PUBLIC_LAWYER
        and user.person_id is not None
        and user.person_id == claim.person_id
        and claim.status == ExpenseStatus.SUBMITTED
    )


@transaction.atomic
def receipt_add(*, actor, claim: ExpenseClaim, upload) -> Receipt:
    """Keep a receipt with a claim awaiting its decision, after checking the file."""
    # Locked: a decision taken at the same moment must not be taken on a claim whose receipts still change.
    claim = ExpenseClaim.objects.select_for_update().get(pk=claim.pk)
    if not may_add_receipt(actor, claim):
        if claim.status != ExpenseStatus.SUBMITTED and actor.person_id == claim.person_id:
            raise ValidationError(_("This claim has already been decided; its receipts can no longer change."))
        raise PermissionDenied
    values = _checked_receipt(upload)
    receipt = Receipt(claim=claim, uploaded_by=actor, **values)
    store_checked(receipt, upload)
    return receipt


@transaction.atomic
def expense_decide(*, actor, claim: ExpenseClaim, decision: str, reason: str = "") -> ExpenseClaim:
    _require_officer_of(actor, claim.matter.unit_id)
    # Lock the claim: two officers deciding at once would both see it undecided.
    claim = ExpenseClaim.objects.select_for_update().select_related("person", "matter").get(pk=claim.pk)
    if claim.status != ExpenseStatus.SUBMITTED:
        raise ValidationError(_("This claim has already been decided."))
    decision = ExpenseDecision(decision)
    reason = reason.strip()
    if decision == ExpenseDecision.REFUSE and not reason:
        raise ValidationError({"reason": _("Please give the reason for the refusal.")})
    claim.status = ExpenseStatus.APPROVED if decision == ExpenseDecision.APPROVE else ExpenseStatus.REFUSED
    claim.refusal_reason = reason if decision == ExpenseDecision.REFUSE else ""
    claim.decided_by = actor
    claim.decided_at = timezone.now()
    claim.full_clean()
    claim.save()
    notify(
        recipients=[claim.submitted_by, *_accounts_of(claim.person_id)],
        kind="expense_decided",
        title=_("Your expense claim %(claim)s: %(decision)s")
        % {"claim": claim, "decision": claim.get_status_display()},
        body=reason,
        url=claim.get_absolute_url(),
    )
    return claim


# ---------------------------------------------------------------------------------------------------------
# Attachments


def may_upload(user, matter) -> bool:
    """The matter's unit office, and its lawyers who have not declined it, add files (R2.3 keeps opinions
    apart: see attachment_add). Files are never deleted: they are the matter's record."""
    if user.role == Role.UNIT_OFFICER:
        return user.unit_id == matter.unit_id
    if user.role == Role.PUBLIC_LAWYER and user.person_id is not None:
        return (
            Assignment.objects.filter(matter=matter, person_id=user.person_id)
            .exclude(status=AssignmentStatus.DECLINED)
            .exists()
        )
    return False


@transaction.atomic
def attachment_add(*, actor, matter, upload, opinion=None) -> Attachment:
    """Keep a file with a matter the actor works on (or with an opinion they wrote), after checking it."""
    if not may_upload(actor, matter):
        raise PermissionDenied
    if opinion is not None and (opinion.matter_id != matter.pk or not may_attach_to_opinion(actor, opinion)):
        # R2.3: an opinion is its author's alone; nobody else adds to it.
        raise PermissionDenied
    content_type = check_upload(upload)
    attachment = Attachment(
        matter=matter,
        opinion=opinion,
        original_name=clean_original_name(upload.name),
        size=upload.size,
        content_type=content_type,
        uploaded_by=actor,
    )
    upload.seek(0)
    attachment.file.save(attachment.original_name, upload, save=False)
    # The file is on disk before the row: a row that cannot be saved must not leave an orphan file behind.
    try:
        attachment.full_clean(exclude=["file"])
        attachment.save()
    except Exception:
        attachment.file.delete(save=False)
        raise
    return attachment


# ---------------------------------------------------------------------------------------------------------
# A matter's page


def matter_panel(matter, user) -> dict:
    """What the matter's page shows of this app, read in the user's scope: the attachments, the expense claims
    with their totals, and the links to upload, claim and print the commission letter. The template
    `guarantees/_matter_panel.html` renders it: `{% include "guarantees/_matter_panel.html" with panel=… %}`."""
    attachments = list(
        Attachment.objects.visible_to(user).filter(matter=matter).select_related("uploaded_by", "opinion")
    )
    claims = list(ExpenseClaim.objects.visible_to(user).filter(matter=matter).select_related("person"))
    totals = {status: Decimal("0") for status in ExpenseStatus.values}
    for claim in claims:
        totals[claim.status] += claim.amount
    uploader = may_upload(user, matter)
    own_opinions = []
    if uploader and user.role == Role.PUBLIC_LAWYER and not matter.is_closed:
        own_opinions = list(Opinion.objects.filter(matter=matter, author=user))
    letter = needs_letter(matter) and may_read_letter(user, matter)
    return {
        "matter": matter,
        "attachments": attachments,
        "claims": claims,
        "totals": totals,
        "may_upload": uploader,
        "upload_url": reverse("guarantees:matter_panel", args=[matter.pk]),
        "own_opinions": own_opinions,
        "max_megabytes": MAX_ATTACHMENT_BYTES // 2**20,
        "may_claim": user.role in CLAIMANTS and claimable_matters(user).filter(pk=matter.pk).exists(),
        "claim_url": f"{reverse('guarantees:expense_create')}?matter={matter.pk}",
        "letter_url": reverse("guarantees:commission_letter", args=[matter.pk]) if letter else "",
        "authorities": Authority.choices,
    }
