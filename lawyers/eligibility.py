"""Who may be put forward for a public-lawyer certificate (national Measures, Art. 5 and 6), on a given day.

Each rule is written once as a filter (so lists and findings count eligible people in one query) and once
as a check of a loaded person (for the checklist); tests hold the two to the same answer for every rule.
Both take the day: eligibility on an as-of date reads the facts of that date (DOMAIN.md, clarifications),
so the person's checklist, the unit page and the findings agree for the same day. The declarations that
only the unit can make (supports the Constitution, good conduct, consent) are taken with the application.

The portal's own records count against a person (Art. 6): a certificate of theirs revoked on or before the
day bars them for good, like a licence revoked elsewhere that the unit declares; a certificate suspended
on the day is at least a reason to ask about an investigation, so the rule counts it as unmet too and says
why (the suspension's reason), until the certificate is reinstated or ended. The checklist reads
`person.certificates.all()` with their suspensions (prefetched on the person page).
"""

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date

from django.db.models import Exists, OuterRef, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from chenggu_lawyers import in_force

from .choices import AnnualGrade, CertificateStatus


@dataclass(frozen=True)
class Rule:
    code: str
    label: object
    unmet: object
    q: Callable  # day -> Q over Person
    check: Callable  # (person, day) -> bool
    # The reason shown for an unmet rule when it depends on the person's records (else `unmet`).
    explain: Callable | None = None


def _revoked_by(person, day: date) -> list:
    return [
        c for c in person.certificates.all() if c.status == CertificateStatus.REVOKED and in_force.ENDED.holds(c, day)
    ]


def _revoked_q(day: date) -> Q:
    from .models import Certificate

    return Q(
        Exists(
            Certificate.objects.filter(in_force.ENDED.q(day), person=OuterRef("pk"), status=CertificateStatus.REVOKED)
        )
    )


def _suspended_on(person, day: date) -> list:
    """The suspensions of the person's certificates that hold on `day`, while the certificate does."""
    return [
        suspension
        for certificate in person.certificates.all()
        if in_force.CERTIFICATE.holds(certificate, day)
        for suspension in certificate.suspensions.all()
        if in_force.SUSPENSION.holds(suspension, day)
    ]


def _suspended_q(day: date) -> Q:
    from .models import Suspension

    return Q(
        Exists(
            Suspension.objects.on(day).filter(
                in_force.CERTIFICATE.q(day, "certificate__"), certificate__person=OuterRef("pk")
            )
        )
    )


def _licence_reason(person, day):
    revoked = _revoked_by(person, day)
    if not revoked:
        return _("A lawyer's or notary's licence was revoked.")
    return _("The public-lawyer certificate %(number)s was revoked on %(day)s.") % {
        "number": revoked[0].number,
        "day": f"{revoked[0].ended_on:%Y-%m-%d}",
    }


def _investigation_reason(person, day):
    if person.under_investigation:
        return _("Under criminal or disciplinary investigation.")
    suspensions = _suspended_on(person, day)
    if not suspensions:
        return _("The certificate is suspended: check whether an investigation is under way.")
    suspension = suspensions[0]
    return _(
        "The certificate is suspended since %(day)s (%(reason)s): check whether an investigation is under way "
        "and record it on the person."
    ) % {"day": f"{suspension.started_on:%Y-%m-%d}", "reason": suspension.reason.strip().rstrip("。.")}


# The portal's own records of civil-servant grades (the assessments app keeps one per lawyer and year) count
# against the annual-grade rule too (DOMAIN.md, clarifications). That app registers them here from its
# AppConfig.ready(): lawyers does not import the apps built on it.
GRADE_RECORDS: list[tuple[Callable, Callable]] = []


def register_grade_record(q: Callable, reasons: Callable) -> None:
    """`q(day)`: a filter over people with such a record that day; `reasons(person, day)`: its messages."""
    GRADE_RECORDS.append((q, reasons))


def _no_grade_record_q(day: date) -> Q:
    q = Q()
    for record_q, _reasons in GRADE_RECORDS:
        q &= ~record_q(day)
    return q


def _grade_records(person, day: date) -> list:
    return [reason for _q, reasons in GRADE_RECORDS for reason in reasons(person, day)]


RULES = (
    Rule(
        "qualification",
        _("Holds the legal professional qualification or the lawyer qualification (Art. 5)"),
        _("No legal professional qualification or lawyer qualification is recorded."),
        in_force.QUALIFICATION.q,
        in_force.QUALIFICATION.holds,
    ),
    Rule(
        "experience",
        _("At least 2 years of legal work, or 1 year as judge, prosecutor or lawyer (Art. 5)"),
        _("Less than 2 years of legal work and less than 1 year as judge, prosecutor or lawyer."),
        lambda day: Q(legal_work_years__gte=2) | Q(judicial_years__gte=1),
        lambda p, day: p.legal_work_years >= 2 or p.judicial_years >= 1,
    ),
    Rule(
        "civil_capacity",
        _("Has full civil capacity (Art. 6)"),
        _("Recorded as lacking full civil capacity."),
        lambda day: Q(lacks_civil_capacity=False),
        lambda p, day: not p.lacks_civil_capacity,
    ),
    Rule(
        "licence",
        _("Never had a lawyer's, notary's or public-lawyer licence revoked (Art. 6)"),
        _("A lawyer's or notary's licence was revoked."),
        lambda day: Q(licence_revoked=False) & ~_revoked_q(day),
        lambda p, day: not p.licence_revoked and not _revoked_by(p, day),
        _licence_reason,
    ),
    Rule(
        "investigation",
        _("Not under criminal or disciplinary investigation (Art. 6)"),
        _("Under criminal or disciplinary investigation."),
        lambda day: Q(under_investigation=False) & ~_suspended_q(day),
        lambda p, day: not p.under_investigation and not _suspended_on(p, day),
        _investigation_reason,
    ),
    Rule(
        "annual_grade",
        _("Last civil-servant annual assessment not graded incompetent (Art. 6)"),
        _("The last civil-servant annual assessment was graded incompetent."),
        lambda day: ~Q(last_annual_grade=AnnualGrade.INCOMPETENT) & _no_grade_record_q(day),
        lambda p, day: p.last_annual_grade != AnnualGrade.INCOMPETENT and not _grade_records(p, day),
        lambda p, day: next(
            iter(_grade_records(p, day)), _("The last civil-servant annual assessment was graded incompetent.")
        ),
    ),
    Rule(
        "credit",
        _("Not on the joint credit-punishment list (Art. 6)"),
        _("On the joint credit-punishment list."),
        lambda day: Q(credit_punished=False),
        lambda p, day: not p.credit_punished,
    ),
)


def rules_q(day: date) -> Q:
    """Every rule as one filter over people, for `day`."""
    q = Q()
    for rule in RULES:
        q &= rule.q(day)
    return q


@dataclass(frozen=True)
class ChecklistItem:
    code: str
    label: object
    met: bool
    reason: object


def checklist(person, day: date | None = None) -> list[ChecklistItem]:
    day = day or timezone.localdate()
    items = []
    for rule in RULES:
        met = bool(rule.check(person, day))
        reason = "" if met else (rule.explain(person, day) if rule.explain else rule.unmet)
        items.append(ChecklistItem(rule.code, rule.label, met, reason))
    return items


def is_eligible(person, day: date | None = None) -> bool:
    day = day or timezone.localdate()
    return all(rule.check(person, day) for rule in RULES)
