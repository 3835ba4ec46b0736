from django.db import models
from django.utils.translation import gettext_lazy as _


class Metric(models.TextChoices):
    """The two statuses of DOMAIN.md's coverage definitions."""

    HAS_LAWYER = "has_lawyer", _("Has a public lawyer")
    CARRIES_OUT_WORK = "carries_out_work", _("Carries out public-lawyer work")


# What the engine counts for a target (Target.measure): a metric, or "carries out the work" with every legal
# advisor counting (the target's switch) instead of only those of units without R1.2 staff.
ANY_ADVISOR = "carries_out_work_any_advisor"


class Verdict(models.TextChoices):
    MET = "met", _("Met")
    MISSED = "missed", _("Missed")
    ON_TRACK = "on_track", _("On track")
    BEHIND = "behind", _("Not yet reached")
    NOT_APPLICABLE = "n/a", _("n/a")
