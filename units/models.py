from datetime import date

from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from accounts.choices import Role
from chenggu_lawyers.in_force import UNIT
from chenggu_lawyers.models import BaseModel, ScopedQuerySet
from chenggu_lawyers.scoping import Scope

from .choices import SYSTEM_MODES, ManagementMode, UnitKind
from .validators import credit_code_checksum_ok, validate_credit_code_format


class SystemOrganisation(BaseModel):
    """The superior organisation that leads a vertical or dual-led system (e.g. 国家税务总局汉中市税务局)."""

    name = models.CharField(_("name"), max_length=100, unique=True)
    system = models.CharField(_("system"), max_length=50, blank=True, help_text=_("For example 税务 or 气象."))

    # Superior organisations are reference data every unit-bound role may read (their names appear on
    # unit pages); only the county office edits them.
    scope = Scope(
        unit=None,
        everyone_roles=frozenset(
            {
                Role.UNIT_OFFICER,
                Role.PUBLIC_LAWYER,
                Role.COMMITTEE_MEMBER,
                Role.BAR_ASSOCIATION,
                Role.SYSADMIN,
            }
        ),
    )

    class Meta:
        verbose_name = _("superior organisation")
        verbose_name_plural = _("superior organisations")
        ordering = ["name"]

    def __str__(self):
        return self.name


class UnitQuerySet(ScopedQuerySet):
    def active_on(self, day: date):
        """Units established on or before `day` and not abolished on or before it (DOMAIN.md, coverage)."""
        return self.filter(UNIT.q(day))


class Unit(BaseModel):
    """A party or government organ (党政机关) of the county. Never deleted once it has history: abolished."""

    name = models.CharField(_("name"), max_length=100)
    kind = models.CharField(_("kind"), max_length=32, choices=UnitKind.choices)
    law_enforcement = models.BooleanField(_("has administrative law-enforcement power"), default=False)
    management_mode = models.CharField(
        _("management mode"), max_length=32, choices=ManagementMode.choices, default=ManagementMode.LOCAL
    )
    superior = models.ForeignKey(
        SystemOrganisation,
        verbose_name=_("superior organisation"),
        on_delete=models.PROTECT,
        related_name="units",
        null=True,
        blank=True,
        help_text=_("Required for units under vertical management or dual leadership."),
    )
    division_code = models.CharField(
        _("division code"), max_length=12, blank=True, help_text=_("Statistical division code of a town.")
    )
    credit_code = models.CharField(
        _("unified social credit code"), max_length=18, blank=True, validators=[validate_credit_code_format]
    )
    legal_office_contact = models.CharField(_("legal office contact"), max_length=50, blank=True)
    legal_office_phone = models.CharField(_("legal office phone"), max_length=32, blank=True)
    established_on = models.DateField(_("established on"), null=True, blank=True)
    abolished_on = models.DateField(_("abolished on"), null=True, blank=True)

    objects = UnitQuerySet.as_manager()
    # Unit names are reference data: the bar association reads them beside its members, and the system
    # administrator binds accounts to units; neither role gets a page of unit details.
    scope = Scope(unit="pk", system="superior", everyone_roles=frozenset({Role.BAR_ASSOCIATION, Role.SYSADMIN}))

    class Meta:
        verbose_name = _("unit")
        verbose_name_plural = _("units")
        ordering = ["kind", "name"]
        indexes = [
            # The lists' unit dropdowns: the first units in this ordering (LimitedSelect), without a sort.
            models.Index(fields=["kind", "name", "id"], name="unit_choice_by_kind_idx"),
            # The people and certificate registers ordered by unit name: PostgreSQL walks the units in name
            # order and each unit's people (incremental sort) instead of sorting every row of the join.
            models.Index(fields=["name", "id"], name="register_by_unit_name_idx"),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["name"],
                condition=Q(abolished_on__isnull=True),
                name="unit_active_name_unique",
                violation_error_message=_("An active unit with this name already exists."),
            ),
            models.CheckConstraint(
                condition=Q(kind__in=UnitKind.values),
                name="unit_kind_valid",
                violation_error_message=_("Unknown unit kind."),
            ),
            models.CheckConstraint(
                condition=Q(management_mode__in=ManagementMode.values),
                name="unit_management_mode_valid",
                violation_error_message=_("Unknown management mode."),
            ),
            models.CheckConstraint(
                condition=Q(management_mode=ManagementMode.LOCAL) | Q(superior__isnull=False),
                name="unit_system_has_superior",
                violation_error_message=_(
                    "A unit under vertical management or dual leadership needs its superior organisation."
                ),
            ),
            models.CheckConstraint(
                condition=Q(abolished_on__isnull=True)
                | Q(established_on__isnull=True)
                | Q(abolished_on__gt=models.F("established_on")),
                name="unit_abolished_after_established",
                violation_error_message=_("A unit is abolished after it was established."),
            ),
        ]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("units:unit_detail", args=[self.pk])

    @property
    def is_active(self) -> bool:
        return UNIT.holds(self, timezone.localdate())

    @property
    def in_system(self) -> bool:
        return self.management_mode in SYSTEM_MODES

    @property
    def credit_code_warning(self) -> str:
        """A warning, not an error: old codes may carry a wrong check character (DOMAIN.md)."""
        if self.credit_code and len(self.credit_code) == 18 and not credit_code_checksum_ok(self.credit_code):
            return str(_("The check character of the unified social credit code does not match; please verify it."))
        return ""
