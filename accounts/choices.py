from django.db import models
from django.utils.translation import gettext_lazy as _


class Role(models.TextChoices):
    """The portal's roles (DOMAIN.md, "Who uses the portal"). One account holds one role (三员 separation)."""

    COUNTY_OFFICE = "county_office", _("County rule-of-law office")
    JUSTICE_BUREAU = "justice_bureau", _("Justice bureau")
    UNIT_OFFICER = "unit_officer", _("Unit legal officer")
    PUBLIC_LAWYER = "public_lawyer", _("Public lawyer")
    COMMITTEE_MEMBER = "committee_member", _("Assessment committee member")
    BAR_ASSOCIATION = "bar_association", _("Bar association")
    POOL_OFFICER = "pool_officer", _("System talent-pool office")
    AUDITOR = "auditor", _("Auditor")
    SYSADMIN = "sysadmin", _("System administrator")


# Roles whose accounts belong to one unit and see that unit's records.
UNIT_BOUND_ROLES = frozenset({Role.UNIT_OFFICER, Role.PUBLIC_LAWYER, Role.COMMITTEE_MEMBER})
# Roles that see every unit's business records.
COUNTY_WIDE_ROLES = frozenset({Role.COUNTY_OFFICE, Role.JUSTICE_BUREAU})
