import django_tables2 as tables
from django.utils.translation import gettext_lazy as _

from .models import AssessmentYear


class YearTable(tables.Table):
    year = tables.Column(linkify=True)
    period_start = tables.DateColumn(format="Y-m-d")
    period_end = tables.DateColumn(format="Y-m-d")
    scoring_deadline = tables.DateColumn(format="Y-m-d")
    review_deadline = tables.DateColumn(format="Y-m-d")
    excellent_quota_percent = tables.Column(verbose_name=_("Quota for excellent (%)"))

    class Meta:
        model = AssessmentYear
        fields = ("year", "status", "period_start", "period_end", "scoring_deadline", "review_deadline")
        attrs = {"class": "table table-hover table-sm align-middle"}


class ResultTable(tables.Table):
    year = tables.Column(
        accessor="committee__year__year", verbose_name=_("year"), linkify=lambda record: record.get_absolute_url()
    )
    score = tables.Column(verbose_name=_("committee score"))
    proposed_grade = tables.Column(verbose_name=_("grade"))
    recommended = tables.BooleanColumn(verbose_name=_("recommended for continued appointment"))

    class Meta:
        attrs = {"class": "table table-hover table-sm align-middle"}
        orderable = False
