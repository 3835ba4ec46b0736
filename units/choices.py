from django.db import models
from django.utils.translation import gettext_lazy as _


class UnitKind(models.TextChoices):
    TOWN = "town", _("Town or sub-district")
    COUNTY_DEPARTMENT = "county_department", _("County department")
    STATIONED_UNIT = "stationed_unit", _("Stationed central, provincial or city unit")
    PEOPLES_ORGANISATION = "peoples_organisation", _("People's organisation")
    OTHER = "other", _("Other")


class ManagementMode(models.TextChoices):
    LOCAL = "local", _("Local management")
    VERTICAL = "vertical", _("Vertical management")
    DUAL_LED = "dual_led_superior_first", _("Dual leadership, superior first")


# Units of these modes belong to a system led by a superior organisation (R1.5).
SYSTEM_MODES = (ManagementMode.VERTICAL, ManagementMode.DUAL_LED)
