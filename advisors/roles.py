"""Which roles use which advisors pages."""

from accounts.choices import Role

# Legal-advisor engagements (R1.4): the county-wide roles read every unit's, the unit's legal office
# keeps its own.
ENGAGEMENT_READERS = frozenset({Role.COUNTY_OFFICE, Role.JUSTICE_BUREAU, Role.UNIT_OFFICER})
ENGAGEMENT_KEEPERS = frozenset({Role.UNIT_OFFICER})
# A system's talent pool (R1.5): kept by the superior's talent-pool office, read county-wide.
POOL_READERS = frozenset({Role.COUNTY_OFFICE, Role.JUSTICE_BUREAU, Role.POOL_OFFICER})
POOL_KEEPERS = frozenset({Role.POOL_OFFICER})
# Dispatch requests: the requesting unit's office asks, the superior's pool office decides, the dispatched
# public lawyer reads their own dispatches (the scoping rule narrows each to their rows).
DISPATCH_READERS = frozenset(
    {Role.COUNTY_OFFICE, Role.JUSTICE_BUREAU, Role.UNIT_OFFICER, Role.POOL_OFFICER, Role.PUBLIC_LAWYER}
)
DISPATCH_REQUESTERS = frozenset({Role.UNIT_OFFICER})
DISPATCHERS = frozenset({Role.POOL_OFFICER})
