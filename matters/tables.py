import django_tables2 as tables
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from chenggu_lawyers.punctuation import join_list, with_note
from chenggu_lawyers.tables import YesNoColumn

from .models import Assignment, DecisionItem, Matter


class OverdueColumn(YesNoColumn):
    """The overdue flag, red on the page; read from the list query's `is_overdue` annotation."""

    def __init__(self, **kwargs):
        kwargs.setdefault("verbose_name", _("Overdue"))
        super().__init__(accessor="is_overdue", orderable=False, **kwargs)

    def render(self, value):
        if value:
            return format_html('<span class="badge text-bg-danger" data-overdue>{}</span>', _("Overdue"))
        return ""


class AssigneesColumn(tables.Column):
    """The assignees of a matter, from the list's prefetch (no query per row)."""

    def __init__(self, **kwargs):
        super().__init__(accessor="pk", verbose_name=_("Assignees"), orderable=False, **kwargs)

    def names(self, record) -> str:
        return join_list(with_note(a.assignee_name, a.get_status_display()) for a in record.assignments.all())

    def render(self, value, record):
        return self.names(record) or "—"

    def value(self, value, record):
        return self.names(record)


class MatterTable(tables.Table):
    title = tables.Column(linkify=True)
    unit = tables.Column(accessor="unit__name", verbose_name=_("Unit"))
    created_at = tables.DateColumn(format="Y-m-d", verbose_name=_("Created"))
    due_on = tables.DateColumn(format="Y-m-d")
    overdue = OverdueColumn()
    assignees = AssigneesColumn()
    adoption = tables.Column(default="")

    class Meta:
        model = Matter
        fields = ("title", "unit", "category", "status", "created_at", "due_on", "overdue", "assignees", "adoption")
        attrs = {"class": "table table-hover table-sm align-middle"}
        order_by = ("-created_at",)
        empty_text = _("No matters match the filters.")


class MyAssignmentTable(tables.Table):
    matter = tables.Column(
        accessor="matter__title", verbose_name=_("Matter"), linkify=lambda record: record.matter.get_absolute_url()
    )
    unit = tables.Column(accessor="matter__unit__name", verbose_name=_("Unit"))
    category = tables.Column(accessor="matter__category", verbose_name=_("Category"))
    status = tables.Column(verbose_name=_("My answer"))
    matter_status = tables.Column(accessor="matter__status", verbose_name=_("Matter status"))
    due_on = tables.DateColumn(format="Y-m-d", verbose_name=_("Opinion due on"))
    overdue = OverdueColumn()

    class Meta:
        model = Assignment
        fields = ("matter", "unit", "category", "status", "matter_status", "due_on", "overdue")
        attrs = {"class": "table table-hover table-sm align-middle"}
        order_by = ("due_on",)
        empty_text = _("No matters are assigned to you.")

    def render_category(self, record):
        return record.matter.get_category_display()

    def render_matter_status(self, record):
        return record.matter.get_status_display()


class DecisionItemTable(tables.Table):
    title = tables.Column()
    unit = tables.Column(accessor="unit__name", verbose_name=_("Unit"))
    is_active = YesNoColumn()
    matter_count = tables.Column(verbose_name=_("Matters"))
    edit = tables.LinkColumn(
        "matters:decision_item_update",
        args=[tables.A("pk")],
        text=_("Edit"),
        verbose_name="",
        orderable=False,
        exclude_from_export=True,
    )

    class Meta:
        model = DecisionItem
        fields = ("title", "unit", "description", "is_active", "matter_count", "edit")
        attrs = {"class": "table table-hover table-sm align-middle"}
        order_by = ("unit", "title")
        empty_text = _("The list holds no decision items yet.")


class DecisionReportTable(tables.Table):
    title = tables.Column(linkify=True, verbose_name=_("Matter"))
    unit = tables.Column(accessor="unit__name", verbose_name=_("Unit"))
    decision_item = tables.Column(accessor="decision_item__title", verbose_name=_("Decision item"))
    decision_on = tables.DateColumn(format="Y-m-d")
    first_opinion_at = tables.DateTimeColumn(format="Y-m-d H:i", verbose_name=_("First opinion"), default="—")

    class Meta:
        model = Matter
        fields = ("title", "unit", "decision_item", "decision_on", "first_opinion_at", "status")
        attrs = {"class": "table table-hover table-sm align-middle"}
        order_by = ("-decision_on",)
        empty_text = _("Every recorded decision had a public lawyer's opinion before it.")
