"""Dated facts of one person must agree with each other, however long ago they lie (DOMAIN.md, clarifications).

The rules, each written once over plain date intervals so that the history import (a whole workbook checked
before anything is written) and the pages (one fact entered by hand, checked against what is stored) apply
the same ones:
- a person works in one unit at a time: their postings do not overlap;
- a posting lies within its unit's existence (not before it was established, not after it was abolished);
- a certificate is issued on a day its holder was posted in a unit; a person's certificates do not overlap;
- a suspension lies within its certificate's term and does not overlap another suspension of it;
- a person's periods of full-time legal work do not overlap.
Each check returns messages (empty when the facts agree); the `check_*` wrappers read the stored facts and
raise ValidationError for a page or a service.
"""

from datetime import date

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from chenggu_lawyers.in_force import CERTIFICATE, POSTING, HalfOpen

Span = tuple[date | None, date | None]  # [start, end); None is an open end


def _day(value: date | None, open_text: str) -> str:
    return value.isoformat() if value else open_text


def span_text(span: Span) -> str:
    """A span as the messages show it: 2021-07-01 – 至今, 平台登记前 – 2019-01-01."""
    # Literal msgids in plain calls: xgettext (makemessages) does not read calls inside an f-string, so a
    # label written there was never extracted and showed in English in the Chinese messages.
    before_the_records = _("before the records")
    still = _("now")
    return f"{_day(span[0], before_the_records)} – {_day(span[1], still)}"


def overlapping(span: Span, others: list[Span]) -> Span | None:
    """The first of `others` that shares a day with `span`."""
    return next((other for other in others if HalfOpen.dates_overlap(span, other)), None)


def posting_errors(span: Span, others: list[Span], unit_span: Span, unit_name: str) -> list[str]:
    errors = []
    clash = overlapping(span, others)
    if clash is not None:
        errors.append(
            _("The person already has a posting from %(other)s: a person works in one unit at a time.")
            % {"other": span_text(clash)}
        )
    established, abolished = unit_span
    start, end = HalfOpen.interval(*span)
    if established is not None and start < established:
        errors.append(
            _("%(unit)s was established on %(day)s: a posting cannot start before that.")
            % {"unit": unit_name, "day": established}
        )
    if abolished is not None and end > abolished:
        errors.append(
            _("%(unit)s was abolished on %(day)s: the posting must end by then.")
            % {"unit": unit_name, "day": abolished}
        )
    return errors


def certificate_errors(span: Span, postings: list[Span], others: list[Span]) -> list[str]:
    """`span`: [issued_on, ended_on); `postings`: the holder's; `others`: the holder's other certificates."""
    errors = []
    issued_on = span[0]
    if not any(POSTING.dates_hold(start, end, issued_on) for start, end in postings):
        errors.append(
            _("On %(day)s the holder was not posted in any unit: a certificate is issued to someone working in a unit.")
            % {"day": issued_on}
        )
    clash = overlapping(span, others)
    if clash is not None:
        errors.append(
            _("The holder already had a certificate from %(other)s: one certificate at a time.")
            % {"other": span_text(clash)}
        )
    return errors


def suspension_errors(span: Span, certificate: Span, others: list[Span]) -> list[str]:
    errors = []
    start, end = span
    c_start, c_end = certificate
    if not CERTIFICATE.dates_hold(c_start, c_end, start) or (end is not None and c_end is not None and end > c_end):
        errors.append(
            _("The suspension must lie within the certificate's term (%(term)s).") % {"term": span_text(certificate)}
        )
    elif end is None and c_end is not None:
        errors.append(
            _("The certificate ended on %(day)s: the suspension needs its end, at the latest that day.")
            % {"day": c_end}
        )
    clash = overlapping(span, others)
    if clash is not None:
        errors.append(_("The certificate is already suspended from %(other)s.") % {"other": span_text(clash)})
    return errors


def legal_work_errors(span: Span, others: list[Span]) -> list[str]:
    clash = overlapping(span, others)
    if clash is None:
        return []
    return [_("This period overlaps another period of legal work (%(other)s).") % {"other": span_text(clash)}]


def not_in_future(day: date | None, today: date) -> list[str]:
    if day is not None and day > today:
        return [_("The date %(day)s lies in the future.") % {"day": day}]
    return []


# --- the same rules against what is stored ----------------------------------------------------------------


def _raise(errors: list[str]) -> None:
    if errors:
        raise ValidationError(errors)


def check_posting(posting) -> None:
    from .models import Posting

    others = Posting.objects.filter(person_id=posting.person_id).exclude(pk=posting.pk)
    unit = posting.unit
    _raise(
        posting_errors(
            (posting.started_on, posting.ended_on),
            list(others.values_list("started_on", "ended_on")),
            (unit.established_on, unit.abolished_on),
            unit.name,
        )
    )


def check_certificate(certificate) -> None:
    from .models import Certificate, Posting

    postings = list(Posting.objects.filter(person_id=certificate.person_id).values_list("started_on", "ended_on"))
    others = Certificate.objects.filter(person_id=certificate.person_id).exclude(pk=certificate.pk)
    _raise(
        certificate_errors(
            (certificate.issued_on, certificate.ended_on), postings, list(others.values_list("issued_on", "ended_on"))
        )
    )


def check_suspension(suspension) -> None:
    from .models import Suspension

    certificate = suspension.certificate
    others = Suspension.objects.filter(certificate_id=certificate.pk).exclude(pk=suspension.pk)
    _raise(
        suspension_errors(
            (suspension.started_on, suspension.ended_on),
            (certificate.issued_on, certificate.ended_on),
            list(others.values_list("started_on", "ended_on")),
        )
    )


def check_legal_work_period(period) -> None:
    from .models import LegalWorkPeriod

    others = LegalWorkPeriod.objects.filter(person_id=period.person_id).exclude(pk=period.pk)
    _raise(legal_work_errors((period.started_on, period.ended_on), list(others.values_list("started_on", "ended_on"))))
