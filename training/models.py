"""Yearly training plans, training events and who attended them (R3.2)."""

from decimal import Decimal

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from accounts.choices import Role
from chenggu_lawyers.models import BaseModel, ScopedQuerySet
from chenggu_lawyers.scoping import Scope
from chenggu_lawyers.uploads import attachment_storage, kept_file_path
from chenggu_lawyers.years import FIRST_YEAR, LAST_YEAR, year_bounds

from .choices import TrainingKind
from .roles import COUNTY_EVENT_KEEPERS

MAX_EVENT_HOURS = Decimal("24")


class TrainingPlan(BaseModel):
    """The justice bureau's training plan for one year: the hours each public lawyer must attend."""

    year = models.PositiveSmallIntegerField(
        _("year"), validators=[MinValueValidator(FIRST_YEAR), MaxValueValidator(LAST_YEAR)]
    )
    required_hours = models.DecimalField(
        _("required hours per public lawyer"),
        max_digits=5,
        decimal_places=1,
        validators=[MinValueValidator(Decimal("0.1"))],
    )
    note = models.TextField(_("note"), blank=True)

    # Reference data: every role that organises or attends training reads the plan; the justice bureau keeps it.
    scope = Scope(
        unit=None,
        everyone_roles=frozenset({Role.BAR_ASSOCIATION, Role.UNIT_OFFICER, Role.PUBLIC_LAWYER}),
    )

    class Meta:
        verbose_name = _("training plan")
        verbose_name_plural = _("training plans")
        ordering = ["-year"]
        constraints = [
            models.UniqueConstraint(
                fields=["year"],
                name="training_plan_one_per_year",
                violation_error_message=_("There is already a training plan for this year."),
            ),
            models.CheckConstraint(
                condition=Q(required_hours__gt=0),
                name="training_plan_hours_positive",
                violation_error_message=_("The required hours must be more than zero."),
            ),
            models.CheckConstraint(
                condition=Q(year__gte=FIRST_YEAR, year__lte=LAST_YEAR),
                name="training_plan_year_range",
                violation_error_message=_("The year must lie between 2000 and 2100."),
            ),
        ]

    def __str__(self):
        return _("Training plan %(year)s") % {"year": self.year}


class TrainingEventQuerySet(ScopedQuerySet):
    def in_year(self, year: int):
        start, end = year_bounds(year)
        return self.filter(held_on__gte=start, held_on__lte=end)


class TrainingEvent(BaseModel):
    """One training session: county-wide (no unit) or organised by a unit's legal office for its own lawyers."""

    title = models.CharField(_("title"), max_length=200)
    kind = models.CharField(_("kind"), max_length=24, choices=TrainingKind.choices)
    organiser = models.CharField(_("organiser"), max_length=100)
    held_on = models.DateField(_("held on"))
    hours = models.DecimalField(
        _("hours"),
        max_digits=3,
        decimal_places=1,
        validators=[MinValueValidator(Decimal("0.1")), MaxValueValidator(MAX_EVENT_HOURS)],
        help_text=_("Training hours credited to each attendee; at most 24."),
    )
    unit = models.ForeignKey(
        "units.Unit",
        verbose_name=_("unit"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="training_events",
        help_text=_("Empty for a county-wide event of the justice bureau or the bar association."),
    )
    note = models.TextField(_("note"), blank=True)

    objects = TrainingEventQuerySet.as_manager()
    # The bar association plans training too (R3.2), so it sees every event like the county-wide roles. A
    # county-wide event (no unit) is every unit's: its officer and lawyers see it beside their own unit's
    # events, and its attendee list through Attendance's scope, which shows them their own unit's people only.
    scope = Scope(unit="unit", everyone_roles=frozenset({Role.BAR_ASSOCIATION}), unitless_shared=True)

    class Meta:
        verbose_name = _("training event")
        verbose_name_plural = _("training events")
        ordering = ["-held_on", "title"]
        indexes = [models.Index(fields=["held_on"], name="training_event_held_on_idx")]
        constraints = [
            models.CheckConstraint(
                condition=Q(kind__in=TrainingKind.values),
                name="training_event_kind_valid",
                violation_error_message=_("Unknown kind of training."),
            ),
            models.CheckConstraint(
                condition=Q(hours__gt=0, hours__lte=MAX_EVENT_HOURS),
                name="training_event_hours_range",
                violation_error_message=_("An event lasts more than 0 and at most 24 hours."),
            ),
        ]

    def __str__(self):
        return f"{self.title} ({self.held_on:%Y-%m-%d})"

    def get_absolute_url(self):
        return reverse("training:event_detail", args=[self.pk])

    @property
    def is_county_wide(self) -> bool:
        return self.unit_id is None

    def may_be_kept_by(self, user) -> bool:
        """Whether `user` edits the event and its attendee list: the organiser's side only."""
        if self.unit_id is None:
            return user.role in COUNTY_EVENT_KEEPERS
        return user.role == Role.UNIT_OFFICER and user.unit_id == self.unit_id


class Attendance(BaseModel):
    """A person's attendance at a training event; the event's hours count towards the person's year."""

    event = models.ForeignKey(
        TrainingEvent, verbose_name=_("event"), on_delete=models.CASCADE, related_name="attendances"
    )
    person = models.ForeignKey(
        "lawyers.Person", verbose_name=_("person"), on_delete=models.PROTECT, related_name="training_attendances"
    )

    scope = Scope(unit="person__unit", person="person", everyone_roles=frozenset({Role.BAR_ASSOCIATION}))

    class Meta:
        verbose_name = _("attendance")
        verbose_name_plural = _("attendances")
        ordering = ["event", "person__name"]
        constraints = [
            models.UniqueConstraint(
                fields=["event", "person"],
                name="attendance_once_per_event",
                violation_error_message=_("This person is already on the event's attendee list."),
            ),
        ]

    def __str__(self):
        return f"{self.person} @ {self.event}"


# A course outside the county may run over several days; one record holds at most this many hours.
MAX_EXTERNAL_HOURS = Decimal("60")


class ExternalTrainingQuerySet(ScopedQuerySet):
    def in_year(self, year: int):
        start, end = year_bounds(year)
        return self.filter(held_on__gte=start, held_on__lte=end)


class ExternalTraining(BaseModel):
    """Training a public lawyer attended outside the county's events (a provincial bar course, an online course
    of the Ministry of Justice), recorded by the lawyer; its hours count in the year of its date like an
    event's (R3.2). The certificate of completion is optional: many courses give none."""

    person = models.ForeignKey(
        "lawyers.Person", verbose_name=_("person"), on_delete=models.PROTECT, related_name="external_trainings"
    )
    title = models.CharField(_("title"), max_length=200)
    organiser = models.CharField(_("organiser"), max_length=100)
    held_on = models.DateField(_("held on"), help_text=_("The last day, for a course of several days."))
    hours = models.DecimalField(
        _("hours"),
        max_digits=4,
        decimal_places=1,
        validators=[MinValueValidator(Decimal("0.1")), MaxValueValidator(MAX_EXTERNAL_HOURS)],
        help_text=_("Training hours as the organiser credits them; at most 60 for one record."),
    )
    note = models.TextField(_("note"), blank=True)
    certificate = models.FileField(
        _("certificate of completion"),
        upload_to=kept_file_path,
        storage=attachment_storage,
        max_length=200,
        blank=True,
    )
    certificate_name = models.CharField(_("file name"), max_length=200, blank=True)
    certificate_size = models.PositiveBigIntegerField(_("size (bytes)"), null=True, blank=True)
    certificate_type = models.CharField(_("content type"), max_length=100, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("recorded by"), on_delete=models.PROTECT, related_name="+"
    )

    objects = ExternalTrainingQuerySet.as_manager()
    # The lawyer's own records, their unit's office and the county-wide roles (the justice bureau checks them).
    scope = Scope(unit="person__unit", person="person")

    class Meta:
        verbose_name = _("external training")
        verbose_name_plural = _("external training")
        ordering = ["-held_on", "-pk"]
        indexes = [models.Index(fields=["person", "held_on"], name="external_training_person_idx")]
        constraints = [
            models.CheckConstraint(
                condition=Q(hours__gt=0, hours__lte=MAX_EXTERNAL_HOURS),
                name="external_training_hours_range",
                violation_error_message=_("External training lasts more than 0 and at most 60 hours."),
            ),
            models.CheckConstraint(
                condition=(Q(certificate="") & Q(certificate_name="") & Q(certificate_size__isnull=True))
                | (~Q(certificate="") & ~Q(certificate_name="") & Q(certificate_size__gt=0)),
                name="external_training_certificate_whole",
                violation_error_message=_("A certificate file is kept with its name and size, or not at all."),
            ),
        ]

    def __str__(self):
        return f"{self.title} ({self.held_on:%Y-%m-%d})"

    def get_absolute_url(self):
        return reverse("training:external_detail", args=[self.pk])

    @property
    def upload_folder(self) -> str:
        return f"training-{self.person_id}"
