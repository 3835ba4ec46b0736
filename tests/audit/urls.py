"""The project's URLs with the audit log mounted, until the root URLconf includes it."""

from django.urls import include, path

from chenggu_lawyers.urls import urlpatterns as project_urlpatterns

_mounted = any(getattr(pattern, "namespace", None) == "audit" for pattern in project_urlpatterns)

urlpatterns = [
    *([] if _mounted else [path("audit/", include("chenggu_lawyers.audit_urls"))]),
    *project_urlpatterns,
]
