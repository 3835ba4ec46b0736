from django.urls import include, path
from django.views.i18n import JavaScriptCatalog

from .health import health
from .help_views import HelpView
from .search_views import SearchView

urlpatterns = [
    path("health/", health, name="health"),
    path("i18n/", include("django.conf.urls.i18n")),
    path("jsi18n/", JavaScriptCatalog.as_view(), name="javascript-catalog"),
    path("units/", include("units.urls")),
    path("lawyers/", include("lawyers.urls")),
    path("notices/", include("notices.urls")),
    path("advisors/", include("advisors.urls")),
    path("training/", include("training.urls")),
    path("discipline/", include("discipline.urls")),
    path("coverage/", include("coverage.urls")),
    path("matters/", include("matters.urls")),
    path("guarantees/", include("guarantees.urls")),
    path("assessments/", include("assessments.urls")),
    path("audit/", include("chenggu_lawyers.audit_urls")),
    path("search/", SearchView.as_view(), name="search"),
    path("help/", HelpView.as_view(), name="help"),
    path("", include("accounts.urls")),
]
