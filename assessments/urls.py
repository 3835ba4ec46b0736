from django.urls import path

from . import views

app_name = "assessments"

urlpatterns = [
    path("", views.YearListView.as_view(), name="year_list"),
    path("new/", views.YearCreateView.as_view(), name="year_create"),
    path("<int:pk>/", views.YearDetailView.as_view(), name="year_detail"),
    path("<int:pk>/rules/", views.YearRulesView.as_view(), name="year_rules"),
    path("<int:pk>/settings/", views.YearSettingsView.as_view(), name="year_settings"),
    path("<int:pk>/places/", views.PlacesView.as_view(), name="year_places"),
    path("<int:pk>/start/", views.YearStartScoringView.as_view(), name="year_start"),
    path("<int:pk>/excellent.xlsx", views.ExcellentExportView.as_view(), name="excellent_export"),
    path("<int:pk>/overview/", views.OverviewView.as_view(), name="overview"),
    path("<int:pk>/overview.xlsx", views.OverviewExportView.as_view(), name="overview_export"),
    path("committees/new/", views.CommitteeCreateView.as_view(), name="committee_create"),
    path("committees/<int:pk>/", views.CommitteeDetailView.as_view(), name="committee_detail"),
    path("committees/<int:pk>/submit-scores/", views.ScoresSubmitView.as_view(), name="scores_submit"),
    path("committees/<int:pk>/submit/", views.EvaluationSubmitView.as_view(), name="evaluation_submit"),
    path("committees/<int:pk>/review/", views.ReviewView.as_view(), name="committee_review"),
    path("results/<int:pk>/", views.AssessmentDetailView.as_view(), name="assessment_detail"),
    path("results/<int:pk>/score/", views.ScoreView.as_view(), name="score"),
    path("results/<int:pk>/propose/", views.ProposalView.as_view(), name="propose"),
    path("results/<int:pk>/civil-grade/", views.CivilGradeView.as_view(), name="civil_grade"),
    path("results/<int:pk>/object/", views.ObjectionView.as_view(), name="object"),
    path("objections/<int:pk>/answer/", views.AnswerView.as_view(), name="answer"),
    path("mine/", views.MyResultsView.as_view(), name="my_results"),
    path("summaries/", views.SummaryYearListView.as_view(), name="summary_years"),
    path("<int:pk>/summaries/", views.YearSummariesView.as_view(), name="year_summaries"),
    path("<int:pk>/summaries.xlsx", views.YearSummariesExportView.as_view(), name="year_summaries_export"),
    path("<int:pk>/summaries/start/", views.SummaryStartView.as_view(), name="summary_start"),
    path("<int:pk>/summaries/remind/", views.SummaryRemindView.as_view(), name="summary_remind"),
    path("summaries/<int:pk>/", views.SummaryDetailView.as_view(), name="summary_detail"),
    path("summaries/<int:pk>/edit/", views.SummaryEditView.as_view(), name="summary_edit"),
    path("summaries/<int:pk>/submit/", views.SummarySubmitView.as_view(), name="summary_submit"),
    path("summaries/<int:pk>/approve/", views.SummaryApproveView.as_view(), name="summary_approve"),
    path("summaries/<int:pk>/return/", views.SummaryReturnView.as_view(), name="summary_return"),
    path("summaries/<int:pk>/summary.docx", views.SummaryDocxView.as_view(), name="summary_docx"),
    path("summaries/<int:pk>/summary.xlsx", views.SummaryXlsxView.as_view(), name="summary_xlsx"),
]
