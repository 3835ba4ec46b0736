"""Which roles use which units pages and may change the registry: the one rule the pages, their buttons and
the services ask."""

from accounts.choices import Role

# Who reads the unit registry, and who keeps it (the county office, R4.1).
REGISTRY_READERS = frozenset(
    {Role.COUNTY_OFFICE, Role.JUSTICE_BUREAU, Role.UNIT_OFFICER, Role.COMMITTEE_MEMBER, Role.PUBLIC_LAWYER}
)
REGISTRY_KEEPERS = frozenset({Role.COUNTY_OFFICE})
# A reorganisation (撤并/重组) abolishes a unit and moves its people in one step (units.services): it is an
# edit of the registry, so its keepers make it.
REORGANISERS = REGISTRY_KEEPERS
# Who may open a unit's coverage history (coverage.views.UnitHistoryView).
COVERAGE_READERS = frozenset({Role.COUNTY_OFFICE, Role.JUSTICE_BUREAU, Role.UNIT_OFFICER, Role.COMMITTEE_MEMBER})
