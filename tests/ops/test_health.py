"""The monitoring health check: database and cache, answered without an account."""

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db


def test_it_reports_database_and_cache_ok(client):
    response = client.get(reverse("health"))
    assert response.status_code == 200
    assert response.json() == {"status": "ok", "database": "ok", "cache": "ok"}


def test_it_answers_503_when_the_cache_server_is_down(client, settings):
    # Changing CACHES resets Django's cache handlers (the setting_changed signal).
    settings.CACHES = {
        "default": {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": "redis://127.0.0.1:1/0"}
    }
    response = client.get(reverse("health"))
    assert response.status_code == 503
    assert response.json()["cache"] == "error" and response.json()["database"] == "ok"
