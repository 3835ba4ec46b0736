import django_tables2 as tables
from django.template.defaultfilters import floatformat
from django.utils.translation import gettext_lazy as _

from chenggu_lawyers.tables import NUMBER_ATTRS, HoursColumn

from .models import ExpenseClaim, LeaveTaken, OvertimeEntry

TABLE_ATTRS = {"class": "table table-hover table-sm align-middle"}


class AmountColumn(tables.Column):
    def __init__(self, *args, **kwargs):
        kwargs.setdefault("attrs", NUMBER_ATTRS)
        super().__init__(*args, **kwargs)

    def render(self, value):
        return floatformat(value, 2)

    def value(self, value):
        return float(value)


class OvertimeTable(tables.Table):
    worked_on = tables.DateColumn(format="Y-m-d", linkify=True)
    person = tables.Column(accessor="person__name", verbose_name=_("person"))
    unit = tables.Column(accessor="person__unit__name", verbose_name=_("unit"))
    # Worked out from the date and the calendar, no query: a statutory holiday (which) or a rest day.
    day = tables.Column(accessor="day__label", verbose_name=_("kind of day"), orderable=False)
    hours = HoursColumn()
    matter = tables.Column(accessor="matter__title", verbose_name=_("matter"), default="—")

    class Meta:
        model = OvertimeEntry
        fields = (
            "worked_on",
            "day",
            "person",
            "unit",
            "hours",
            "matter",
            "description",
            "status",
            "compensation",
        )
        attrs = TABLE_ATTRS
        order_by = ("-worked_on",)
        empty_text = _("No overtime matches the filters.")


class LeaveTable(tables.Table):
    first_day = tables.DateColumn(format="Y-m-d")
    last_day = tables.DateColumn(format="Y-m-d")
    person = tables.Column(accessor="person__name", verbose_name=_("person"))
    unit = tables.Column(accessor="person__unit__name", verbose_name=_("unit"))
    hours = HoursColumn()

    class Meta:
        model = LeaveTaken
        fields = ("first_day", "last_day", "person", "unit", "hours", "note")
        attrs = TABLE_ATTRS
        order_by = ("-first_day",)
        empty_text = _("No leave matches the filters.")


class BalanceTable(tables.Table):
    """One person's overtime and leave in the report's year."""

    name = tables.Column(verbose_name=_("public lawyer"))
    unit = tables.Column(accessor="unit__name", verbose_name=_("unit"))
    carried = HoursColumn(verbose_name=_("leave carried over (h)"))
    earned = HoursColumn(verbose_name=_("overtime as leave (h)"))
    taken = HoursColumn(verbose_name=_("leave taken (h)"))
    balance = HoursColumn(verbose_name=_("leave balance (h)"))
    subsidy = HoursColumn(verbose_name=_("overtime paid as subsidy (h)"))
    pending = HoursColumn(verbose_name=_("awaiting decision (h)"))

    class Meta:
        attrs = TABLE_ATTRS
        order_by = ("unit", "name")
        empty_text = _("Nobody has overtime or leave on record for this year.")


class ExpenseTable(tables.Table):
    incurred_on = tables.DateColumn(format="Y-m-d", linkify=True)
    person = tables.Column(accessor="person__name", verbose_name=_("claimant"))
    unit = tables.Column(accessor="matter__unit__name", verbose_name=_("unit"))
    matter = tables.Column(accessor="matter__title", verbose_name=_("matter"))
    amount = AmountColumn()

    class Meta:
        model = ExpenseClaim
        fields = ("incurred_on", "person", "unit", "matter", "kind", "amount", "description", "status")
        attrs = TABLE_ATTRS
        order_by = ("-incurred_on",)
        empty_text = _("No expense claims match the filters.")


class ExpenseTotalsTable(tables.Table):
    """One claimant's claims in the report's year (rows are dicts from `people_expense_totals`)."""

    name = tables.Column(verbose_name=_("claimant"))
    unit = tables.Column(verbose_name=_("unit"))
    claims = tables.Column(verbose_name=_("claims"), attrs=NUMBER_ATTRS)
    approved = AmountColumn(verbose_name=_("approved (yuan)"))
    submitted = AmountColumn(verbose_name=_("awaiting decision (yuan)"))
    refused = AmountColumn(verbose_name=_("refused (yuan)"))

    class Meta:
        attrs = TABLE_ATTRS
        order_by = ("unit", "name")
        empty_text = _("No expense claims in this year.")
