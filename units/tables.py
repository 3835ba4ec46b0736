import django_tables2 as tables
from django.utils.translation import gettext_lazy as _

from chenggu_lawyers.tables import YesNoColumn

from .models import SystemOrganisation, Unit


class UnitTable(tables.Table):
    name = tables.Column(linkify=True, attrs={"td": {"class": "text-nowrap"}})
    law_enforcement = YesNoColumn(verbose_name=_("Law-enforcement power"))
    superior = tables.Column(verbose_name=_("superior organisation"), accessor="superior__name", default="")
    credit_code = tables.Column(default="")
    legal_office_contact = tables.Column(default="")
    legal_office_phone = tables.Column(default="")
    established_on = tables.DateColumn(format="Y-m-d", default="")
    abolished_on = tables.DateColumn(format="Y-m-d", default="")

    class Meta:
        model = Unit
        fields = (
            "name",
            "kind",
            "law_enforcement",
            "management_mode",
            "superior",
            "credit_code",
            "legal_office_contact",
            "legal_office_phone",
            "established_on",
            "abolished_on",
        )
        attrs = {"class": "table table-hover table-sm align-middle"}
        order_by = ("kind", "name")
        empty_text = _("No units match the filters.")


class SystemOrganisationTable(tables.Table):
    name = tables.Column(linkify=("units:superior_update", {"pk": tables.A("pk")}))
    unit_count = tables.Column(verbose_name=_("units in the county"))

    class Meta:
        model = SystemOrganisation
        fields = ("name", "system", "unit_count")
        attrs = {"class": "table table-hover table-sm align-middle"}
        order_by = ("name",)
        empty_text = _("No superior organisations yet.")
