"""Which roles use which training pages (R3.2)."""

from accounts.choices import Role

# Yearly plans: kept by the justice bureau, read by those who organise or follow training.
PLAN_KEEPERS = frozenset({Role.JUSTICE_BUREAU})
PLAN_READERS = frozenset({Role.COUNTY_OFFICE, Role.JUSTICE_BUREAU, Role.BAR_ASSOCIATION, Role.UNIT_OFFICER})
# Events and the hours report: the same readers; the scoping rule narrows a unit officer to its unit.
EVENT_READERS = PLAN_READERS
# County-wide events are organised by the justice bureau or the bar association ("the bar association plans
# training for public lawyers too"); a unit's legal office organises events for its own lawyers.
COUNTY_EVENT_KEEPERS = frozenset({Role.JUSTICE_BUREAU, Role.BAR_ASSOCIATION})
EVENT_KEEPERS = COUNTY_EVENT_KEEPERS | {Role.UNIT_OFFICER}
HOURS_READERS = PLAN_READERS
# A public lawyer's own page.
OWN_TRAINING_READERS = frozenset({Role.PUBLIC_LAWYER})
# Training a public lawyer attended outside the county's events: the lawyer records their own; their unit's
# office and the county-wide roles (the justice bureau checks the hours) read the records.
EXTERNAL_RECORDERS = frozenset({Role.PUBLIC_LAWYER})
EXTERNAL_LIST_READERS = frozenset({Role.COUNTY_OFFICE, Role.JUSTICE_BUREAU, Role.UNIT_OFFICER})
EXTERNAL_READERS = EXTERNAL_LIST_READERS | EXTERNAL_RECORDERS
