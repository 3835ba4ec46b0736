"""The portal's URLs plus the Django admin and a trivial view, for the benchmarks only (bench.settings)."""

from django.contrib import admin
from django.http import HttpResponse
from django.urls import include, path


def trivial(request):
    """The least a Django view can do in this stack (same middleware): the throughput benchmark's yardstick."""
    return HttpResponse("ok", content_type="text/plain")


urlpatterns = [
    path("bench/trivial/", trivial, name="bench_trivial"),
    path("bench/admin/", admin.site.urls),
    path("", include("chenggu_lawyers.urls")),
]
