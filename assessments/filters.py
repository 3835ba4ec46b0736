import django_filters

from .models import Assessment, AssessmentYear


class YearFilter(django_filters.FilterSet):
    class Meta:
        model = AssessmentYear
        fields = ("status",)


class ResultFilter(django_filters.FilterSet):
    class Meta:
        model = Assessment
        fields = ("proposed_grade",)
