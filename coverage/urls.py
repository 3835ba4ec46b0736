from django.urls import path

from . import views

app_name = "coverage"

urlpatterns = [
    path("", views.DashboardView.as_view(), name="dashboard"),
    path("export/", views.DashboardExportView.as_view(), name="dashboard_export"),
    path("unit/", views.UnitDashboardView.as_view(), name="unit_dashboard"),
    path("unit/<int:pk>/history/", views.UnitHistoryView.as_view(), name="unit_history"),
    path("targets/", views.TargetListView.as_view(), name="target_list"),
    path("targets/new/", views.TargetCreateView.as_view(), name="target_create"),
    path("targets/<int:pk>/", views.TargetDetailView.as_view(), name="target_detail"),
    path("targets/<int:pk>/edit/", views.TargetUpdateView.as_view(), name="target_update"),
]
