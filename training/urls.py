from django.urls import path

from .views import attendance, events, external, hours, plans

app_name = "training"

urlpatterns = [
    path("plans/", plans.PlanListView.as_view(), name="plan_list"),
    path("plans/new/", plans.PlanCreateView.as_view(), name="plan_create"),
    path("plans/<int:pk>/edit/", plans.PlanUpdateView.as_view(), name="plan_update"),
    path("events/", events.EventListView.as_view(), name="event_list"),
    path("events/export/", events.EventExportView.as_view(), name="event_export"),
    path("events/new/", events.EventCreateView.as_view(), name="event_create"),
    path("events/<int:pk>/", events.EventDetailView.as_view(), name="event_detail"),
    path("events/<int:pk>/edit/", events.EventUpdateView.as_view(), name="event_update"),
    path("events/<int:pk>/attendees/", attendance.EventAttendeesView.as_view(), name="event_attendees"),
    path(
        "events/<int:pk>/attendees/import/",
        attendance.EventAttendeeImportView.as_view(),
        name="event_attendee_import",
    ),
    path(
        "events/<int:pk>/attendees/template/",
        attendance.EventAttendeeTemplateView.as_view(),
        name="event_attendee_template",
    ),
    path("hours/", hours.HoursView.as_view(), name="hours"),
    path("hours/export/", hours.HoursExportView.as_view(), name="hours_export"),
    path("mine/", hours.MyTrainingView.as_view(), name="my_training"),
    path("external/", external.ExternalTrainingListView.as_view(), name="external_list"),
    path("external/new/", external.ExternalTrainingCreateView.as_view(), name="external_create"),
    path("external/<int:pk>/", external.ExternalTrainingDetailView.as_view(), name="external_detail"),
    path("external/<int:pk>/certificate/", external.ExternalCertificateView.as_view(), name="external_certificate"),
]
