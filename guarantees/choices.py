from django.db import models
from django.utils.translation import gettext_lazy as _


class OvertimeStatus(models.TextChoices):
    SUBMITTED = "submitted", _("Awaiting decision")
    APPROVED = "approved", _("Approved")
    REFUSED = "refused", _("Refused")


class Compensation(models.TextChoices):
    """How approved overtime is made good (R3.4): leave is the rule, a subsidy where leave is impossible."""

    LEAVE = "leave", _("Compensatory leave")
    SUBSIDY = "subsidy", _("Subsidy")


class OvertimeDecision(models.TextChoices):
    """What the unit office decides on an entry; the first two approve it."""

    LEAVE = "leave", _("Approve as compensatory leave")
    SUBSIDY = "subsidy", _("Approve with a subsidy (leave is impossible)")
    REFUSE = "refuse", _("Refuse")


class ExpenseKind(models.TextChoices):
    TRAVEL = "travel", _("Travel")
    ACCOMMODATION = "accommodation", _("Accommodation")
    FEES = "fees", _("Fees (court, arbitration, copies)")
    OTHER = "other", _("Other")


class ExpenseStatus(models.TextChoices):
    SUBMITTED = "submitted", _("Awaiting decision")
    APPROVED = "approved", _("Approved")
    REFUSED = "refused", _("Refused")


class ExpenseDecision(models.TextChoices):
    APPROVE = "approve", _("Approve")
    REFUSE = "refuse", _("Refuse")


class Authority(models.TextChoices):
    """The scope of authority a commission letter gives (一般代理 / 特别授权, Civil Procedure Law art. 62)."""

    GENERAL = "general", _("General authority")
    SPECIAL = "special", _("Special authority")
