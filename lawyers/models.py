"""People surveyed by their units, their postings, certificate applications and certificates.

Dates are intervals [start, end): a posting ended on D means the person was no longer in the unit on D;
a certificate cancelled on D is no longer active on D (DOMAIN.md, "Coverage").
"""

from datetime import date

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Case, Exists, OuterRef, Q, Value, When
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from accounts.choices import Role
from chenggu_lawyers import in_force
from chenggu_lawyers.crypto import EncryptedCharField, blind_index
from chenggu_lawyers.models import BaseModel, ScopedQuerySet
from chenggu_lawyers.scoping import Scope
from chenggu_lawyers.uploads import KeptFile

from .choices import (
    OPEN_APPLICATION_STATUSES,
    AnnualGrade,
    ApplicationAction,
    ApplicationStatus,
    CancellationReason,
    CertificateStatus,
    QualificationClass,
    Sex,
    Standing,
)
from .validators import ID_NUMBER_KEEP, PHONE_KEEP, mask_id_number, mask_phone, parse_id_number

LIVE_CERTIFICATE = (CertificateStatus.ACTIVE, CertificateStatus.SUSPENDED)


class PersonQuerySet(ScopedQuerySet):
    def qualified(self, day: date | None = None):
        """Holders of the national legal professional qualification or the old lawyer qualification, obtained
        on or before `day` (today by default)."""
        return self.filter(in_force.QUALIFICATION.q(day or timezone.localdate()))

    def in_legal_work(self, day: date | None = None):
        """People in a period of full-time legal work on `day` (today by default)."""
        day = day or timezone.localdate()
        return self.filter(Exists(LegalWorkPeriod.objects.on(day).filter(person=OuterRef("pk"))))

    def with_legal_work(self, day: date | None = None):
        """Annotate `full_time_legal`: in a period of full-time legal work on `day` (today by default)."""
        day = day or timezone.localdate()
        return self.annotate(full_time_legal=Exists(LegalWorkPeriod.objects.on(day).filter(person=OuterRef("pk"))))

    def holding_certificate(self, day: date):
        """People holding a certificate on `day`, in force or suspended (issued and not yet ended)."""
        return self.filter(Exists(Certificate.objects.filter(in_force.CERTIFICATE.q(day), person=OuterRef("pk"))))

    def r12_staff(self, day: date | None = None):
        """R1.2 staff on `day` (DOMAIN.md), wherever posted: qualified, in full-time legal work and holding no
        certificate that day (a suspended one can be reinstated: its holder is not put forward again).
        Narrowed to a unit with `posted_in`; the coverage engine counts the same people per unit (R12Facts)."""
        day = day or timezone.localdate()
        return (
            self.qualified(day)
            .in_legal_work(day)
            .exclude(Exists(Certificate.objects.filter(in_force.CERTIFICATE.q(day), person=OuterRef("pk"))))
        )

    def posted_in(self, unit, day: date | None = None):
        """People posted in `unit` on `day` (today by default), whichever unit they are in now."""
        day = day or timezone.localdate()
        return self.filter(Exists(Posting.objects.on(day).filter(person=OuterRef("pk"), unit=unit)))

    def eligible(self, day: date | None = None):
        from .eligibility import rules_q

        return self.filter(rules_q(day or timezone.localdate()))

    def with_id_numbers(self, id_numbers):
        """The people with these ID numbers, found by their digests (the numbers are stored encrypted)."""
        return self.filter(id_number_digest__in=[id_number_digest(number) for number in id_numbers])

    def with_live_certificate(self):
        """Annotate `has_certificate`: a live certificate (active or suspended), which the workflow reads: its
        holder cannot apply again. Whether the person is a public lawyer in force is `with_standing`."""
        return self.annotate(
            has_certificate=Exists(Certificate.objects.filter(person=OuterRef("pk"), status__in=LIVE_CERTIFICATE))
        )

    def with_standing(self, day: date | None = None):
        """Annotate `standing` (choices.Standing) at the end of `day`, today by default, as the coverage
        computation decides it (DOMAIN.md): IN_FORCE when a certificate is in force while the person works
        in their unit, SUSPENDED when their certificate is suspended that day, NONE otherwise."""
        day = day or timezone.localdate()
        certified = Certificate.objects.active_on(day).filter(person=OuterRef("pk"))
        posted = Posting.objects.on(day).filter(person=OuterRef("pk"), unit=OuterRef("unit"))
        suspended = Suspension.objects.on(day).filter(
            in_force.CERTIFICATE.q(day, "certificate__"), certificate__person=OuterRef("pk")
        )
        return self.annotate(
            standing=Case(
                When(Exists(certified) & Exists(posted), then=Value(Standing.IN_FORCE)),
                When(Exists(suspended), then=Value(Standing.SUSPENDED)),
                default=Value(Standing.NONE),
            )
        )

    def on_roster(self, day: date | None = None):
        """People who work in their unit at the end of `day` (today by default): a posting there covers it.
        A person whose posting ended (retired, left the unit) stays on record but is no longer on the roster."""
        day = day or timezone.localdate()
        return self.filter(Exists(Posting.objects.on(day).filter(person=OuterRef("pk"), unit=OuterRef("unit"))))


def id_number_digest(id_number: str) -> str:
    return blind_index(id_number.strip().upper())


class Person(BaseModel):
    """A public official surveyed by their unit (摸排, R1.6): identity, legal experience, qualifications."""

    unit = models.ForeignKey("units.Unit", verbose_name=_("unit"), on_delete=models.PROTECT, related_name="people")
    name = models.CharField(_("full name"), max_length=50)
    sex = models.CharField(_("sex"), max_length=1, choices=Sex.choices)
    # Encrypted at rest (chenggu_lawyers/crypto.py); found and kept unique by its keyed digest.
    id_number = EncryptedCharField(_("ID number"), max_length=18, keep=ID_NUMBER_KEEP)
    id_number_digest = models.CharField(max_length=64, unique=True, editable=False)
    # Read from the ID number in clean(), never typed.
    birth_date = models.DateField(_("birth date"), blank=True, editable=False)
    phone = EncryptedCharField(_("phone"), max_length=20, blank=True, keep=PHONE_KEEP)
    post = models.CharField(_("post"), max_length=50, blank=True)
    legal_work_years = models.PositiveSmallIntegerField(_("years of legal work"), default=0)
    judicial_years = models.PositiveSmallIntegerField(_("years as judge, prosecutor or lawyer"), default=0)
    last_annual_grade = models.CharField(
        _("last civil-servant annual grade"), max_length=24, choices=AnnualGrade.choices, blank=True
    )
    legal_qualification_class = models.CharField(
        _("legal qualification class"), max_length=1, choices=QualificationClass.choices, blank=True
    )
    legal_qualification_number = models.CharField(_("legal qualification number"), max_length=40, blank=True)
    legal_qualification_year = models.PositiveSmallIntegerField(_("legal qualification year"), null=True, blank=True)
    lawyer_qualification_number = models.CharField(_("lawyer qualification number"), max_length=40, blank=True)
    lawyer_qualification_year = models.PositiveSmallIntegerField(_("lawyer qualification year"), null=True, blank=True)
    # The day the first of the two qualifications was obtained (DOMAIN.md: a year alone means 31 December of
    # it); the date rule QUALIFICATION reads it. Set from the years when only they are known.
    qualified_on = models.DateField(_("qualified on"), null=True, blank=True)
    sitting_exam_this_year = models.BooleanField(_("sitting the national legal exam this year"), default=False)
    # The bars of Art. 6 of the national Measures, as the unit declares them.
    lacks_civil_capacity = models.BooleanField(_("lacks full civil capacity"), default=False)
    licence_revoked = models.BooleanField(_("a lawyer's or notary's licence was revoked"), default=False)
    under_investigation = models.BooleanField(_("under criminal or disciplinary investigation"), default=False)
    credit_punished = models.BooleanField(_("on the joint credit-punishment list"), default=False)

    objects = PersonQuerySet.as_manager()
    # A talent-pool office sees the people of its system's units (R1.5), to keep its pool.
    scope = Scope(unit="unit", person="pk", system="unit__superior")
    audit_exclude = BaseModel.audit_exclude | {"id_number_digest"}

    class Meta:
        verbose_name = _("person")
        verbose_name_plural = _("people")
        ordering = ["unit__name", "name"]
        indexes = [
            # The matters list's lawyer choices: the first people by name who were assigned a matter.
            models.Index(fields=["name", "id"], name="person_choice_by_name_idx"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(sex__in=Sex.values), name="person_sex_valid", violation_error_message=_("Unknown sex.")
            ),
            models.CheckConstraint(
                condition=Q(last_annual_grade__in=[*AnnualGrade.values, ""]),
                name="person_grade_valid",
                violation_error_message=_("Unknown annual grade."),
            ),
            models.CheckConstraint(
                condition=Q(legal_qualification_class__in=[*QualificationClass.values, ""]),
                name="person_qualification_class_valid",
                violation_error_message=_("Unknown qualification class."),
            ),
            models.CheckConstraint(
                condition=Q(legal_qualification_class="") | ~Q(legal_qualification_number=""),
                name="person_qualification_has_number",
                violation_error_message=_("A legal qualification needs its certificate number."),
            ),
            models.CheckConstraint(
                condition=(Q(legal_qualification_class="") & Q(lawyer_qualification_number="") & Q(qualified_on=None))
                | ((~Q(legal_qualification_class="") | ~Q(lawyer_qualification_number="")) & ~Q(qualified_on=None)),
                name="person_qualified_on_with_qualification",
                violation_error_message=_("A qualification needs the date or year it was obtained, and only then."),
            ),
        ]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("lawyers:person_detail", args=[self.pk])

    def clean(self):
        """The ID number decides birth date and sex; a sex entered otherwise is an error, not overwritten."""
        super().clean()
        # First, so that a row refused for its ID number is not also told its qualification has no date.
        self._date_qualification()
        if not self.id_number:
            return
        self.id_number = self.id_number.strip().upper()
        try:
            facts = parse_id_number(self.id_number)
        except ValidationError as error:
            raise ValidationError({"id_number": error.messages}) from error
        self.birth_date = facts.birth_date
        if self.sex and self.sex != facts.sex:
            raise ValidationError(
                {"sex": _("The sex does not match the ID number (%(sex)s).") % {"sex": Sex(facts.sex).label}}
            )
        self.sex = facts.sex
        self.id_number_digest = id_number_digest(self.id_number)
        # An import has looked up every ID number of its file in one query (lawyers.importers) and marks
        # its rows; one query per row would be most of a 10,000-row import's time.
        checked = getattr(self, "_duplicates_checked", False)
        if not checked and Person.objects.filter(id_number_digest=self.id_number_digest).exclude(pk=self.pk).exists():
            raise ValidationError({"id_number": _("A person with this ID number is already registered.")})
        this_year = timezone.localdate().year
        for field in ("legal_qualification_year", "lawyer_qualification_year"):
            year = getattr(self, field)
            if year is not None and not (facts.birth_date.year + 16 <= year <= this_year):
                raise ValidationError({field: _("The year must lie between the holder's 16th birthday and this year.")})
        self._clean_qualified_on(facts.birth_date)

    def _date_qualification(self) -> None:
        """The qualification's date: as typed, else 31 December of the earliest year (today, for this year's),
        else the day it is recorded (docs/dated-facts.md); none without a qualification."""
        today = timezone.localdate()
        since = self.qualified_since
        if not self.is_qualified:
            self.qualified_on = None
        elif self.qualified_on is None or (since and self.qualified_on.year != since):
            # A date of another year than the earliest qualification year was derived from an older answer (a
            # year since corrected, or "recorded today" before the year was known): the year decides.
            self.qualified_on = min(date(since, 12, 31), today) if since else today

    def _clean_qualified_on(self, birth_date: date) -> None:
        if self.qualified_on is None:
            return
        if self.qualified_on > timezone.localdate():
            raise ValidationError({"qualified_on": _("The date cannot be in the future.")})
        if self.qualified_on.year < birth_date.year + 16:
            raise ValidationError({"qualified_on": _("The date must lie after the holder's 16th birthday.")})

    def save(self, *args, **kwargs):
        self.id_number_digest = id_number_digest(self.id_number)
        super().save(*args, **kwargs)

    @property
    def is_qualified(self) -> bool:
        return bool(self.legal_qualification_class or self.lawyer_qualification_number)

    @property
    def qualified_since(self) -> int | None:
        years = [year for year in (self.legal_qualification_year, self.lawyer_qualification_year) if year]
        return min(years) if years else None

    @property
    def masked_id_number(self) -> str:
        return mask_id_number(self.id_number)

    @property
    def masked_phone(self) -> str:
        return mask_phone(self.phone)


class PostingQuerySet(ScopedQuerySet):
    def on(self, day: date):
        return self.filter(in_force.POSTING.q(day))


class Posting(BaseModel):
    """A dated period in which a person works in a unit; a transfer closes one and opens the next."""

    person = models.ForeignKey(Person, verbose_name=_("person"), on_delete=models.CASCADE, related_name="postings")
    unit = models.ForeignKey("units.Unit", verbose_name=_("unit"), on_delete=models.PROTECT, related_name="postings")
    # Empty when the person was in the unit before the portal's records begin.
    started_on = models.DateField(_("from"), null=True, blank=True)
    ended_on = models.DateField(_("until"), null=True, blank=True)

    objects = PostingQuerySet.as_manager()
    scope = Scope(unit="unit", person="person", system="unit__superior")

    class Meta:
        verbose_name = _("posting")
        verbose_name_plural = _("postings")
        # "Before the records" first, on PostgreSQL as on SQLite (which sorts NULL first by itself).
        ordering = ["person", models.F("started_on").asc(nulls_first=True)]
        indexes = [models.Index(fields=["unit", "started_on"], name="posting_unit_start_idx")]
        constraints = [
            models.CheckConstraint(
                condition=Q(ended_on__isnull=True)
                | Q(started_on__isnull=True)
                | Q(ended_on__gt=models.F("started_on")),
                name="posting_ends_after_start",
                violation_error_message=_("A posting ends after it starts."),
            ),
            models.UniqueConstraint(
                fields=["person"],
                condition=Q(ended_on__isnull=True),
                name="posting_one_open_per_person",
                violation_error_message=_("A person works in one unit at a time."),
            ),
        ]

    def __str__(self):
        return f"{self.person} @ {self.unit} ({self.started_on} – {self.ended_on or ''})"


class Application(BaseModel):
    """A unit's application for a public-lawyer certificate for one of its people (the unit applies)."""

    person = models.ForeignKey(Person, verbose_name=_("person"), on_delete=models.PROTECT, related_name="applications")
    unit = models.ForeignKey(
        "units.Unit", verbose_name=_("unit"), on_delete=models.PROTECT, related_name="applications"
    )
    status = models.CharField(
        _("status"), max_length=16, choices=ApplicationStatus.choices, default=ApplicationStatus.SUBMITTED
    )
    consent_on = models.DateField(_("unit consent given on"))
    note = models.TextField(_("note"), blank=True)

    scope = Scope(unit="unit", person="person")

    class Meta:
        verbose_name = _("certificate application")
        verbose_name_plural = _("certificate applications")
        ordering = ["-created_at"]
        constraints = [
            models.CheckConstraint(
                condition=Q(status__in=ApplicationStatus.values),
                name="application_status_valid",
                violation_error_message=_("Unknown application status."),
            ),
            models.UniqueConstraint(
                fields=["person"],
                condition=Q(status__in=OPEN_APPLICATION_STATUSES),
                name="application_one_open_per_person",
                violation_error_message=_("This person already has an open application."),
            ),
        ]

    def __str__(self):
        return _("Application for %(person)s") % {"person": self.person}

    def get_absolute_url(self):
        return reverse("lawyers:application_detail", args=[self.pk])


class ApplicationStep(BaseModel):
    """One step of an application's workflow: who, when, what and the comment."""

    application = models.ForeignKey(Application, on_delete=models.CASCADE, related_name="steps")
    action = models.CharField(_("action"), max_length=16, choices=ApplicationAction.choices)
    actor = models.ForeignKey(
        "accounts.User", verbose_name=_("by"), on_delete=models.PROTECT, related_name="application_steps"
    )
    comment = models.TextField(_("comment"), blank=True)

    scope = Scope(unit="application__unit", person="application__person")

    class Meta:
        verbose_name = _("application step")
        verbose_name_plural = _("application steps")
        ordering = ["created_at", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(action__in=ApplicationAction.values),
                name="application_step_action_valid",
                violation_error_message=_("Unknown application action."),
            ),
        ]


class ApplicationAttachment(KeptFile):
    """A file the unit puts with its application (a diploma, a consent, the proof a return asks for), for the
    justice bureau to read; checked and stored like a matter's attachments, never deleted."""

    application = models.ForeignKey(
        Application, verbose_name=_("application"), on_delete=models.PROTECT, related_name="attachments"
    )

    # The application's own scope: its unit's office and the county-wide roles.
    scope = Scope(unit="application__unit", person="application__person")

    class Meta(KeptFile.Meta):
        verbose_name = _("application attachment")
        verbose_name_plural = _("application attachments")

    def get_absolute_url(self):
        return reverse("lawyers:application_attachment", args=[self.pk])

    @property
    def upload_folder(self) -> str:
        return f"application-{self.application_id}"


class CertificateQuerySet(ScopedQuerySet):
    def active_on(self, day: date):
        """Certificates in force at the end of `day`: issued, not ended, not suspended (DOMAIN.md)."""
        return self.filter(
            in_force.certificate_in_force_q(
                day, lambda d: Exists(Suspension.objects.on(d).filter(certificate=OuterRef("pk")))
            )
        )


class Certificate(BaseModel):
    """A public-lawyer practice certificate (公职律师执业证) and how it ended, if it did."""

    person = models.ForeignKey(Person, verbose_name=_("holder"), on_delete=models.PROTECT, related_name="certificates")
    application = models.OneToOneField(
        Application,
        verbose_name=_("application"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="certificate",
    )
    number = models.CharField(_("practice certificate number"), max_length=17, unique=True)
    issued_on = models.DateField(_("issued on"))
    issuer = models.CharField(_("issuing authority"), max_length=60, default="陕西省司法厅")
    status = models.CharField(
        _("status"), max_length=16, choices=CertificateStatus.choices, default=CertificateStatus.ACTIVE
    )
    ended_on = models.DateField(_("ended on"), null=True, blank=True)
    cancellation_reason = models.CharField(
        _("cancellation reason"), max_length=24, choices=CancellationReason.choices, blank=True
    )
    end_note = models.TextField(_("note on the ending"), blank=True)

    objects = CertificateQuerySet.as_manager()
    # The bar association keeps membership of every public lawyer (R3.5), so it reads the register.
    scope = Scope(
        unit="person__unit",
        person="person",
        system="person__unit__superior",
        everyone_roles=frozenset({Role.BAR_ASSOCIATION}),
    )

    class Meta:
        verbose_name = _("certificate")
        verbose_name_plural = _("certificates")
        ordering = ["-issued_on"]
        constraints = [
            models.CheckConstraint(
                condition=Q(status__in=CertificateStatus.values),
                name="certificate_status_valid",
                violation_error_message=_("Unknown certificate status."),
            ),
            models.UniqueConstraint(
                fields=["person"],
                condition=Q(status__in=LIVE_CERTIFICATE),
                name="certificate_one_live_per_person",
                violation_error_message=_("This person already holds a certificate in force."),
            ),
            models.CheckConstraint(
                condition=(Q(status__in=LIVE_CERTIFICATE) & Q(ended_on__isnull=True))
                | (~Q(status__in=LIVE_CERTIFICATE) & Q(ended_on__isnull=False)),
                name="certificate_end_date_matches_status",
                violation_error_message=_("A cancelled or revoked certificate has an end date; a live one has none."),
            ),
            models.CheckConstraint(
                condition=Q(ended_on__isnull=True) | Q(ended_on__gte=models.F("issued_on")),
                name="certificate_ends_after_issue",
                violation_error_message=_("A certificate cannot end before it was issued."),
            ),
            models.CheckConstraint(
                condition=Q(cancellation_reason="") | Q(status=CertificateStatus.CANCELLED),
                name="certificate_reason_only_when_cancelled",
                violation_error_message=_("Only a cancelled certificate has a cancellation reason."),
            ),
        ]

    def __str__(self):
        return self.number

    def get_absolute_url(self):
        return reverse("lawyers:person_detail", args=[self.person_id])

    @property
    def is_live(self) -> bool:
        return self.status in LIVE_CERTIFICATE


class SuspensionQuerySet(ScopedQuerySet):
    def on(self, day: date):
        return self.filter(in_force.SUSPENSION.q(day))


class Suspension(BaseModel):
    """A period in which a certificate is suspended; open-ended until reinstated."""

    certificate = models.ForeignKey(Certificate, on_delete=models.CASCADE, related_name="suspensions")
    started_on = models.DateField(_("suspended from"))
    ended_on = models.DateField(_("reinstated on"), null=True, blank=True)
    reason = models.TextField(_("reason"))

    objects = SuspensionQuerySet.as_manager()
    scope = Scope(unit="certificate__person__unit", person="certificate__person")

    class Meta:
        verbose_name = _("suspension")
        verbose_name_plural = _("suspensions")
        ordering = ["started_on"]
        constraints = [
            models.CheckConstraint(
                condition=Q(ended_on__isnull=True) | Q(ended_on__gt=models.F("started_on")),
                name="suspension_ends_after_start",
                violation_error_message=_("A suspension ends after it starts."),
            ),
            models.UniqueConstraint(
                fields=["certificate"],
                condition=Q(ended_on__isnull=True),
                name="suspension_one_open_per_certificate",
                violation_error_message=_("The certificate is already suspended."),
            ),
        ]


class Membership(BaseModel):
    """A public lawyer's membership of the bar association (R3.5: every public lawyer joins it)."""

    person = models.OneToOneField(Person, verbose_name=_("person"), on_delete=models.CASCADE, related_name="membership")
    number = models.CharField(_("membership number"), max_length=40, unique=True)
    joined_on = models.DateField(_("member since"))

    # The bar association keeps the membership of every public lawyer of the county.
    scope = Scope(unit="person__unit", person="person", everyone_roles=frozenset({Role.BAR_ASSOCIATION}))

    class Meta:
        verbose_name = _("bar membership")
        verbose_name_plural = _("bar memberships")
        ordering = ["number"]

    def __str__(self):
        return self.number


class LegalWorkPeriodQuerySet(ScopedQuerySet):
    def on(self, day: date):
        return self.filter(in_force.LEGAL_WORK.q(day))


class LegalWorkPeriod(BaseModel):
    """A dated period of full-time legal work (a survey fact, R1.2); an empty start is "since before the
    records", an empty end "still"."""

    person = models.ForeignKey(
        Person, verbose_name=_("person"), on_delete=models.CASCADE, related_name="legal_work_periods"
    )
    started_on = models.DateField(_("from"), null=True, blank=True)
    ended_on = models.DateField(_("until"), null=True, blank=True)

    objects = LegalWorkPeriodQuerySet.as_manager()
    scope = Scope(unit="person__unit", person="person", system="person__unit__superior")

    class Meta:
        verbose_name = _("full-time legal work period")
        verbose_name_plural = _("full-time legal work periods")
        ordering = ["person", models.F("started_on").asc(nulls_first=True)]
        constraints = [
            models.CheckConstraint(
                condition=Q(ended_on__isnull=True)
                | Q(started_on__isnull=True)
                | Q(ended_on__gt=models.F("started_on")),
                name="legal_work_ends_after_start",
                violation_error_message=_("A period of legal work ends after it starts."),
            ),
            models.UniqueConstraint(
                fields=["person"],
                condition=Q(ended_on__isnull=True),
                name="legal_work_one_open_per_person",
                violation_error_message=_("The person already has an open period of legal work."),
            ),
        ]

    def __str__(self):
        return f"{self.person} ({self.started_on or '…'} – {self.ended_on or ''})"


class CertificateCorrection(BaseModel):
    """A correction (更正) of a certificate's recorded number, dates or issuer: a clerical error put right by
    the justice bureau with a reason. Not a cancellation: the certificate stays what it was, with the right
    facts. Kept for good beside the certificate (append-only), and in the audit log."""

    certificate = models.ForeignKey(
        Certificate, verbose_name=_("certificate"), on_delete=models.PROTECT, related_name="corrections"
    )
    field = models.CharField(_("field"), max_length=32)
    old_value = models.CharField(_("was"), max_length=100, blank=True)
    new_value = models.CharField(_("corrected to"), max_length=100, blank=True)
    reason = models.TextField(_("reason"))
    actor = models.ForeignKey(
        "accounts.User", verbose_name=_("by"), on_delete=models.PROTECT, related_name="certificate_corrections"
    )

    scope = Scope(
        unit="certificate__person__unit",
        person="certificate__person",
        system="certificate__person__unit__superior",
        everyone_roles=frozenset({Role.BAR_ASSOCIATION}),
    )

    class Meta:
        verbose_name = _("certificate correction")
        verbose_name_plural = _("certificate corrections")
        ordering = ["created_at", "pk"]
