"""Which roles use which lawyers pages."""

from accounts.choices import Role

# Read people and applications: the county-wide roles and the unit's legal office.
PEOPLE_READERS = frozenset({Role.COUNTY_OFFICE, Role.JUSTICE_BUREAU, Role.UNIT_OFFICER})
# A person's own page: the readers above, and the public lawyer for their own record (the scoping rule
# limits a lawyer to that one person).
PERSON_PAGE_READERS = PEOPLE_READERS | {Role.PUBLIC_LAWYER}
# Register, edit and import people, and put them forward: the unit's legal office only (R3.1).
PEOPLE_KEEPERS = frozenset({Role.UNIT_OFFICER})
# Review applications and record certificates and their changes.
CERTIFIERS = frozenset({Role.JUSTICE_BUREAU})
# The public-lawyer register.
REGISTER_READERS = frozenset({Role.COUNTY_OFFICE, Role.JUSTICE_BUREAU, Role.UNIT_OFFICER, Role.BAR_ASSOCIATION})
# The bar-membership register: read by the county roles, the bar and a unit's office; kept by the bar.
MEMBERSHIP_READERS = frozenset({Role.COUNTY_OFFICE, Role.JUSTICE_BUREAU, Role.UNIT_OFFICER, Role.BAR_ASSOCIATION})
MEMBERSHIP_KEEPERS = frozenset({Role.BAR_ASSOCIATION})
# Who may reveal ID and phone numbers, masked for everyone by default (each reveal is audited): the
# person's own unit office and the certifying bureau; a public lawyer may reveal their own.
REVEAL_ROLES = frozenset({Role.UNIT_OFFICER, Role.JUSTICE_BUREAU})
