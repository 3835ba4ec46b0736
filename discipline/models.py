"""Disciplinary actions against public lawyers and their notices to the justice bureau and bar (R4.4)."""

from django.conf import settings
from django.db import models
from django.db.models import Exists, OuterRef, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from accounts.choices import Role
from chenggu_lawyers.models import BaseModel, ScopedQuerySet
from chenggu_lawyers.scoping import Scope

from .choices import ActionKind, Side

# Both receiving sides read every notice (the justice bureau as a county-wide role, the bar through this);
# the unit reads its own.
RECEIVING_ROLES = frozenset({Role.BAR_ASSOCIATION})

# How long a side has to acknowledge a notice before it shows as overdue.
ACKNOWLEDGE_WITHIN_WORKING_DAYS = 5


class ActionQuerySet(ScopedQuerySet):
    def with_pending(self, side: str | None = None):
        """Annotate whether an acknowledgement is outstanding (for `side`, or for either) and overdue today."""
        pending = Acknowledgement.objects.filter(action=OuterRef("pk"), acknowledged_at__isnull=True)
        if side:
            pending = pending.filter(side=side)
        return self.annotate(
            is_pending=Exists(pending), is_overdue=Exists(pending.filter(due_on__lt=timezone.localdate()))
        )


class DisciplinaryAction(BaseModel):
    """A disciplinary action taken against a public lawyer, reported by the lawyer's unit."""

    person = models.ForeignKey(
        "lawyers.Person", verbose_name=_("person"), on_delete=models.PROTECT, related_name="disciplinary_actions"
    )
    unit = models.ForeignKey(
        "units.Unit", verbose_name=_("unit"), on_delete=models.PROTECT, related_name="disciplinary_actions"
    )
    kind = models.CharField(_("kind"), max_length=24, choices=ActionKind.choices)
    measure = models.CharField(_("measure"), max_length=100, help_text=_("For example 记过 or 诫勉."))
    authority = models.CharField(_("deciding authority"), max_length=100)
    decided_on = models.DateField(_("decided on"))
    summary = models.TextField(_("facts and grounds"))
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("recorded by"), on_delete=models.PROTECT, related_name="+"
    )

    objects = ActionQuerySet.as_manager()
    scope = Scope(unit="unit", person="person", everyone_roles=RECEIVING_ROLES)

    class Meta:
        verbose_name = _("disciplinary action")
        verbose_name_plural = _("disciplinary actions")
        ordering = ["-decided_on", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(kind__in=ActionKind.values),
                name="discipline_action_kind_valid",
                violation_error_message=_("Unknown kind of disciplinary action."),
            ),
        ]

    def __str__(self):
        return f"{self.person} · {self.measure} ({self.decided_on:%Y-%m-%d})"

    def get_absolute_url(self):
        return reverse("discipline:action_detail", args=[self.pk])


class Acknowledgement(BaseModel):
    """One receiving side's acknowledgement of a discipline notice, due within 5 working days."""

    action = models.ForeignKey(DisciplinaryAction, on_delete=models.CASCADE, related_name="acknowledgements")
    side = models.CharField(_("side"), max_length=16, choices=Side.choices)
    due_on = models.DateField(_("acknowledge by"))
    acknowledged_at = models.DateTimeField(_("acknowledged at"), null=True, blank=True)
    acknowledged_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("acknowledged by"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )

    scope = Scope(unit="action__unit", person="action__person", everyone_roles=RECEIVING_ROLES)

    class Meta:
        verbose_name = _("acknowledgement")
        verbose_name_plural = _("acknowledgements")
        ordering = ["side"]
        constraints = [
            models.UniqueConstraint(
                fields=["action", "side"],
                name="discipline_one_acknowledgement_per_side",
                violation_error_message=_("This side already has an acknowledgement for the notice."),
            ),
            models.CheckConstraint(
                condition=Q(side__in=Side.values),
                name="discipline_side_valid",
                violation_error_message=_("Unknown side."),
            ),
            models.CheckConstraint(
                condition=Q(acknowledged_at__isnull=True, acknowledged_by__isnull=True)
                | Q(acknowledged_at__isnull=False, acknowledged_by__isnull=False),
                name="discipline_acknowledged_by_someone",
                violation_error_message=_("An acknowledgement records who made it and when."),
            ),
        ]

    @property
    def is_overdue(self) -> bool:
        return self.acknowledged_at is None and self.due_on < timezone.localdate()
