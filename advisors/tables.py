import django_tables2 as tables
from django.utils.translation import gettext_lazy as _

from chenggu_lawyers.tables import MaskedColumn, RevealableTable, YesNoColumn

from .models import Dispatch, Engagement, PoolMember


class TermStateColumn(tables.Column):
    """Where a term stands today, read from its dates (no query)."""

    def __init__(self, **kwargs):
        super().__init__(accessor="state_today", verbose_name=_("today"), orderable=False, **kwargs)

    def render(self, value):
        return value.label

    def value(self, value):
        return str(value.label)


class EngagementTable(RevealableTable):
    advisor_name = tables.Column(linkify=True, attrs={"td": {"class": "text-nowrap"}})
    phone = MaskedColumn()
    unit = tables.Column(accessor="unit__name", verbose_name=_("unit"))
    starts_on = tables.DateColumn(format="Y-m-d")
    ends_on = tables.DateColumn(format="Y-m-d")
    terminated_on = tables.DateColumn(format="Y-m-d", default="")
    state = TermStateColumn()

    class Meta:
        model = Engagement
        fields = (
            "advisor_name",
            "unit",
            "advisor_kind",
            "organisation",
            "practice_number",
            "phone",
            "starts_on",
            "ends_on",
            "terminated_on",
            "state",
        )
        attrs = {"class": "table table-hover table-sm align-middle"}
        order_by = ("unit", "-starts_on")
        empty_text = _("No legal-advisor engagements match the filters.")


class PoolMemberTable(RevealableTable):
    name = tables.Column(linkify=True, attrs={"td": {"class": "text-nowrap"}})
    phone = MaskedColumn()
    system = tables.Column(accessor="system__name", verbose_name=_("superior organisation"))
    on_roster = YesNoColumn(accessor="person_id", verbose_name=_("on the county roster"), orderable=False)
    joined_on = tables.DateColumn(format="Y-m-d")
    left_on = tables.DateColumn(format="Y-m-d", default="")
    serving = tables.Column(verbose_name=_("units served today"))

    class Meta:
        model = PoolMember
        fields = (
            "name",
            "system",
            "organisation",
            "practice_number",
            "phone",
            "expertise",
            "on_roster",
            "joined_on",
            "left_on",
            "serving",
        )
        attrs = {"class": "table table-hover table-sm align-middle"}
        order_by = ("system", "name")
        empty_text = _("No pool members match the filters.")


class DispatchTable(tables.Table):
    unit = tables.Column(
        accessor="unit__name", verbose_name=_("unit"), linkify=("advisors:dispatch_detail", {"pk": tables.A("pk")})
    )
    system = tables.Column(accessor="system__name", verbose_name=_("superior organisation"))
    member = tables.Column(accessor="member__name", verbose_name=_("dispatched lawyer"), default="")
    wanted_from = tables.DateColumn(format="Y-m-d")
    starts_on = tables.DateColumn(format="Y-m-d", default="")
    ends_on = tables.DateColumn(format="Y-m-d", default="")
    terminated_on = tables.DateColumn(format="Y-m-d", default="")
    # The request's own link, on the one column every reader's list keeps: a unit officer's list drops the unit
    # and system columns (its own), which would leave its rows with no way to their request.
    created_at = tables.DateTimeColumn(
        verbose_name=_("requested at"),
        format="Y-m-d H:i",
        linkify=("advisors:dispatch_detail", {"pk": tables.A("pk")}),
        attrs={"a": {"data-request": "1"}},
    )

    class Meta:
        model = Dispatch
        fields = (
            "created_at",
            "unit",
            "system",
            "status",
            "wanted_from",
            "member",
            "starts_on",
            "ends_on",
            "terminated_on",
        )
        attrs = {"class": "table table-hover table-sm align-middle"}
        order_by = ("-created_at",)
        empty_text = _("No dispatch requests.")
