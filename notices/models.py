from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from chenggu_lawyers.models import BaseModel
from chenggu_lawyers.scoping import Scope


class Notice(BaseModel):
    """A message to one account inside the portal (and by email when the account has an address)."""

    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("recipient"), on_delete=models.CASCADE, related_name="notices"
    )
    kind = models.CharField(_("kind"), max_length=40)
    title = models.CharField(_("title"), max_length=200)
    body = models.TextField(_("text"), blank=True)
    url = models.CharField(_("link"), max_length=300, blank=True)
    read_at = models.DateTimeField(_("read at"), null=True, blank=True)
    emailed_at = models.DateTimeField(_("emailed at"), null=True, blank=True)

    # A notice is its recipient's alone, whatever the role.
    scope = Scope(unit=None, owner="recipient", county_wide=False, unit_roles=frozenset())

    class Meta:
        verbose_name = _("notice")
        verbose_name_plural = _("notices")
        ordering = ["-created_at", "-pk"]
        indexes = [models.Index(fields=["recipient", "read_at"], name="notice_recipient_unread_idx")]

    def __str__(self):
        return self.title
