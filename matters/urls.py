from django.urls import path

from .views import decisions, detail, matters, statistics

app_name = "matters"

urlpatterns = [
    # Matters of a unit and their workflow, 指派 → 承办 → 反馈 (R2.1, R2.3)
    path("", matters.MatterListView.as_view(), name="matter_list"),
    path("export/", matters.MatterExportView.as_view(), name="matter_export"),
    path("mine/", matters.MyMattersView.as_view(), name="my_matters"),
    path("new/", matters.MatterCreateView.as_view(), name="matter_create"),
    path("<int:pk>/", detail.MatterDetailView.as_view(), name="matter_detail"),
    path("<int:pk>/edit/", matters.MatterUpdateView.as_view(), name="matter_update"),
    path("<int:pk>/<slug:action>/", detail.MatterActionView.as_view(), name="matter_action"),
    path("assignments/<int:pk>/<slug:action>/", detail.AssignmentActionView.as_view(), name="assignment_action"),
    # The decision-item list and the decisions taken without a prior opinion (R2.2)
    path("decision-items/", decisions.DecisionItemListView.as_view(), name="decision_item_list"),
    path("decision-items/new/", decisions.DecisionItemCreateView.as_view(), name="decision_item_create"),
    path("decision-items/<int:pk>/edit/", decisions.DecisionItemUpdateView.as_view(), name="decision_item_update"),
    path("decision-report/", decisions.DecisionReportView.as_view(), name="decision_report"),
    # Yearly numbers per lawyer and per unit (read by the annual assessment, R3.3)
    path("statistics/", statistics.StatisticsView.as_view(), name="statistics"),
]
