"""Settings for the test suite: production defaults, minus HTTPS redirects and slow hashing."""

from zabota.settings import *  # noqa: F403

DEBUG = False
SECURE_SSL_REDIRECT = False
SESSION_COOKIE_SECURE = False
CSRF_COOKIE_SECURE = False
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = True
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"

import tempfile  # noqa: E402

MEDIA_ROOT = tempfile.mkdtemp(prefix="zabota-test-media-")

# Tests clear limiter counters freely between cases; the database cache of production is tested on its own
# (core/tests/test_middleware.py).
CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
API_RATE = "100000/m"  # the suite makes many calls a minute as the same user; the limit is tested on its own
# Two-factor login is off for the suite's logins; the 2FA tests turn it on with override_settings.
TWO_FACTOR_ROLES = []
