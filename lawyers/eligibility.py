"""Who may be put forward for a public-lawyer certificate (national Measures, Art. 5 and 6).

Each rule is written once as a filter (so lists can show "eligible" people in one query) and once as a
check of a loaded person (for the checklist); tests hold the two to the same answer for every rule.
The declarations that only the unit can make (supports the Constitution, good conduct, consent) are taken
with the application itself.
"""

from collections.abc import Callable
from dataclasses import dataclass

from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from .choices import AnnualGrade


@dataclass(frozen=True)
class Rule:
    code: str
    label: object
    unmet: object
    q: Q
    check: Callable


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
        Q(under_investigation=False),
        lambda p: not p.under_investigation,
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
    return [
        ChecklistItem(rule.code, rule.label, met := bool(rule.check(person)), "" if met else rule.unmet)
        for rule in RULES
    ]


def is_eligible(person) -> bool:
    return all(rule.check(person) for rule in RULES)
