"""Coverage targets of the county's notice (R1.1, R1.3), kept as data the county office can edit."""

from datetime import date
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from accounts.choices import Role
from chenggu_lawyers.models import BaseModel
from chenggu_lawyers.punctuation import join_clauses, join_list
from chenggu_lawyers.scoping import Scope
from units.choices import ManagementMode, UnitKind

from .choices import ANY_ADVISOR, Metric


class Target(BaseModel):
    """A population of units, a metric, a threshold and a deadline (DOMAIN.md, "Coverage").

    Changes are kept by the audit log with their before and after values; the target's page lists them.
    """

    code = models.CharField(_("code"), max_length=10, unique=True)
    name = models.CharField(_("name"), max_length=100)
    unit_kinds = models.JSONField(_("unit kinds"), default=list, blank=True, help_text=_("Empty means every kind."))
    law_enforcement = models.BooleanField(
        _("law-enforcement power"), null=True, blank=True, help_text=_("Empty means with or without.")
    )
    management_modes = models.JSONField(
        _("management modes"), default=list, blank=True, help_text=_("Empty means every mode.")
    )
    metric = models.CharField(_("metric"), max_length=20, choices=Metric.choices)
    # DOMAIN.md (clarifications): legal advisors are a transition; an engagement carries out the work only for a
    # unit without qualified full-time legal staff (R1.2), unless the target says otherwise. Its changes are
    # kept in the target's history like every other field.
    advisors_count_regardless = models.BooleanField(
        _("legal advisors count regardless"),
        default=False,
        help_text=_(
            "Off: a legal advisor carries out the work only for a unit without qualified full-time legal staff."
        ),
    )
    threshold = models.DecimalField(
        _("threshold (%)"),
        max_digits=4,
        decimal_places=1,
        validators=[MinValueValidator(Decimal("0.1")), MaxValueValidator(Decimal("100"))],
    )
    deadline = models.DateField(_("deadline"))
    source = models.CharField(_("source"), max_length=200, blank=True)
    is_active = models.BooleanField(_("shown on the dashboard"), default=True)

    # Targets are public within the portal: every unit's dashboard shows how the county stands against them.
    scope = Scope(
        unit=None,
        everyone_roles=frozenset({Role.UNIT_OFFICER, Role.COMMITTEE_MEMBER, Role.PUBLIC_LAWYER}),
    )

    class Meta:
        verbose_name = _("target")
        verbose_name_plural = _("targets")
        ordering = ["deadline", "code"]
        constraints = [
            models.CheckConstraint(
                condition=Q(metric__in=Metric.values),
                name="target_metric_valid",
                violation_error_message=_("Unknown metric."),
            ),
            models.CheckConstraint(
                condition=Q(threshold__gt=0, threshold__lte=100),
                name="target_threshold_percentage",
                violation_error_message=_("The threshold is a percentage above 0 and at most 100."),
            ),
        ]

    def __str__(self):
        return f"{self.code} {self.name}"

    def get_absolute_url(self):
        return reverse("coverage:target_detail", args=[self.pk])

    def clean(self):
        super().clean()
        unknown = set(self.unit_kinds) - set(UnitKind.values) | set(self.management_modes) - set(ManagementMode.values)
        if unknown:
            raise ValidationError(
                _("Unknown unit kinds or management modes: %(values)s") % {"values": ", ".join(unknown)}
            )
        if self.deadline and self.deadline < date(2021, 1, 1):
            raise ValidationError({"deadline": _("Targets start with the 14th Five-Year Plan (2021).")})

    @property
    def measure(self) -> str:
        """What the coverage engine counts for this target (coverage.engine: HAS_LAWYER, CARRIES_OUT_WORK or
        ANY_ADVISOR)."""
        if self.metric == Metric.CARRIES_OUT_WORK and self.advisors_count_regardless:
            return ANY_ADVISOR
        return self.metric

    def includes(self, unit) -> bool:
        """Whether a unit (anything with kind, law_enforcement and management_mode) is in the population."""
        return (
            (not self.unit_kinds or unit.kind in self.unit_kinds)
            and (self.law_enforcement is None or unit.law_enforcement == self.law_enforcement)
            and (not self.management_modes or unit.management_mode in self.management_modes)
        )

    def population_text(self) -> str:
        parts = [join_list(UnitKind(kind).label for kind in self.unit_kinds) or str(_("all unit kinds"))]
        if self.law_enforcement is not None:
            parts.append(
                str(_("with law-enforcement power") if self.law_enforcement else _("without law-enforcement power"))
            )
        if self.management_modes:
            parts.append(join_list(ManagementMode(mode).label for mode in self.management_modes))
        return join_clauses(parts)
