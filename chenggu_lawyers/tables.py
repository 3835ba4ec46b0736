"""Table columns shared by the apps' tables (django-tables2)."""

import django_tables2 as tables
from django.utils.translation import gettext_lazy as _


class YesNoColumn(tables.Column):
    """是 / 否 on the page and in exports alike (BooleanColumn exports True / False)."""

    def render(self, value):
        return _("Yes") if value else _("No")

    def value(self, value):
        return str(_("Yes") if value else _("No"))
