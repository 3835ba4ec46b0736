from django.contrib.auth.models import AbstractUser, UserManager
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from chenggu_lawyers.crypto import EncryptedCharField
from chenggu_lawyers.scoping import Scope, scope_q

from .choices import UNIT_BOUND_ROLES, Role


class UserQuerySet(models.QuerySet):
    def visible_to(self, user):
        return self.filter(scope_q(self.model, user))


class ScopedUserManager(UserManager.from_queryset(UserQuerySet)):
    pass


class User(AbstractUser):
    """A portal account with exactly one role; unit-bound roles name their unit."""

    role = models.CharField(_("role"), max_length=32, choices=Role.choices)
    unit = models.ForeignKey(
        "units.Unit",
        verbose_name=_("unit"),
        on_delete=models.PROTECT,
        related_name="accounts",
        null=True,
        blank=True,
    )
    person = models.OneToOneField(
        "lawyers.Person",
        verbose_name=_("person record"),
        on_delete=models.SET_NULL,
        related_name="account",
        null=True,
        blank=True,
        help_text=_("The public lawyer's own record; a public-lawyer account sees that person's records."),
    )
    system_organisation = models.ForeignKey(
        "units.SystemOrganisation",
        verbose_name=_("superior organisation"),
        on_delete=models.PROTECT,
        related_name="accounts",
        null=True,
        blank=True,
        help_text=_("For the talent-pool office of a vertical or dual-led system."),
    )
    phone = EncryptedCharField(_("phone"), max_length=32, blank=True)
    must_change_password = models.BooleanField(_("must change password at next login"), default=False)
    password_changed_at = models.DateTimeField(_("password changed at"), null=True, blank=True, editable=False)

    objects = ScopedUserManager()
    # Accounts are the system administrator's alone (三员 separation): no business role lists them.
    scope = Scope(unit=None, everyone_roles=frozenset({Role.SYSADMIN}), county_wide=False)

    class Meta:
        verbose_name = _("account")
        verbose_name_plural = _("accounts")
        ordering = ["username"]
        constraints = [
            models.CheckConstraint(
                condition=Q(role__in=Role.values),
                name="accounts_user_role_valid",
                violation_error_message=_("Unknown role."),
            ),
            models.CheckConstraint(
                condition=Q(role__in=sorted(UNIT_BOUND_ROLES), unit__isnull=False)
                | (~Q(role__in=sorted(UNIT_BOUND_ROLES)) & Q(unit__isnull=True)),
                name="accounts_user_unit_matches_role",
                violation_error_message=_(
                    "Unit officers, public lawyers and committee members belong to a unit; other roles do not."
                ),
            ),
            models.CheckConstraint(
                condition=(Q(role=Role.POOL_OFFICER) & Q(system_organisation__isnull=False))
                | (~Q(role=Role.POOL_OFFICER) & Q(system_organisation__isnull=True)),
                name="accounts_user_pool_office_has_system",
                violation_error_message=_(
                    "A talent-pool office account belongs to a superior organisation; others do not."
                ),
            ),
            models.CheckConstraint(
                condition=Q(person__isnull=True) | Q(role=Role.PUBLIC_LAWYER),
                name="accounts_user_person_only_for_lawyers",
                violation_error_message=_("Only a public-lawyer account is linked to a person record."),
            ),
        ]

    def __str__(self):
        return self.get_full_name() or self.username

    def get_absolute_url(self):
        # The account's page is the system administrator's edit form (三员: nobody else manages accounts).
        return reverse("accounts:user_update", args=[self.pk])

    def set_password(self, raw_password):
        super().set_password(raw_password)
        # Password expiry (settings.PASSWORD_MAX_AGE_DAYS) counts from here.
        self.password_changed_at = timezone.now()

    def get_full_name(self):
        # Chinese names are written family name first, without a space.
        return f"{self.last_name}{self.first_name}".strip()

    @property
    def is_unit_bound(self) -> bool:
        return self.role in UNIT_BOUND_ROLES

    def has_role(self, *roles: str) -> bool:
        return self.is_authenticated and self.is_active and self.role in roles
