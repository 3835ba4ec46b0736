"""The Django admin changelists the list benchmark compares with: same model, filter and page size."""

from django.conf import settings
from django.contrib import admin
from django.db.models import Q

from lawyers.models import Person
from matters.models import Matter


class FullTimeLegalFilter(admin.SimpleListFilter):
    """In full-time legal work today (a dated LegalWorkPeriod), filtered as the people register does
    (lawyers.filters.PersonFilterSet.filter_full_time_legal)."""

    title = "full-time legal"
    parameter_name = "full_time_legal"

    def lookups(self, request, model_admin):
        return (("1", "yes"), ("0", "no"))

    def queryset(self, request, queryset):
        working = Q(pk__in=Person.objects.in_legal_work().values("pk"))
        if self.value() == "1":
            return queryset.filter(working)
        if self.value() == "0":
            return queryset.exclude(working)
        return queryset


@admin.register(Person)
class PersonAdmin(admin.ModelAdmin):
    list_display = ("name", "sex", "unit", "full_time_legal", "legal_work_years", "legal_qualification_class")
    list_filter = (FullTimeLegalFilter,)
    list_select_related = ("unit",)
    list_per_page = settings.PAGINATE_BY

    def get_queryset(self, request):
        # The column reads today's legal work period, annotated as the people register annotates it.
        return super().get_queryset(request).with_legal_work()

    @admin.display(boolean=True, description="full-time legal")
    def full_time_legal(self, person):
        return person.full_time_legal


@admin.register(Matter)
class MatterAdmin(admin.ModelAdmin):
    list_display = ("title", "unit", "category", "status", "created_at", "due_on", "adoption")
    list_filter = ("category", "status")
    list_select_related = ("unit",)
    list_per_page = settings.PAGINATE_BY
