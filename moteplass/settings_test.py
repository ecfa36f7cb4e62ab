"""Test settings: the main settings module with only what tests need changed."""

import tempfile

from moteplass.settings import *  # noqa: F403

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
CELERY_TASK_ALWAYS_EAGER = True
STORAGES["staticfiles"]["BACKEND"] = "django.contrib.staticfiles.storage.StaticFilesStorage"  # noqa: F405
# Generated files (PDF programmes) go to a directory of this test run, never into the checkout.
MEDIA_ROOT = Path(tempfile.mkdtemp(prefix="moteplass-test-media-"))  # noqa: F405
