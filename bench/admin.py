"""The Django admin changelists the list benchmark compares with: same model, filter and page size."""

from django.conf import settings
from django.contrib import admin

from lawyers.models import Person
from matters.models import Matter


@admin.register(Person)
class PersonAdmin(admin.ModelAdmin):
    list_display = ("name", "sex", "unit", "full_time_legal", "legal_work_years", "legal_qualification_class")
    list_filter = ("full_time_legal",)
    list_select_related = ("unit",)
    list_per_page = settings.PAGINATE_BY


@admin.register(Matter)
class MatterAdmin(admin.ModelAdmin):
    list_display = ("title", "unit", "category", "status", "created_at", "due_on", "adoption")
    list_filter = ("category", "status")
    list_select_related = ("unit",)
    list_per_page = settings.PAGINATE_BY
