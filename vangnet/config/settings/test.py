"""Fast settings for the test suite: quick hashing, mail in memory, tasks run at once."""

import os
import tempfile
from pathlib import Path

os.environ.setdefault("VANGNET_DATA_DIR", str(Path(tempfile.gettempdir()) / "vangnet-test"))
# Playwright's sync API keeps an event loop in the test thread.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

from .base import *  # noqa: F403
from .base import DATABASES

SECRET_KEY = "test-only-not-secret"  # noqa: S105
VANGNET_AUDIT_KEY = "test-only-access-log-key-not-secret-0123456789"
VANGNET_AUDIT_CHECKPOINT_DIR = str(Path(tempfile.mkdtemp(prefix="vangnet-checkpoints-")))
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
MAILERS = {"default": {"BACKEND": "django.core.mail.backends.locmem.EmailBackend"}}
TASKS = {"default": {"BACKEND": "django.tasks.backends.immediate.ImmediateBackend"}}
AXES_ENABLED = True
if DATABASES["default"]["ENGINE"].endswith("sqlite3"):
    DATABASES["default"]["NAME"] = ":memory:"
    DATABASES["default"]["TEST"] = {"NAME": ":memory:"}
LOGGING = {"version": 1, "disable_existing_loggers": False}
