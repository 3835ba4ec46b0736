from django.urls import path

from .views import application_files, applications, history, imports, membership, people, register

app_name = "lawyers"

urlpatterns = [
    path("people/", people.PersonListView.as_view(), name="person_list"),
    path("people/export/", people.PersonExportView.as_view(), name="person_export"),
    path("people/new/", people.PersonCreateView.as_view(), name="person_create"),
    path("people/import/", imports.PersonImportView.as_view(), name="person_import"),
    path("people/import/template/", imports.PersonTemplateView.as_view(), name="person_template"),
    path("people/<int:pk>/", people.PersonDetailView.as_view(), name="person_detail"),
    path("people/<int:pk>/edit/", people.PersonUpdateView.as_view(), name="person_update"),
    path("people/<int:pk>/reveal/", people.PersonRevealView.as_view(), name="person_reveal"),
    path("people/<int:pk>/apply/", applications.ApplicationCreateView.as_view(), name="application_create"),
    path("people/<int:pk>/transfer/", people.PersonTransferView.as_view(), name="person_transfer"),
    path("people/<int:pk>/legal-work/add/", people.LegalWorkAddView.as_view(), name="legal_work_add"),
    path("people/<int:pk>/legal-work/end/", people.LegalWorkEndView.as_view(), name="legal_work_end"),
    # The period corrected is named by ?period=<id> among the person's own.
    path("people/<int:pk>/legal-work/correct/", people.LegalWorkCorrectView.as_view(), name="legal_work_correct"),
    path("applications/", applications.ApplicationListView.as_view(), name="application_list"),
    path("applications/<int:pk>/", applications.ApplicationDetailView.as_view(), name="application_detail"),
    # Before the actions' pattern, which would take "attachments" for an action name.
    path(
        "applications/<int:pk>/attachments/",
        application_files.ApplicationAttachmentAddView.as_view(),
        name="application_attachment_add",
    ),
    path(
        "application-attachments/<int:pk>/",
        application_files.ApplicationAttachmentDownloadView.as_view(),
        name="application_attachment",
    ),
    path(
        "applications/<int:pk>/<slug:action>/",
        applications.ApplicationActionView.as_view(),
        name="application_action",
    ),
    path("history/import/", history.HistoryImportView.as_view(), name="history_import"),
    path("history/import/template/", history.HistoryTemplateView.as_view(), name="history_template"),
    path("membership/", membership.MembershipListView.as_view(), name="membership_list"),
    path("membership/export/", membership.MembershipExportView.as_view(), name="membership_export"),
    path("membership/<int:pk>/", membership.MembershipRecordView.as_view(), name="membership_record"),
    path("register/", register.CertificateListView.as_view(), name="register"),
    path("register/export/", register.CertificateExportView.as_view(), name="register_export"),
    # Before the actions' pattern, which would take "correct" for an action name.
    path("certificates/<int:pk>/correct/", register.CertificateCorrectView.as_view(), name="certificate_correct"),
    path(
        "certificates/<int:pk>/<slug:action>/",
        register.CertificateActionView.as_view(),
        name="certificate_action",
    ),
]
