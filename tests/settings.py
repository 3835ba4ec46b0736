"""Test settings: the real settings module with the environment a developer's shell would give it."""

import os
import tempfile

os.environ.setdefault("DEBUG", "true")
os.environ.setdefault("SECRET_KEY", "tests-only-secret-key")

from chenggu_lawyers.settings import *  # noqa: E402,F403

# Hashing demo passwords at full strength costs seconds per test; the hasher is not what is tested.
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
IMPORT_DIR = tempfile.mkdtemp(prefix="chenggu-imports-")
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
