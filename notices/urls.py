from django.urls import path

from . import views

app_name = "notices"

urlpatterns = [
    path("", views.NoticeListView.as_view(), name="notice_list"),
    path("<int:pk>/", views.NoticeOpenView.as_view(), name="notice_open"),
    path("read-all/", views.NoticeReadAllView.as_view(), name="notice_read_all"),
]
