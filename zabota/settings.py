"""Zabota settings: everything comes from environment variables with safe defaults."""

import os
import secrets
from datetime import timedelta
from pathlib import Path

import dj_database_url

BASE_DIR = Path(__file__).resolve().parent.parent
VAR_DIR = Path(os.environ.get("VAR_DIR", BASE_DIR / "var"))


def env(name, default=""):
    return os.environ.get(name, default)


def env_bool(name, default=False):
    return env(name, "1" if default else "0").lower() in ("1", "true", "yes", "on")


def env_int(name, default):
    return int(env(name, str(default)))


def env_list(name, default=""):
    return [item.strip() for item in env(name, default).split(",") if item.strip()]


def _secret_key():
    """SECRET_KEY from the environment, else one generated once and kept in var/."""
    if env("SECRET_KEY"):
        return env("SECRET_KEY")
    path = VAR_DIR / "secret_key"
    if not path.exists():
        VAR_DIR.mkdir(parents=True, exist_ok=True)
        path.write_text(secrets.token_urlsafe(50))
        path.chmod(0o600)
    return path.read_text().strip()


DEBUG = env_bool("DEBUG")
SECRET_KEY = _secret_key()
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "127.0.0.1,localhost")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")
SITE_URL = env("SITE_URL", "http://127.0.0.1:8000")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "ninja",  # serves its Swagger UI from local static files instead of a CDN
    "template_partials",
    "zabota.apps.AxesConfig",  # django-axes, named in Russian
    "django_tasks",
    "django_otp",  # two-factor login (#11): TOTP apps and one-time backup codes
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
    "zabota.apps.TasksDatabaseConfig",  # django-tasks-db, named in Russian
    "zabota",
    "core",
    "accounts",
    "audit",
    "territories",
    "catalog",
    "directory",
    "people",
    "volunteers",
    "communities",
    "users",
    "helprequests",
    "public",
    "phone",
    "guardianship",
    "centres",
    "practices",
    "assessments",
    "stats",
    "ties",
    "outreach",
    "privacy",
    "exports",
    "desk",
    "demo",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "core.middleware.strip_nul_from_query",
    "core.middleware.DatabaseUnavailable",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "accounts.two_factor.TwoFactorMiddleware",
    "core.middleware.no_store_for_personal_pages",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    "audit.middleware.AuditContextMiddleware",
    "axes.middleware.AxesMiddleware",
]

# API: tokens expire after API_TOKEN_DAYS (0: never); each user (or address without a token) may make
# API_RATE requests («N/s|m|h|d»).
API_TOKEN_DAYS = env_int("API_TOKEN_DAYS", 365)
API_RATE = env("API_RATE", "300/m")

# Imports: caps checked before parsing (rows of a table; bytes a zip may unpack to).
IMPORT_MAX_ROWS = env_int("IMPORT_MAX_ROWS", 50_000)
IMPORT_MAX_UNPACKED_BYTES = env_int("IMPORT_MAX_UNPACKED_MB", 100) * 1024 * 1024

# Limiter counters live in the database: shared by every gunicorn worker and the task worker.
CACHES = {"default": {"BACKEND": "django.core.cache.backends.db.DatabaseCache", "LOCATION": "zabota_cache"}}

ROOT_URLCONF = "zabota.urls"
WSGI_APPLICATION = "zabota.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "zabota" / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "accounts.context_processors.navigation",
            ],
        },
    },
]

DATABASES = {
    "default": dj_database_url.parse(
        env("DATABASE_URL", f"sqlite:///{VAR_DIR / 'zabota.sqlite3'}"),
        conn_max_age=env_int("DB_CONN_MAX_AGE", 60),
    )
}
if DATABASES["default"]["ENGINE"].endswith("sqlite3"):
    # WAL lets the demo server and a worker read while one writes.
    DATABASES["default"]["OPTIONS"] = {
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
        "transaction_mode": "IMMEDIATE",
    }
elif "postgresql" in DATABASES["default"]["ENGINE"]:
    # The data sits in RAM or on SSD: an index lookup costs about a sequential read (#12). With the default 4
    # the planner scans 100 000 people to join 3 000 phone enrolments (178 ms instead of 25 ms).
    DATABASES["default"].setdefault("OPTIONS", {})["options"] = (
        f"-c random_page_cost={env('PG_RANDOM_PAGE_COST', '1.1')}"
    )
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
]
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "staff_home"
LOGOUT_REDIRECT_URL = "home"

# Login throttling: 5 failures per username and address lock it for 15 minutes.
AXES_FAILURE_LIMIT = env_int("AXES_FAILURE_LIMIT", 5)
AXES_COOLOFF_TIME = timedelta(minutes=env_int("AXES_COOLOFF_MINUTES", 15))
# A username from one address (an outsider cannot lock a staff account from elsewhere), and any
# usernames from one address (password spraying); both for the cool-off time only.
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"], "ip_address"]
AXES_FAILURE_LIMIT_PER_ADDRESS = env_int("AXES_FAILURE_LIMIT_PER_ADDRESS", 20)
AXES_HANDLER = "accounts.lockout.AddressAwareHandler"
AXES_LOCKOUT_TEMPLATE = "registration/locked_out.html"
AXES_RESET_ON_SUCCESS = True
AXES_VERBOSE = False
# Reverse proxies in front of the app (nginx = 1): the client address is read behind them everywhere.
PROXY_COUNT = env_int("PROXY_COUNT", 1 if env_bool("BEHIND_PROXY") else 0)
AXES_CLIENT_IP_CALLABLE = "core.net.axes_client_ip"

# Two-factor login (#11): these roles must confirm each login with a code from an authenticator app
# (TOTP); anyone else may turn it on. Wrong codes slow down exponentially (1, 2, 4 … seconds per device).
TWO_FACTOR_ROLES = env_list("TWO_FACTOR_ROLES", "coordinator,admin")
TWO_FACTOR_BACKUP_CODES = 10
OTP_TOTP_ISSUER = env("OTP_TOTP_ISSUER", "Забота")
OTP_TOTP_THROTTLE_FACTOR = 1
OTP_STATIC_THROTTLE_FACTOR = 1

# Sessions end after 30 minutes without activity.
SESSION_COOKIE_AGE = env_int("SESSION_IDLE_MINUTES", 30) * 60
SESSION_SAVE_EVERY_REQUEST = True
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"

SECURE_HTTPS = env_bool("SECURE_HTTPS", not DEBUG)
SESSION_COOKIE_SECURE = SECURE_HTTPS
CSRF_COOKIE_SECURE = SECURE_HTTPS
SECURE_SSL_REDIRECT = SECURE_HTTPS and env_bool("SECURE_SSL_REDIRECT", True)
SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", 31536000 if SECURE_HTTPS else 0)
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", True)
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https") if env_bool("BEHIND_PROXY") else None
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"

MAP_TILE_URL = env("MAP_TILE_URL", "")
_tile_origin = "/".join(MAP_TILE_URL.split("/")[:3]).replace("{s}.", "*.") if MAP_TILE_URL else None
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "img-src": ["'self'", "data:"] + ([_tile_origin] if _tile_origin else []),
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "frame-ancestors": ["'none'"],
        "form-action": ["'self'"],
    }
}

LANGUAGE_CODE = "ru"
LANGUAGES = [("ru", "Русский")]
TIME_ZONE = env("TIME_ZONE", "Europe/Moscow")
USE_I18N = True
USE_TZ = True
LOCALE_PATHS = [BASE_DIR / "locale"]

STATIC_URL = "/static/"
STATIC_ROOT = VAR_DIR / "static"
MEDIA_URL = "/media/"
MEDIA_ROOT = VAR_DIR / "media"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"
        if not DEBUG and env_bool("STATIC_MANIFEST", True)
        else "django.contrib.staticfiles.storage.StaticFilesStorage"
    },
}
WHITENOISE_USE_FINDERS = DEBUG or not env_bool("STATIC_MANIFEST", True)

# Mail goes through a queue (core.mail): a failed delivery is retried by `periodic`, never lost.
EMAIL_BACKEND = env("EMAIL_BACKEND", "core.mail.QueuedEmailBackend")
EMAIL_DELIVERY_BACKEND = env("EMAIL_DELIVERY_BACKEND", "django.core.mail.backends.console.EmailBackend")
EMAIL_TIMEOUT = env_int("EMAIL_TIMEOUT", 10)
EMAIL_HOST = env("EMAIL_HOST", "localhost")
EMAIL_PORT = env_int("EMAIL_PORT", 25)
EMAIL_HOST_USER = env("EMAIL_HOST_USER")
EMAIL_HOST_PASSWORD = env("EMAIL_HOST_PASSWORD")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS")
DEFAULT_FROM_EMAIL = env("DEFAULT_FROM_EMAIL", "zabota@localhost")

TASKS = {"default": {"BACKEND": env("TASKS_BACKEND", "django_tasks.backends.immediate.ImmediateBackend")}}

# Retention per purpose (#11, 152-FZ: kept no longer than the purpose needs). Days after which `manage.py
# periodic` erases or deletes what was kept for that purpose; 0 keeps it. README «Retention» explains each.
RETENTION_DAYS = {
    # free text of help requests closed that long ago (description, reporter, closing, notes, refusals)
    "closed_request_text": env_int("RETENTION_CLOSED_REQUEST_TEXT_DAYS", 365),
    # a volunteer's notes on a telephone call (the figures stay)
    "call_notes": env_int("RETENTION_CALL_NOTES_DAYS", 365),
    # people known only from a public form whom no operator confirmed, with nothing open or new
    "unconfirmed_reports": env_int("RETENTION_UNCONFIRMED_REPORTS_DAYS", 90),
    # uploaded import files with their row errors and duplicates
    "import_files": env_int("RETENTION_IMPORT_FILES_DAYS", 30),
    # HSDS packages from other publishers (#10), uploaded and waiting for (or past) their import
    "hsds_uploads": env_int("RETENTION_HSDS_UPLOAD_DAYS", 7),
    # the mail queue (sent messages and ones that kept failing)
    "mail": env_int("RETENTION_MAIL_DAYS", 30),
    # background exports (#12): the files and their records, for their owner only
    "exports": env_int("RETENTION_EXPORTS_DAYS", 7),
    # audit log entries (who did and saw what)
    "audit": env_int("RETENTION_AUDIT_DAYS", 3 * 365),
}

# Help-request limits (DESIGN.md): connection within 3 days, follow-ups at 14 and 30 days.
CONNECT_LIMIT_HOURS = env_int("CONNECT_LIMIT_HOURS", 72)
# Statistics rollups (#12): older than this, the page that needs one recomputes it once.
STATS_ROLLUP_MAX_AGE_MINUTES = env_int("STATS_ROLLUP_MAX_AGE_MINUTES", 60)

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env("LOG_LEVEL", "WARNING")},
}
CSRF_FAILURE_VIEW = "zabota.views.csrf_failure"
# A request nobody accepted within this time opens to the eligible helpers of its territory.
CLAIM_AFTER_HOURS = env_int("CLAIM_AFTER_HOURS", 24)
FOLLOWUP_DAYS = (14, 30)
# A follow-up call not made this many days after it was due counts as missed.
FOLLOWUP_MISSED_AFTER_DAYS = env_int("FOLLOWUP_MISSED_AFTER_DAYS", 3)

# The other programmes' limits and schedules, read from here by every app (#10), so a region changes one place.
# Directory listings: re-confirmed every 6 months; hidden from the public after a grace period.
LISTING_CONFIRM_DAYS = env_int("LISTING_CONFIRM_DAYS", 182)
LISTING_GRACE_DAYS = env_int("LISTING_GRACE_DAYS", 30)
# Outreach: a respondent is reminded once, this long after the invitation, while the sending is open.
OUTREACH_REMIND_AFTER_DAYS = env_int("OUTREACH_REMIND_AFTER_DAYS", 3)
# Communities: not audited for a quarter → flagged on the desk.
COMMUNITY_AUDIT_EVERY_DAYS = env_int("COMMUNITY_AUDIT_EVERY_DAYS", 90)
# «Алло, волонтёр!»: a volunteer without calls this long is «quiet»; the satisfaction survey about once a
# quarter; missed calls counted over this many days.
PHONE_QUIET_VOLUNTEER_DAYS = env_int("PHONE_QUIET_VOLUNTEER_DAYS", 14)
PHONE_SURVEY_EVERY_DAYS = env_int("PHONE_SURVEY_EVERY_DAYS", 90)
PHONE_MISSED_DAYS = env_int("PHONE_MISSED_DAYS", 14)

# Isolation risk (#17, ties/scoring.py): points per fact, summed; the README explains each weight.
ISOLATION_RISK = {
    "weights": {
        "lives_alone": 2,
        "mobility_limited": 1,
        "mobility_homebound": 2,
        "mobility_bedridden": 3,
        "no_ties": 3,
        "one_tie": 1,
        "age_80": 1,
        "age_90": 2,
        "bereavement": 2,
        "hospital": 2,
        "refused_help": 1,
        # Protective facts take points away.
        "relative_nearby": -2,
        "regular_calls": -2,
        "daily_contact": -1,
    },
    # Days since the last successful contact of any kind → points (the largest matching row counts).
    "no_contact_days": [(7, 1), (14, 2), (21, 3)],
    # A person with no successful contact recorded at all.
    "never_contacted": 3,
    # score ≥ medium → «средний», score ≥ high → «высокий».
    "thresholds": {"medium": 3, "high": 6},
}


# A successful contact this recent (or an active phone-service enrolment) is a «current contact»: the person
# is not on the worklist «Под риском одиночества». Facts older than RECENT_DAYS no longer count as recent.
ISOLATION_CURRENT_CONTACT_DAYS = env_int("ISOLATION_CURRENT_CONTACT_DAYS", 7)
ISOLATION_RECENT_DAYS = 90
# Messages to relatives (#17): "console" prints them; a dotted path names a function send(phone, text).
SMS_SENDER = env("SMS_SENDER", "console")
