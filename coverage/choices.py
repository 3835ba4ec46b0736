from django.db import models
from django.utils.translation import gettext_lazy as _


class Metric(models.TextChoices):
    """The two statuses of DOMAIN.md's coverage definitions."""

    HAS_LAWYER = "has_lawyer", _("Has a public lawyer")
    CARRIES_OUT_WORK = "carries_out_work", _("Carries out public-lawyer work")


class Verdict(models.TextChoices):
    MET = "met", _("Met")
    MISSED = "missed", _("Missed")
    ON_TRACK = "on_track", _("On track")
    BEHIND = "behind", _("Not yet reached")
    NOT_APPLICABLE = "n/a", _("n/a")
