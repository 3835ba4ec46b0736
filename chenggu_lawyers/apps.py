from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    """The shared framework (base model, scoping, audit, spreadsheets) is an app so it can own models."""

    name = "chenggu_lawyers"
    verbose_name = _("Portal framework")

    def ready(self):
        from . import audit  # noqa: F401  (connects the audit signal receivers)
