"""Benchmark settings: the production settings, plus what only the benchmarks need (issue 10).

Production-like (DEBUG off, the same middleware and caches), with fixed throw-away keys so that the data
`seed_scale` encrypts can be read by every benchmark run, plain HTTP on loopback, and two things the
portal itself does not install: the Django admin (the changelist the list benchmark compares with) and
django-import-export (the roster-import comparison). Production's INSTALLED_APPS stay as they are.
"""

import os

os.environ.setdefault("DEBUG", "false")
os.environ.setdefault("SECRET_KEY", "bench-only-secret-key-not-for-any-deployment-0123456789")
# Throw-away keys for synthetic data only (never used by a deployment).
os.environ.setdefault("PERSONAL_DATA_KEYS", "YmVuY2gtb25seS1wZXJzb25hbC1kYXRhLWtleS0wMDA=")
os.environ.setdefault("PERSONAL_DATA_INDEX_KEY", "bench-only-blind-index-key-0123456789abcdef")
os.environ.setdefault("ALLOWED_HOSTS", "127.0.0.1,localhost,testserver")
os.environ.setdefault("SECURE_SSL_REDIRECT", "false")
os.environ.setdefault("SESSION_COOKIE_SECURE", "false")
os.environ.setdefault("CSRF_COOKIE_SECURE", "false")
os.environ.setdefault("SECURE_HSTS_SECONDS", "0")
os.environ.setdefault("LOG_LEVEL", "WARNING")
# The shared cache of a deployment (README: Redis), in a database number of its own.
os.environ.setdefault("REDIS_URL", "redis://127.0.0.1:6379/3")

from chenggu_lawyers.settings import *  # noqa: E402,F403
from chenggu_lawyers.settings import INSTALLED_APPS, STORAGES  # noqa: E402

INSTALLED_APPS = [*INSTALLED_APPS, "django.contrib.admin", "import_export", "bench"]
ROOT_URLCONF = "bench.urls"
# No collectstatic step: pages render the same, static files are not what is measured.
STORAGES = {**STORAGES, "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}}
# The password hasher is not measured; seeded accounts have unusable passwords anyway.
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
STATIC_ROOT = None
WHITENOISE_USE_FINDERS = True
