"""Who may be put forward for a public-lawyer certificate (national Measures, Art. 5 and 6).

Each rule is written once as a filter (so lists can show "eligible" people in one query) and once as a
check of a loaded person (for the checklist); tests hold the two to the same answer for every rule.
The declarations that only the unit can make (supports the Constitution, good conduct, consent) are taken
with the application itself.

An investigation (Art. 6) is recorded by the unit on the person (`under_investigation`); a certificate
suspended now is at least a reason to ask, so the rule counts it as unmet too and says why (the suspension's
reason), until the certificate is reinstated or ended.
"""

from collections.abc import Callable
from dataclasses import dataclass

from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from .choices import AnnualGrade, CertificateStatus


@dataclass(frozen=True)
class Rule:
    code: str
    label: object
    unmet: object
    q: Q
    check: Callable
    # The reason shown for an unmet rule when it depends on the person's records (else `unmet`).
    explain: Callable | None = None


def _suspended_certificates(person) -> list:
    # Reads person.certificates (prefetched with their suspensions on the person page).
    return [c for c in person.certificates.all() if c.status == CertificateStatus.SUSPENDED]


def _investigation_reason(person):
    if person.under_investigation:
        return _("Under criminal or disciplinary investigation.")
    suspensions = [
        suspension
        for certificate in _suspended_certificates(person)
        for suspension in certificate.suspensions.all()
        if suspension.ended_on is None
    ]
    if not suspensions:
        return _("The certificate is suspended: check whether an investigation is under way.")
    suspension = suspensions[0]
    return _(
        "The certificate is suspended since %(day)s (%(reason)s): check whether an investigation is under way "
        "and record it on the person."
    ) % {"day": f"{suspension.started_on:%Y-%m-%d}", "reason": suspension.reason.strip().rstrip("。.")}


RULES = (
    Rule(
        "qualification",
        _("Holds the legal professional qualification or the lawyer qualification (Art. 5)"),
        _("No legal professional qualification or lawyer qualification is recorded."),
        ~Q(legal_qualification_class="") | ~Q(lawyer_qualification_number=""),
        lambda p: bool(p.legal_qualification_class or p.lawyer_qualification_number),
    ),
    Rule(
        "experience",
        _("At least 2 years of legal work, or 1 year as judge, prosecutor or lawyer (Art. 5)"),
        _("Less than 2 years of legal work and less than 1 year as judge, prosecutor or lawyer."),
        Q(legal_work_years__gte=2) | Q(judicial_years__gte=1),
        lambda p: p.legal_work_years >= 2 or p.judicial_years >= 1,
    ),
    Rule(
        "civil_capacity",
        _("Has full civil capacity (Art. 6)"),
        _("Recorded as lacking full civil capacity."),
        Q(lacks_civil_capacity=False),
        lambda p: not p.lacks_civil_capacity,
    ),
    Rule(
        "licence",
        _("Never had a lawyer's or notary's licence revoked (Art. 6)"),
        _("A lawyer's or notary's licence was revoked."),
        Q(licence_revoked=False),
        lambda p: not p.licence_revoked,
    ),
    Rule(
        "investigation",
        _("Not under criminal or disciplinary investigation (Art. 6)"),
        _("Under criminal or disciplinary investigation."),
        Q(under_investigation=False) & ~Q(certificates__status=CertificateStatus.SUSPENDED),
        lambda p: not p.under_investigation and not _suspended_certificates(p),
        _investigation_reason,
    ),
    Rule(
        "annual_grade",
        _("Last civil-servant annual assessment not graded incompetent (Art. 6)"),
        _("The last civil-servant annual assessment was graded incompetent."),
        ~Q(last_annual_grade=AnnualGrade.INCOMPETENT),
        lambda p: p.last_annual_grade != AnnualGrade.INCOMPETENT,
    ),
    Rule(
        "credit",
        _("Not on the joint credit-punishment list (Art. 6)"),
        _("On the joint credit-punishment list."),
        Q(credit_punished=False),
        lambda p: not p.credit_punished,
    ),
)


@dataclass(frozen=True)
class ChecklistItem:
    code: str
    label: object
    met: bool
    reason: object


def checklist(person) -> list[ChecklistItem]:
    items = []
    for rule in RULES:
        met = bool(rule.check(person))
        reason = "" if met else (rule.explain(person) if rule.explain else rule.unmet)
        items.append(ChecklistItem(rule.code, rule.label, met, reason))
    return items


def is_eligible(person) -> bool:
    return all(rule.check(person) for rule in RULES)
