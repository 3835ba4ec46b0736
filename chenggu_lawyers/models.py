"""The abstract base model every business model inherits, and the audit log."""

from decimal import Decimal
from typing import ClassVar

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from accounts.choices import Role

from .crypto import EncryptedCharField
from .scoping import Scope, scope_q


class ScopedQuerySet(models.QuerySet):
    def visible_to(self, user):
        """The rows `user` may see; the only way views and forms read business data."""
        return self.filter(scope_q(self.model, user))


class BaseModel(models.Model):
    """Timestamps, the scoped manager and the snapshot the audit log compares against."""

    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    objects = ScopedQuerySet.as_manager()

    scope: ClassVar[Scope]
    # Fields left out of audit snapshots (secrets, derived values).
    audit_exclude: ClassVar[frozenset[str]] = frozenset({"created_at", "updated_at"})

    class Meta:
        abstract = True

    @classmethod
    def from_db(cls, db, field_names, values):
        instance = super().from_db(db, field_names, values)
        # Remember the values as loaded, so an update's audit entry shows before and after without
        # reading the row again.
        instance._loaded_values = dict(zip(field_names, values, strict=True))
        return instance

    def audit_snapshot(self) -> dict:
        """The row's current values as JSON-friendly data, keyed by attribute name."""
        return self.audit_snapshot_of({f.attname: getattr(self, f.attname) for f in self._meta.concrete_fields})

    def audit_snapshot_of(self, values: dict) -> dict:
        snapshot = {}
        for model_field in self._meta.concrete_fields:
            if model_field.name in self.audit_exclude or model_field.attname not in values:
                continue
            value = values[model_field.attname]
            if isinstance(model_field, EncryptedCharField):
                # Personal data enters the log masked, with a keyed fingerprint so that a change hidden by
                # the mask (a birth date inside an ID number) still shows: that it changed, not what it is.
                value = model_field.fingerprinted(value)
            if isinstance(value, Decimal) and getattr(model_field, "decimal_places", None) is not None:
                # 45 typed and 45.0 stored are the same value; compare and show them alike.
                value = value.quantize(Decimal(1).scaleb(-model_field.decimal_places))
            snapshot[model_field.attname] = value if isinstance(value, (int, bool, type(None))) else str(value)
        return snapshot


class AuditAction(models.TextChoices):
    CREATE = "create", _("Created")
    UPDATE = "update", _("Updated")
    DELETE = "delete", _("Deleted")
    LOGIN = "login", _("Logged in")
    LOGOUT = "logout", _("Logged out")
    LOGIN_FAILED = "login_failed", _("Login failed")
    EXPORT = "export", _("Exported")
    IMPORT = "import", _("Imported")
    VIEW = "view", _("Viewed")
    REVEAL = "reveal", _("Revealed personal data")


class AuditEvent(models.Model):
    """One entry of the audit log; written by signal receivers and services, never edited."""

    at = models.DateTimeField(_("time"), auto_now_add=True, db_index=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("actor"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    actor_name = models.CharField(_("actor name"), max_length=150, blank=True)
    ip_address = models.GenericIPAddressField(_("source IP"), null=True, blank=True)
    action = models.CharField(_("action"), max_length=16, choices=AuditAction.choices)
    object_type = models.CharField(_("object type"), max_length=100, blank=True)
    object_id = models.CharField(_("object id"), max_length=64, blank=True)
    object_repr = models.CharField(_("object"), max_length=200, blank=True)
    changes = models.JSONField(_("changes"), default=dict, blank=True)
    outcome = models.CharField(_("outcome"), max_length=16, default="success")

    objects = ScopedQuerySet.as_manager()

    # 三员 separation: the auditor alone reads the log; the county-wide business roles do not.
    scope = Scope(unit=None, everyone_roles=frozenset({Role.AUDITOR}), county_wide=False)

    class Meta:
        verbose_name = _("audit event")
        verbose_name_plural = _("audit events")
        ordering = ["-at", "-id"]
        indexes = [models.Index(fields=["object_type", "object_id"], name="audit_object_idx")]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(action__in=AuditAction.values),
                name="audit_event_action_valid",
                violation_error_message=_("Unknown audit action."),
            ),
        ]

    def __str__(self):
        # The page's heading: local time as the page shows it, the action as its label, not its code.
        at = f"{timezone.localtime(self.at):%Y-%m-%d %H:%M:%S}" if self.at else ""
        parts = (at, self.actor_name, str(self.get_action_display()), self.object_repr)
        return " ".join(part for part in parts if part)
