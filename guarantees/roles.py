"""Which roles use which guarantees pages (R3.4)."""

from accounts.choices import Role

# A public lawyer logs their own overtime and claims their own expenses; the unit's legal office may log
# overtime for one of its people too (a lawyer without an account).
OVERTIME_LOGGERS = frozenset({Role.PUBLIC_LAWYER, Role.UNIT_OFFICER})
# The unit's legal office decides compensation and records leave taken; it alone acts on its unit's rows.
DECIDERS = frozenset({Role.UNIT_OFFICER})
# The unit's lists, balances and exports: the unit office for its unit, the county-wide roles read all.
UNIT_READERS = frozenset({Role.COUNTY_OFFICE, Role.JUSTICE_BUREAU, Role.UNIT_OFFICER})
# An entry or claim page: the readers above and the public lawyer for their own rows (the scoping rule
# limits a lawyer to the rows about their person).
ROW_READERS = UNIT_READERS | {Role.PUBLIC_LAWYER}
OWN_PAGE_READERS = frozenset({Role.PUBLIC_LAWYER})
CLAIMANTS = frozenset({Role.PUBLIC_LAWYER})
# Commission letters: the matter's unit office prints and stamps them; the justice bureau, which guides
# public lawyers' practice, may read one. The county office supervises the numbers, not the letters.
LETTER_READERS = frozenset({Role.UNIT_OFFICER, Role.JUSTICE_BUREAU})
# The lawyers a letter names download it too, for their own matters only (matter_access.may_read_letter).
LETTER_DOWNLOADERS = LETTER_READERS | {Role.PUBLIC_LAWYER}
# A matter's files: whoever sees the matter (its unit office, the lawyers assigned to it, the county-wide
# roles) may download them; those who work on the matter, its unit office and its lawyers, upload them.
ATTACHMENT_READERS = frozenset({Role.COUNTY_OFFICE, Role.JUSTICE_BUREAU, Role.UNIT_OFFICER, Role.PUBLIC_LAWYER})
UPLOADERS = frozenset({Role.UNIT_OFFICER, Role.PUBLIC_LAWYER})
