"""A health check for the county's monitoring: is the database answering, is the cache working?

It answers anonymous requests on purpose (monitoring has no account) and tells nothing but "ok" or the
name of what failed.
"""

import uuid

from django.core.cache import cache
from django.db import connection
from django.http import JsonResponse
from django.views.decorators.cache import never_cache


@never_cache
def health(request):
    checks = {}
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
        checks["database"] = "ok"
    except Exception:  # noqa: BLE001 - any failure means the database is not usable
        checks["database"] = "error"
    try:
        key, value = f"health-{uuid.uuid4().hex}", uuid.uuid4().hex
        cache.set(key, value, 10)
        checks["cache"] = "ok" if cache.get(key) == value else "error"
        cache.delete(key)
    except Exception:  # noqa: BLE001 - an unreachable cache server raises its own errors
        checks["cache"] = "error"
    healthy = all(state == "ok" for state in checks.values())
    return JsonResponse({"status": "ok" if healthy else "error", **checks}, status=200 if healthy else 503)
