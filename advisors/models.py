"""How an organ without public lawyers of its own carries out public-lawyer work (DOMAIN.md, "Coverage").

Two ways: it engages a lawyer or legal scholar as its legal advisor (R1.4), or, as a unit of a vertical or
dual-led system, it asks its superior for a lawyer of the system's talent pool (R1.5).

An engagement or dispatch has an agreed term, `starts_on` to `ends_on`, both days included, as a contract
writes it. Ended early, it records `terminated_on`, the day the termination takes effect: from that day
on it no longer covers the unit. `in_force_on` is the one reading of these dates.
"""

from datetime import date, timedelta

from django.conf import settings
from django.core.validators import RegexValidator
from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from chenggu_lawyers.crypto import EncryptedCharField
from chenggu_lawyers.in_force import ENGAGEMENT, POOL_MEMBERSHIP
from chenggu_lawyers.models import BaseModel, ScopedQuerySet
from chenggu_lawyers.scoping import Scope

from .choices import AdvisorKind, DispatchStatus, TermState

validate_practice_number = RegexValidator(
    r"^1\d{16}$", _("A practice certificate number has 17 digits and begins with 1."), code="practice_number"
)


def in_force_on(day: date, prefix: str = "") -> Q:
    """Rows whose term covers `day` (chenggu_lawyers.in_force.ENGAGEMENT, the same rule as a dispatch's).
    `prefix` reads the term through a relation (e.g. "dispatches__")."""
    return ENGAGEMENT.q(day, prefix)


def term_constraints(prefix: str) -> list:
    """The date rules an engagement and a dispatch share, named after their model."""
    return [
        models.CheckConstraint(
            condition=Q(ends_on__isnull=True) | Q(ends_on__gte=F("starts_on")),
            name=f"{prefix}_ends_after_start",
            violation_error_message=_("The term cannot end before it starts."),
        ),
        models.CheckConstraint(
            condition=Q(terminated_on__isnull=True)
            | Q(terminated_on__gte=F("starts_on"), terminated_on__lte=F("ends_on")),
            name=f"{prefix}_terminated_within_term",
            violation_error_message=_("An early end takes effect within the agreed term."),
        ),
        models.CheckConstraint(
            condition=Q(terminated_on__isnull=True, termination_reason="")
            | (Q(terminated_on__isnull=False) & ~Q(termination_reason="")),
            name=f"{prefix}_termination_has_reason",
            violation_error_message=_("An early end needs its reason, and only an early end has one."),
        ),
    ]


class TermQuerySet(ScopedQuerySet):
    def in_force_on(self, day: date):
        return self.filter(in_force_on(day))

    def ending_within(self, day: date, days: int):
        """In force on `day` and serving for the last time within the next `days` days (a renewal is due)."""
        last = day + timedelta(days=days)
        return self.in_force_on(day).filter(
            Q(terminated_on__isnull=True, ends_on__lte=last) | Q(terminated_on__lte=last + timedelta(days=1))
        )


class Term(models.Model):
    """The dated term an engagement and a dispatch share."""

    terminated_on = models.DateField(
        _("ended early with effect from"),
        null=True,
        blank=True,
        help_text=_("The first day on which the unit is no longer served."),
    )
    termination_reason = models.TextField(_("reason for the early end"), blank=True)

    class Meta:
        abstract = True

    def state_on(self, day: date) -> str:
        if self.starts_on is None or day < self.starts_on:
            return TermState.UPCOMING
        return TermState.IN_FORCE if ENGAGEMENT.holds(self, day) else TermState.ENDED

    @property
    def state_today(self) -> TermState:
        return TermState(self.state_on(timezone.localdate()))

    @property
    def in_force_today(self) -> bool:
        return self.state_today == TermState.IN_FORCE

    @property
    def last_day(self) -> date | None:
        """The last day the unit is served: the agreed end, or the day before an early end."""
        if self.terminated_on is not None:
            return self.terminated_on - timedelta(days=1)
        return self.ends_on


class Engagement(Term, BaseModel):
    """A unit's engagement of a lawyer or legal scholar as its legal advisor (法律顾问), who performs the
    public-lawyer duties for a unit that cannot yet set up public lawyers (R1.4). A renewal is a new
    engagement, so every term stays on record."""

    unit = models.ForeignKey(
        "units.Unit", verbose_name=_("unit"), on_delete=models.PROTECT, related_name="advisor_engagements"
    )
    advisor_name = models.CharField(_("advisor"), max_length=50)
    advisor_kind = models.CharField(_("advisor is a"), max_length=16, choices=AdvisorKind.choices)
    organisation = models.CharField(
        _("law firm or institution"), max_length=100, help_text=_("For example 陕西汉中某律师事务所 or 某大学法学院.")
    )
    practice_number = models.CharField(
        _("practice certificate number"),
        max_length=17,
        blank=True,
        validators=[validate_practice_number],
        help_text=_("Required for a practising lawyer."),
    )
    phone = EncryptedCharField(_("phone"), max_length=20, blank=True)
    starts_on = models.DateField(_("engaged from"))
    ends_on = models.DateField(_("engaged until"), help_text=_("The last day of the agreed term."))
    duties = models.TextField(
        _("duties"), blank=True, help_text=_("The public-lawyer duties the advisor performs for the unit.")
    )

    objects = TermQuerySet.as_manager()
    scope = Scope(unit="unit")

    class Meta:
        verbose_name = _("legal-advisor engagement")
        verbose_name_plural = _("legal-advisor engagements")
        ordering = ["-starts_on", "-pk"]
        indexes = [models.Index(fields=["unit", "starts_on"], name="engagement_unit_start_idx")]
        constraints = [
            models.CheckConstraint(
                condition=Q(advisor_kind__in=AdvisorKind.values),
                name="engagement_advisor_kind_valid",
                violation_error_message=_("Unknown kind of advisor."),
            ),
            models.CheckConstraint(
                condition=~Q(advisor_kind=AdvisorKind.LAWYER) | ~Q(practice_number=""),
                name="engagement_lawyer_has_practice_number",
                violation_error_message=_("A practising lawyer's engagement needs the practice certificate number."),
            ),
            *term_constraints("engagement"),
        ]

    def __str__(self):
        return _("%(advisor)s, legal advisor of %(unit)s") % {"advisor": self.advisor_name, "unit": self.unit}

    def get_absolute_url(self):
        return reverse("advisors:engagement_detail", args=[self.pk])


class PoolMemberQuerySet(ScopedQuerySet):
    def current_on(self, day: date):
        """Members in the pool on `day`."""
        return self.filter(POOL_MEMBERSHIP.q(day))


class PoolMember(BaseModel):
    """A public lawyer in a system's talent pool (系统公职律师人才库, R1.5).

    The superior dispatches pool lawyers across levels and regions, so a member may be on the county's
    roster (`person`, one of the system's units) or serve elsewhere in the system (name, organisation and
    practice number only). Name, organisation and number are kept for both, as recorded on joining.
    """

    system = models.ForeignKey(
        "units.SystemOrganisation",
        verbose_name=_("superior organisation"),
        on_delete=models.PROTECT,
        related_name="pool_members",
    )
    person = models.ForeignKey(
        "lawyers.Person",
        verbose_name=_("person on the county roster"),
        on_delete=models.PROTECT,
        related_name="pool_memberships",
        null=True,
        blank=True,
    )
    name = models.CharField(_("full name"), max_length=50)
    organisation = models.CharField(_("works at"), max_length=100)
    practice_number = models.CharField(
        _("practice certificate number"), max_length=17, validators=[validate_practice_number]
    )
    phone = EncryptedCharField(_("phone"), max_length=20, blank=True)
    expertise = models.CharField(
        _("expertise"), max_length=200, blank=True, help_text=_("For example tax disputes, contracts, reconsideration.")
    )
    joined_on = models.DateField(_("in the pool from"))
    left_on = models.DateField(
        _("left the pool with effect from"), null=True, blank=True, help_text=_("The first day out of the pool.")
    )

    objects = PoolMemberQuerySet.as_manager()
    # Unit offices do not browse the pool: they ask the superior, which chooses (R1.5).
    scope = Scope(unit=None, system="system", person="person")

    class Meta:
        verbose_name = _("talent-pool member")
        verbose_name_plural = _("talent-pool members")
        ordering = ["system__name", "name"]
        constraints = [
            models.UniqueConstraint(
                fields=["system", "practice_number"],
                condition=Q(left_on__isnull=True),
                name="pool_member_once_per_system",
                violation_error_message=_("This lawyer is already in the system's pool."),
            ),
            models.CheckConstraint(
                condition=Q(left_on__isnull=True) | Q(left_on__gt=F("joined_on")),
                name="pool_member_leaves_after_joining",
                violation_error_message=_("A member leaves the pool after joining it."),
            ),
        ]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("advisors:pool_member_detail", args=[self.pk])

    def in_pool_on(self, day: date) -> bool:
        return POOL_MEMBERSHIP.holds(self, day)


class Dispatch(Term, BaseModel):
    """A unit's request to its superior for a lawyer of the system's talent pool and, once the superior
    chooses one, the dispatch itself (选派, R1.5)."""

    unit = models.ForeignKey("units.Unit", verbose_name=_("unit"), on_delete=models.PROTECT, related_name="dispatches")
    # The superior asked, kept as it was when asking: a later reorganisation does not move the request.
    system = models.ForeignKey(
        "units.SystemOrganisation",
        verbose_name=_("superior organisation"),
        on_delete=models.PROTECT,
        related_name="dispatches",
    )
    needs = models.TextField(_("legal services needed"))
    # Categories of R2.1 (matters.choices.MatterCategory) the lawyer would handle.
    matter_types = models.JSONField(_("matter types"), default=list, blank=True)
    wanted_from = models.DateField(_("needed from"))
    wanted_until = models.DateField(_("needed until"), null=True, blank=True)
    status = models.CharField(
        _("status"), max_length=16, choices=DispatchStatus.choices, default=DispatchStatus.REQUESTED
    )
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("requested by"), on_delete=models.PROTECT, related_name="+"
    )
    member = models.ForeignKey(
        PoolMember,
        verbose_name=_("dispatched lawyer"),
        on_delete=models.PROTECT,
        related_name="dispatches",
        null=True,
        blank=True,
    )
    starts_on = models.DateField(_("dispatched from"), null=True, blank=True)
    ends_on = models.DateField(_("dispatched until"), null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("decided by"),
        on_delete=models.PROTECT,
        related_name="+",
        null=True,
        blank=True,
    )
    decided_at = models.DateTimeField(_("decided at"), null=True, blank=True)
    decision_note = models.TextField(_("superior's note"), blank=True)

    objects = TermQuerySet.as_manager()
    scope = Scope(unit="unit", system="system", person="member__person")

    class Meta:
        verbose_name = _("dispatch request")
        verbose_name_plural = _("dispatch requests")
        ordering = ["-created_at", "-pk"]
        indexes = [models.Index(fields=["unit", "starts_on"], name="dispatch_unit_start_idx")]
        constraints = [
            models.CheckConstraint(
                condition=Q(status__in=DispatchStatus.values),
                name="dispatch_status_valid",
                violation_error_message=_("Unknown dispatch status."),
            ),
            models.CheckConstraint(
                condition=(
                    Q(status=DispatchStatus.DISPATCHED)
                    & Q(member__isnull=False, starts_on__isnull=False, ends_on__isnull=False)
                )
                | (
                    ~Q(status=DispatchStatus.DISPATCHED)
                    & Q(member__isnull=True, starts_on__isnull=True, ends_on__isnull=True)
                ),
                name="dispatch_term_only_when_dispatched",
                violation_error_message=_("A dispatched lawyer and term belong to a granted request only."),
            ),
            models.CheckConstraint(
                condition=~Q(status=DispatchStatus.DECLINED) | ~Q(decision_note=""),
                name="dispatch_decline_has_reason",
                violation_error_message=_("Declining a request needs a reason for the unit."),
            ),
            models.CheckConstraint(
                condition=Q(wanted_until__isnull=True) | Q(wanted_until__gte=F("wanted_from")),
                name="dispatch_wanted_until_after_from",
                violation_error_message=_("The service cannot be needed until a day before it is needed from."),
            ),
            models.UniqueConstraint(
                fields=["unit"],
                condition=Q(status=DispatchStatus.REQUESTED),
                name="dispatch_one_waiting_per_unit",
                violation_error_message=_("The unit already has a request waiting for the superior."),
            ),
            *term_constraints("dispatch"),
        ]

    def __str__(self):
        return _("Dispatch request of %(unit)s") % {"unit": self.unit}

    def get_absolute_url(self):
        return reverse("advisors:dispatch_detail", args=[self.pk])

    @property
    def matter_type_labels(self) -> list[str]:
        from matters.choices import MatterCategory

        return [str(MatterCategory(value).label) for value in self.matter_types if value in MatterCategory.values]
