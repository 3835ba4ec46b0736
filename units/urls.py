from django.urls import path

from . import views

app_name = "units"

urlpatterns = [
    path("", views.UnitListView.as_view(), name="unit_list"),
    path("export/", views.UnitExportView.as_view(), name="unit_export"),
    path("new/", views.UnitCreateView.as_view(), name="unit_create"),
    path("import/", views.UnitImportView.as_view(), name="unit_import"),
    path("import/template/", views.UnitTemplateView.as_view(), name="unit_template"),
    path("<int:pk>/", views.UnitDetailView.as_view(), name="unit_detail"),
    path("<int:pk>/edit/", views.UnitUpdateView.as_view(), name="unit_update"),
    path("<int:pk>/reorganise/", views.UnitReorganiseView.as_view(), name="unit_reorganise"),
    path("superiors/", views.SystemOrganisationListView.as_view(), name="superior_list"),
    path("superiors/new/", views.SystemOrganisationCreateView.as_view(), name="superior_create"),
    path("superiors/<int:pk>/edit/", views.SystemOrganisationUpdateView.as_view(), name="superior_update"),
]
