from django.urls import path

from . import views

app_name = "discipline"

urlpatterns = [
    path("", views.ActionListView.as_view(), name="action_list"),
    path("export/", views.ActionExportView.as_view(), name="action_export"),
    path("report/<int:pk>/", views.ActionRecordView.as_view(), name="action_record"),
    path("<int:pk>/", views.ActionDetailView.as_view(), name="action_detail"),
    path("<int:pk>/acknowledge/", views.ActionAcknowledgeView.as_view(), name="action_acknowledge"),
]
