"""Which roles use which matters pages."""

from accounts.choices import Role

# The unit's legal office keeps its matters; the county-wide roles read every unit's (supervision, R4.1).
MATTER_LISTERS = frozenset({Role.COUNTY_OFFICE, Role.JUSTICE_BUREAU, Role.UNIT_OFFICER})
MATTER_KEEPERS = frozenset({Role.UNIT_OFFICER})
# A public lawyer reads the matters assigned to them (the scoping rule narrows to those) and answers.
MATTER_READERS = MATTER_LISTERS | {Role.PUBLIC_LAWYER}
ASSIGNEES = frozenset({Role.PUBLIC_LAWYER})
ASSIGNMENT_ACTORS = MATTER_KEEPERS | ASSIGNEES
# The decision-item list (R2.2): kept by the unit's legal office.
DECISION_ITEM_READERS = MATTER_LISTERS
DECISION_ITEM_KEEPERS = MATTER_KEEPERS
STATISTICS_READERS = MATTER_LISTERS
