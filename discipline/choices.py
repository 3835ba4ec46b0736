from django.db import models
from django.utils.translation import gettext_lazy as _


class ActionKind(models.TextChoices):
    """The kinds of disciplinary action (依法依纪处理) a unit reports under R4.4."""

    GOVERNMENT_SANCTION = "government_sanction", _("Government sanction (政务处分)")
    PARTY_DISCIPLINE = "party_discipline", _("Party discipline (党纪处分)")
    ORGANISATIONAL = "organisational", _("Organisational handling (组织处理)")
    CRIMINAL = "criminal", _("Criminal liability")
    OTHER = "other", _("Other")


class Side(models.TextChoices):
    """Who must acknowledge a discipline notice (R4.4)."""

    JUSTICE_BUREAU = "justice_bureau", _("Justice bureau")
    BAR_ASSOCIATION = "bar_association", _("Bar association")
