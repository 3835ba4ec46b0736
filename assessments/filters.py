import django_filters
from django.utils.translation import gettext_lazy as _

from .choices import Grade, YearStatus
from .models import Assessment, AssessmentYear


# Declared so that the empty choice reads 全部 like every other list's filters, not "---------"; the
# labels come from the models' fields.
class YearFilter(django_filters.FilterSet):
    status = django_filters.ChoiceFilter(choices=YearStatus.choices, empty_label=_("All"))

    class Meta:
        model = AssessmentYear
        fields = ("status",)


class ResultFilter(django_filters.FilterSet):
    proposed_grade = django_filters.ChoiceFilter(choices=Grade.choices, empty_label=_("All"))

    class Meta:
        model = Assessment
        fields = ("proposed_grade",)
