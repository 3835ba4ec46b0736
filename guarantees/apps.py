from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class GuaranteesConfig(AppConfig):
    """R3.4: what the organ guarantees its public lawyers (overtime, expenses, commission letters)."""

    name = "guarantees"
    verbose_name = _("Guarantees")
