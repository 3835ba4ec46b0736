from django.db import models
from django.utils.translation import gettext_lazy as _


class ActionKind(models.TextChoices):
    """The kinds of disciplinary action (依法依纪处理) a unit reports under R4.4: 政务处分, 党纪处分, 组织处理,
    追究刑事责任 (the Chinese terms are the catalogue's translations, not part of the English labels)."""

    GOVERNMENT_SANCTION = "government_sanction", _("Government sanction")
    PARTY_DISCIPLINE = "party_discipline", _("Party discipline")
    ORGANISATIONAL = "organisational", _("Organisational handling")
    CRIMINAL = "criminal", _("Criminal liability")
    OTHER = "other", _("Other")


class Side(models.TextChoices):
    """Who must acknowledge a discipline notice (R4.4)."""

    JUSTICE_BUREAU = "justice_bureau", _("Justice bureau")
    BAR_ASSOCIATION = "bar_association", _("Bar association")
