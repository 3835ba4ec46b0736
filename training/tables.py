import django_tables2 as tables
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from chenggu_lawyers.tables import HoursColumn, YesNoColumn

from .models import ExternalTraining, TrainingEvent, TrainingPlan

TABLE_ATTRS = {"class": "table table-hover table-sm align-middle"}


class TrainingPlanTable(tables.Table):
    required_hours = HoursColumn()
    year = tables.Column(linkify=lambda record: f"{reverse('training:hours')}?year={record.year}")
    edit = tables.LinkColumn(
        "training:plan_update",
        args=[tables.A("pk")],
        text=_("Edit"),
        verbose_name="",
        orderable=False,
        exclude_from_export=True,
    )

    class Meta:
        model = TrainingPlan
        fields = ("year", "required_hours", "note", "edit")
        attrs = TABLE_ATTRS
        empty_text = _("No training plans yet.")


class TrainingEventTable(tables.Table):
    title = tables.Column(linkify=True)
    held_on = tables.DateColumn(format="Y-m-d")
    # empty_values=(): a county-wide event says so in the export too, not just on the page.
    unit = tables.Column(accessor="unit__name", verbose_name=_("organised for"), empty_values=())
    hours = HoursColumn()
    attendee_count = tables.Column(verbose_name=_("attendees"))

    class Meta:
        model = TrainingEvent
        fields = ("held_on", "title", "kind", "organiser", "unit", "hours", "attendee_count")
        attrs = TABLE_ATTRS
        order_by = ("-held_on",)
        empty_text = _("No training events match the filters.")

    def render_unit(self, value):
        return value or _("County-wide")

    def value_unit(self, value):
        return str(value or _("County-wide"))


class HoursTable(tables.Table):
    """One public lawyer's training hours in the report's year."""

    name = tables.Column(verbose_name=_("public lawyer"))
    unit = tables.Column(accessor="unit__name", verbose_name=_("unit"))
    attended = HoursColumn(verbose_name=_("hours attended"))
    required = HoursColumn(verbose_name=_("hours required"), default="—")
    shortfall = HoursColumn(verbose_name=_("shortfall"), default="—")

    class Meta:
        attrs = TABLE_ATTRS
        order_by = ("unit", "name")
        empty_text = _("No public lawyers match the filters.")
        row_attrs = {"data-shortfall": lambda record: "1" if record.shortfall else "0"}


class ExternalTrainingTable(tables.Table):
    held_on = tables.DateColumn(format="Y-m-d", linkify=True)
    person = tables.Column(accessor="person__name", verbose_name=_("public lawyer"))
    unit = tables.Column(accessor="person__unit__name", verbose_name=_("unit"))
    hours = HoursColumn()
    has_certificate = YesNoColumn(accessor="certificate", verbose_name=_("certificate of completion"), orderable=False)

    class Meta:
        model = ExternalTraining
        fields = ("held_on", "person", "unit", "title", "organiser", "hours", "has_certificate")
        attrs = TABLE_ATTRS
        order_by = ("-held_on",)
        empty_text = _("No external training recorded.")
