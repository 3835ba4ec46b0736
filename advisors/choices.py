from django.db import models
from django.utils.translation import gettext_lazy as _

from accounts.choices import Role


class AdvisorKind(models.TextChoices):
    """Who an organ may engage as its legal advisor (律师、法学专家, R1.4)."""

    LAWYER = "lawyer", _("Practising lawyer")
    SCHOLAR = "scholar", _("Legal scholar")


class DispatchStatus(models.TextChoices):
    REQUESTED = "requested", _("Waiting for the superior")
    DISPATCHED = "dispatched", _("Lawyer dispatched")
    DECLINED = "declined", _("Declined by the superior")
    WITHDRAWN = "withdrawn", _("Withdrawn by the unit")


# Whose move it is on a dispatch request: only the superior's talent-pool office acts on a waiting request.
WAITING_FOR = {Role.POOL_OFFICER: (DispatchStatus.REQUESTED,)}


class TermState(models.TextChoices):
    """Where an engagement or dispatch stands on a given day; derived from its dates, never stored."""

    UPCOMING = "upcoming", _("Not started")
    IN_FORCE = "in_force", _("In force")
    ENDED = "ended", _("Ended")
