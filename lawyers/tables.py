import django_tables2 as tables
from django.utils.translation import gettext_lazy as _

from chenggu_lawyers.tables import MaskedColumn, RevealableTable, YesNoColumn

from .choices import Standing
from .models import Application, Certificate, Person


class StandingColumn(tables.Column):
    """是 / 暂停执业 / 否 from the `standing` annotation (PersonQuerySet.with_standing), on the page and in exports."""

    def render(self, value):
        return Standing(value).label

    def value(self, value):
        return str(Standing(value).label)


class PersonTable(RevealableTable):
    name = tables.Column(linkify=True, attrs={"td": {"class": "text-nowrap"}})
    unit = tables.Column(accessor="unit__name", verbose_name=_("unit"))
    id_number = MaskedColumn()
    # In a period of full-time legal work today: the `full_time_legal` annotation (PersonQuerySet.with_legal_work,
    # which every queryset of this table carries), so it sorts in the database like a field.
    full_time_legal = YesNoColumn(verbose_name=_("Full-time legal"))
    qualified = YesNoColumn(accessor="is_qualified", verbose_name=_("Qualified"), orderable=False)
    standing = StandingColumn(verbose_name=_("Public lawyer"), orderable=False)

    class Meta:
        model = Person
        fields = (
            "name",
            "sex",
            "unit",
            "id_number",
            "post",
            "full_time_legal",
            "legal_work_years",
            "qualified",
            "legal_qualification_class",
            "standing",
            "sitting_exam_this_year",
        )
        attrs = {"class": "table table-hover table-sm align-middle"}
        order_by = ("unit", "name")
        empty_text = _("No people match the filters.")


class ApplicationTable(tables.Table):
    person = tables.Column(
        accessor="person__name",
        verbose_name=_("person"),
        linkify=("lawyers:application_detail", {"pk": tables.A("pk")}),
    )
    unit = tables.Column(accessor="unit__name", verbose_name=_("unit"))
    created_at = tables.DateTimeColumn(verbose_name=_("submitted at"), format="Y-m-d H:i")
    updated_at = tables.DateTimeColumn(verbose_name=_("last step"), format="Y-m-d H:i")

    class Meta:
        model = Application
        fields = ("person", "unit", "status", "consent_on", "created_at", "updated_at")
        attrs = {"class": "table table-hover table-sm align-middle"}
        order_by = ("-updated_at",)
        empty_text = _("No applications.")


class CertificateTable(tables.Table):
    person = tables.Column(
        accessor="person__name",
        verbose_name=_("holder"),
        linkify=("lawyers:person_detail", {"pk": tables.A("person_id")}),
    )
    sex = tables.Column(accessor="person__get_sex_display", verbose_name=_("sex"), order_by="person__sex")
    unit = tables.Column(accessor="person__unit__name", verbose_name=_("unit"))
    issued_on = tables.DateColumn(format="Y-m-d")
    ended_on = tables.DateColumn(format="Y-m-d", default="")
    cancellation_reason = tables.Column(default="")

    class Meta:
        model = Certificate
        fields = ("person", "sex", "unit", "number", "issued_on", "issuer", "status", "ended_on", "cancellation_reason")
        attrs = {"class": "table table-hover table-sm align-middle"}
        order_by = ("unit", "person")
        empty_text = _("No certificates match the filters.")

    def __init__(self, *args, link_people=True, **kwargs):
        super().__init__(*args, **kwargs)
        if not link_people:
            # The bar association reads the register but not people's records: no link to a page it may not open.
            self.columns["person"].link = None
