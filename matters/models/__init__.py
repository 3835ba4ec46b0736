"""Legal matters of a unit and their workflow: assignment, handling and feedback (指派 → 承办 → 反馈, R2.3).

A matter belongs to one unit and has one of the duty categories of R2.1. The fields a category needs (a
case's forum, a contract's counterparty, a decision's item on the R2.2 list, a publicity event) are plain
nullable or blank columns rather than a JSON document: the decision report and the list filters query
them, and the database checks them. `CATEGORY_FIELDS` says which columns belong to which category.

Each assignment names exactly one assignee: a public lawyer of the unit (`person`), a pool lawyer dispatched
to the unit (`pool_member`; `person` then holds the member's roster person, if any, so that the lawyer's own
account sees the matter), or the unit's legal advisor (`engagement`). A person is assigned to a matter
once: their answer, a refusal included, is the record the annual assessment reads (R3.3), and the rule
keeps the join from matter to its assignees' people one row per matter.

The opinion is the lawyer's own (R2.3): every submission is a new, never-edited `OpinionVersion` signed by
its author; whether the unit adopted it is recorded on the matter when the office closes it.
"""

from .matters import CASE_FIELDS, CATEGORY_FIELDS, DETAIL_FIELDS, DecisionItem, Matter, MatterQuerySet
from .work import Assignment, Opinion, OpinionVersion, Reminder, WorkEntry

__all__ = [
    "CASE_FIELDS",
    "CATEGORY_FIELDS",
    "DETAIL_FIELDS",
    "Assignment",
    "DecisionItem",
    "Matter",
    "MatterQuerySet",
    "Opinion",
    "OpinionVersion",
    "Reminder",
    "WorkEntry",
]
