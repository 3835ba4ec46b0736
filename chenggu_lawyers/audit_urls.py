"""The audit log, read by the auditor only; no URL writes to it (append-only in the UI)."""

from django.urls import path

from . import audit_views

app_name = "audit"

urlpatterns = [
    path("", audit_views.AuditEventListView.as_view(), name="event_list"),
    path("export/", audit_views.AuditEventExportView.as_view(), name="event_export"),
    path("<int:pk>/", audit_views.AuditEventDetailView.as_view(), name="event_detail"),
]
