"""The unit's yearly summary (R4.3): start → write the text → submit (the figures freeze) → maybe returned.

The unit's legal office starts and writes it for a year its unit takes part in; the county office may return
a submitted summary with a reason, and the unit revises and submits it again with figures frozen anew.
"""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.choices import Role
from accounts.models import User
from notices.services import notify

from ..choices import SummaryStatus
from ..models import AssessmentYear, UnitSummary
from ..summaries import as_of_for, compute_figures

SUMMARY_WRITERS = frozenset({Role.UNIT_OFFICER})
SUMMARY_RETURNERS = frozenset({Role.COUNTY_OFFICE})
TEXT_FIELDS = ("work_done", "problems", "plans")


def _require_writer(actor, summary: UnitSummary) -> None:
    if actor.role not in SUMMARY_WRITERS or actor.unit_id != summary.unit_id:
        raise PermissionDenied


def _locked(summary: UnitSummary) -> UnitSummary:
    return UnitSummary.objects.select_for_update().select_related("year", "unit").get(pk=summary.pk)


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
    """Freeze the figures as they are now, record who and when, and tell the county office."""
    # Locked so two officers submitting at once submit once and freeze one set of figures.
    summary = _locked(summary)
    _require_writer(actor, summary)
    if summary.status == SummaryStatus.SUBMITTED:
        raise ValidationError(_("The summary has already been submitted."))
    if not summary.year.units.filter(pk=summary.unit_id).exists():
        raise ValidationError(
            _("Your unit does not take part in the %(year)s assessment.") % {"year": summary.year.year}
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
    notify(
        recipients=User.objects.filter(role=Role.COUNTY_OFFICE, is_active=True),
        kind="summary_submitted",
        title=_("Yearly summary submitted: %(summary)s") % {"summary": summary},
        url=summary.get_absolute_url(),
    )
    return summary


@transaction.atomic
def summary_return(*, actor, summary: UnitSummary, comment: str) -> UnitSummary:
    """The county office sends a submitted summary back for revision, saying why."""
    if actor.role not in SUMMARY_RETURNERS:
        raise PermissionDenied
    summary = _locked(summary)
    if summary.status != SummaryStatus.SUBMITTED:
        raise ValidationError(_("Only a submitted summary can be returned."))
    if not comment.strip():
        raise ValidationError({"comment": _("Say why the summary is returned.")})
    summary.status = SummaryStatus.RETURNED
    summary.return_comment = comment
    summary.returned_at = timezone.now()
    # The revised summary is computed afresh; the figures as first submitted stay in the audit log.
    summary.figures = {}
    summary.figures_as_of = None
    summary.full_clean()
    summary.save()
    notify(
        recipients=User.objects.filter(role=Role.UNIT_OFFICER, unit_id=summary.unit_id, is_active=True),
        kind="summary_returned",
        title=_("Yearly summary returned: %(summary)s") % {"summary": summary},
        body=comment,
        url=summary.get_absolute_url(),
    )
    return summary
