"""The unit's yearly summary (R4.3), the assessment body's (考核评定工作机构) document:

draft (the unit's legal office writes it) → submitted to the unit's committee (the figures freeze) →
approved by the committee, which sends it to the county office and, for a unit of a vertical or dual-led
system, to the superior organisation — or returned with a reason, revised and submitted again.

The county office reminds (催报) the units whose summary of a year still waits on them, once a day at most.

`summary_actions` is the one answer to "what may this user do to this summary now": the page shows those
buttons, the views and the services below refuse anything else. A step the summary has already moved past
is refused with its current state ("already handled"), not as a lack of rights.
"""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.choices import Role
from accounts.models import User
from notices.services import notify, resolve
from units.models import Unit

from ..choices import SummaryStatus
from ..models import AssessmentYear, Committee, UnitSummary
from ..models.summaries import WITH_THE_UNIT, SummaryReminder
from ..summaries import as_of_for, compute_figures

SUMMARY_WRITERS = frozenset({Role.UNIT_OFFICER})
# The unit's committee approves or returns what its legal office drafted (DOMAIN.md, clarifications).
SUMMARY_APPROVERS = frozenset({Role.COMMITTEE_MEMBER})
SUMMARY_RETURNERS = SUMMARY_APPROVERS
SUMMARY_REMINDERS = frozenset({Role.COUNTY_OFFICE})
TEXT_FIELDS = ("work_done", "problems", "plans")

EDIT, SUBMIT, APPROVE, RETURN = "edit", "submit", "approve", "return"


def committees_of(summary: UnitSummary):
    """The committees that assess the summary's unit in its year: the unit's own, or its system's (the rule
    of `committee_units`, and of who reads a submitted summary: `models.summaries.covering_committees`)."""
    own_or_system = Q(unit_id=summary.unit_id)
    if summary.unit.superior_id:
        own_or_system |= Q(system_organisation_id=summary.unit.superior_id)
    return Committee.objects.filter(own_or_system, year_id=summary.year_id)


def _sits_on_committee(user, summary: UnitSummary) -> bool:
    return committees_of(summary).filter(members=user).exists()


def summary_actions(user, summary: UnitSummary) -> frozenset[str]:
    """What `user` may do to `summary` in its current state (one query at most: whom the committee is)."""
    if user is None or not user.is_authenticated:
        return frozenset()
    if user.role in SUMMARY_WRITERS and user.unit_id == summary.unit_id and summary.is_editable:
        # Submitted to a committee that exists: without one it would wait on nobody.
        return frozenset({EDIT, SUBMIT}) if committees_of(summary).exists() else frozenset({EDIT})
    if (
        user.role in SUMMARY_APPROVERS
        and summary.status == SummaryStatus.SUBMITTED
        and _sits_on_committee(user, summary)
    ):
        return frozenset({APPROVE, RETURN})
    return frozenset()


def _already_handled(summary: UnitSummary) -> ValidationError:
    return ValidationError(
        _("Already handled: the summary is now “%(status)s”.") % {"status": summary.get_status_display()},
        code="handled",
    )


def _require_writer(actor, summary: UnitSummary) -> None:
    if actor.role not in SUMMARY_WRITERS or actor.unit_id != summary.unit_id:
        raise PermissionDenied


def _require_committee(actor, summary: UnitSummary) -> None:
    if actor.role not in SUMMARY_APPROVERS or not _sits_on_committee(actor, summary):
        raise PermissionDenied


def _locked(summary: UnitSummary) -> UnitSummary:
    return UnitSummary.objects.select_for_update().select_related("year", "unit").get(pk=summary.pk)


def _officers(unit_id):
    return User.objects.filter(role=Role.UNIT_OFFICER, unit_id=unit_id, is_active=True)


def year_summaries_url(year) -> str:
    return reverse("assessments:year_summaries", args=[year.pk])


@transaction.atomic
def summary_start(*, actor, year: AssessmentYear) -> UnitSummary:
    """The actor's unit's draft for `year`: the existing one, or a new one if the unit takes part."""
    if actor.role not in SUMMARY_WRITERS or not actor.unit_id:
        raise PermissionDenied
    # Locked so two clicks (or two officers) at once make one draft, and the year's units stay as checked.
    year = AssessmentYear.objects.select_for_update().get(pk=year.pk)
    existing = UnitSummary.objects.filter(year=year, unit_id=actor.unit_id).first()
    if existing is not None:
        return existing
    if not year.units.filter(pk=actor.unit_id).exists():
        raise ValidationError(_("Your unit does not take part in the %(year)s assessment.") % {"year": year.year})
    if timezone.localdate().year < year.year:
        raise ValidationError(_("The year %(year)s has not begun yet.") % {"year": year.year})
    summary = UnitSummary(year=year, unit_id=actor.unit_id)
    summary.full_clean()
    summary.save()
    return summary


@transaction.atomic
def summary_save_text(*, actor, summary: UnitSummary, work_done: str, problems: str, plans: str) -> UnitSummary:
    """The unit's own words; the figures are not the unit's to edit."""
    # Locked against a submission landing meanwhile: text saved after it would change a submitted summary.
    summary = _locked(summary)
    _require_writer(actor, summary)
    if not summary.is_editable:
        raise ValidationError(_("The summary has been submitted and can no longer be edited."))
    summary.work_done, summary.problems, summary.plans = work_done, problems, plans
    summary.full_clean()
    summary.save()
    return summary


@transaction.atomic
def summary_submit(*, actor, summary: UnitSummary) -> UnitSummary:
    """Freeze the figures as they are now, record who and when, and send the summary to the committee.

    A year that has not ended may be submitted (its figures are then as of today, which the summary shows);
    the page warns and asks for an explicit confirmation first (`summaries.year_has_ended`)."""
    # Locked so two officers submitting at once submit once and freeze one set of figures.
    summary = _locked(summary)
    _require_writer(actor, summary)
    if summary.status == SummaryStatus.SUBMITTED:
        raise ValidationError(_("The summary has already been submitted."), code="handled")
    if not summary.is_editable:
        raise _already_handled(summary)
    if not summary.year.units.filter(pk=summary.unit_id).exists():
        raise ValidationError(
            _("Your unit does not take part in the %(year)s assessment.") % {"year": summary.year.year}
        )
    committees = committees_of(summary)
    if not committees.exists():
        raise ValidationError(
            _("Your unit has no assessment committee for %(year)s yet: form it on the year's page first.")
            % {"year": summary.year.year}
        )
    missing = [
        UnitSummary._meta.get_field(name).verbose_name for name in TEXT_FIELDS if not getattr(summary, name).strip()
    ]
    if missing:
        raise ValidationError(
            _("Write these parts before submitting: %(parts)s.") % {"parts": "、".join(str(name) for name in missing)}
        )
    as_of = as_of_for(summary.year.year)
    summary.figures = compute_figures(summary.unit, summary.year, as_of)
    summary.figures_as_of = as_of
    summary.status = SummaryStatus.SUBMITTED
    summary.submitted_at = timezone.now()
    summary.submitted_by = actor
    summary.full_clean()
    summary.save()
    url = summary.get_absolute_url()
    # What asked the unit to submit is done: the return, and the county office's reminders.
    for link in (url, year_summaries_url(summary.year)):
        resolve(url=link, kinds=("summary_returned", "summary_reminder"), recipients=_officers(summary.unit_id))
    notify(
        recipients=User.objects.filter(committees__in=committees, is_active=True),
        kind="summary_submitted",
        title=_("Yearly summary to approve: %(summary)s") % {"summary": summary},
        url=url,
    )
    return summary


@transaction.atomic
def summary_return(*, actor, summary: UnitSummary, comment: str) -> UnitSummary:
    """The committee sends a submitted summary back to the unit for revision, saying why."""
    summary = _locked(summary)
    _require_committee(actor, summary)
    if summary.status != SummaryStatus.SUBMITTED:
        raise _already_handled(summary)
    if not comment.strip():
        raise ValidationError({"comment": _("Say why the summary is returned.")})
    summary.status = SummaryStatus.RETURNED
    summary.return_comment = comment
    summary.returned_at = timezone.now()
    summary.returned_by = actor
    # The revised summary is computed afresh; the figures as first submitted stay in the audit log.
    summary.figures = {}
    summary.figures_as_of = None
    summary.full_clean()
    summary.save()
    url = summary.get_absolute_url()
    resolve(url=url, kinds=("summary_submitted",))  # the other members need not act on it any more
    notify(
        recipients=_officers(summary.unit_id),
        kind="summary_returned",
        title=_("Yearly summary returned for revision: %(summary)s") % {"summary": summary},
        body=comment,
        url=url,
    )
    return summary


@transaction.atomic
def summary_approve(*, actor, summary: UnitSummary) -> UnitSummary:
    """The committee approves the submitted text; the summary goes to the county office and, for a unit of a
    vertical or dual-led system, to its superior organisation (R4.3)."""
    summary = _locked(summary)
    _require_committee(actor, summary)
    if summary.status != SummaryStatus.SUBMITTED:
        raise _already_handled(summary)
    summary.status = SummaryStatus.APPROVED
    summary.approved_at = timezone.now()
    summary.approved_by = actor
    summary.full_clean()
    summary.save()
    url = summary.get_absolute_url()
    resolve(url=url, kinds=("summary_submitted",))  # the other members need not act on it any more
    notify(
        recipients=_officers(summary.unit_id),
        kind="summary_approved",
        title=_("Yearly summary approved by the committee: %(summary)s") % {"summary": summary},
        url=url,
    )
    receivers = Q(role=Role.COUNTY_OFFICE)
    if summary.unit.in_system:
        receivers |= Q(role=Role.POOL_OFFICER, system_organisation_id=summary.unit.superior_id)
    notify(
        recipients=User.objects.filter(receivers, is_active=True),
        kind="summary_received",
        title=_("Yearly summary received: %(summary)s") % {"summary": summary},
        url=url,
    )
    return summary


def units_to_remind(year: AssessmentYear):
    """The year's taking-part units whose summary still waits on them: none yet, a draft, or returned."""
    sent = UnitSummary.objects.filter(year=year).exclude(status__in=WITH_THE_UNIT).values("unit_id")
    return year.units.exclude(pk__in=sent).order_by("name")


@transaction.atomic
def summary_remind(*, actor, year: AssessmentYear, units) -> tuple[list[Unit], list[Unit]]:
    """Remind each of `units` that has not submitted its summary of `year` (催报), with a notice to its legal
    office linking to its summary (or to the year's summaries, where it starts one). Returns (reminded,
    skipped): a unit reminded today already, or that submitted meanwhile, is skipped."""
    if actor.role not in SUMMARY_REMINDERS:
        raise PermissionDenied
    # Locked so two clerks clicking together remind each unit once (the unique constraint would otherwise
    # turn the second click into an error instead of a skip).
    year = AssessmentYear.objects.select_for_update().get(pk=year.pk)
    today = timezone.localdate()
    pending = {unit.pk: unit for unit in units_to_remind(year)}
    done_today = set(SummaryReminder.objects.filter(year=year, sent_on=today).values_list("unit_id", flat=True))
    summaries = dict(UnitSummary.objects.filter(year=year).values_list("unit_id", "pk"))
    reminded, skipped = [], []
    for unit in units:
        if unit.pk not in pending or unit.pk in done_today:
            skipped.append(unit)
            continue
        reminder = SummaryReminder(year=year, unit=unit, sent_on=today, sent_by=actor)
        reminder.full_clean()
        reminder.save()
        pk = summaries.get(unit.pk)
        notify(
            recipients=_officers(unit.pk),
            kind="summary_reminder",
            title=_("Please submit your unit's %(year)s summary") % {"year": year.year},
            body=_("The county office reminds %(unit)s to submit its %(year)s progress summary to its committee.")
            % {"unit": unit.name, "year": year.year},
            url=reverse("assessments:summary_detail", args=[pk]) if pk else year_summaries_url(year),
        )
        reminded.append(unit)
    return reminded, skipped
