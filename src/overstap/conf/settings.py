"""Overstap settings. One module; every value comes from a documented environment variable.

Local defaults are safe for a laptop (SQLite, DEBUG on, demo mode). With
``OVERSTAP_ENVIRONMENT=production`` the settings refuse to start unless the secret key,
allowed hosts and database are set and debug/demo mode are off.
"""

from __future__ import annotations

import logging
import os
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

from overstap.conf.env import env_bool, env_int, env_list, env_str

SRC_DIR = Path(__file__).resolve().parent.parent  # src/overstap
BASE_DIR = SRC_DIR.parent.parent  # repository root (or site-packages parent when installed)

ENVIRONMENT = env_str(
    "OVERSTAP_ENVIRONMENT",
    "development",
    "`development` (safe local defaults) or `production` (refuses unsafe settings).",
)
IS_PRODUCTION = ENVIRONMENT == "production"

_INSECURE_KEY = "django-insecure-overstap-local-development-only"
SECRET_KEY = env_str(
    "SECRET_KEY",
    _INSECURE_KEY,
    "Django secret key. Required (50+ random characters) in production.",
)
DEBUG = env_bool("DEBUG", not IS_PRODUCTION, "Django debug mode. Off in production.")
DEMO_MODE = env_bool(
    "OVERSTAP_DEMO",
    not IS_PRODUCTION,
    "Show the demo logins on the login page. Never in production.",
)
ALLOWED_HOSTS = env_list(
    "ALLOWED_HOSTS",
    ["127.0.0.1", "localhost", "[::1]"] if not IS_PRODUCTION else [],
    "Comma-separated host names this site serves.",
)
CSRF_TRUSTED_ORIGINS = env_list(
    "CSRF_TRUSTED_ORIGINS", [], "Comma-separated origins (https://…) trusted for CSRF."
)

DATA_DIR = Path(
    env_str(
        "OVERSTAP_DATA_DIR",
        str(BASE_DIR / "var"),
        "Folder for the SQLite database, generated reports and uploads.",
    )
)
DATABASES = {
    "default": dj_database_url.parse(
        env_str(
            "DATABASE_URL",
            f"sqlite:///{DATA_DIR / 'overstap.sqlite3'}",
            "Database URL. SQLite by default; postgres://user:pass@host:5432/name for production.",
        ),
        conn_max_age=env_int("DB_CONN_MAX_AGE", 60, "Seconds to keep database connections open."),
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    DATA_DIR.mkdir(parents=True, exist_ok=True)
    DATABASES["default"]["CONN_MAX_AGE"] = 0
    DATABASES["default"]["OPTIONS"] = {
        "transaction_mode": "IMMEDIATE",
        "timeout": 20,
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
    }
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django_htmx",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
    "axes",
    "mozilla_django_oidc",
    "rest_framework",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "overstap.core",
    "overstap.accounts",
    "overstap.privacy",
    "overstap.catalogue",
    "overstap.cases",
    "overstap.taxonomy",
    "overstap.passport",
    "overstap.employers",
    "overstap.matching",
    "overstap.insights",
    "overstap.api",
    "overstap.network",
    "overstap.rapidresponse",
    "overstap.consent",
    "overstap.frontdoor",
    # Background work (docs/background-jobs.md, docs/adr/0014-task-queue.md)
    "django_tasks",
    "django_tasks_db",
    "overstap.jobs",
    "overstap.bulkintake",
    "overstap.national",
]

MIDDLEWARE = [
    # First: one log line per request, timing everything below (docs/adr/0015).
    "overstap.core.logs.RequestLogMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "overstap.accounts.middleware.TwoFactorMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "overstap.core.middleware.SecurityHeadersMiddleware",
    "overstap.privacy.middleware.RequestIdMiddleware",
    # Last, so it sees the login view's failed attempts (docs/adr/0008-authentication.md).
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "overstap.conf.urls"
WSGI_APPLICATION = "overstap.conf.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [SRC_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "overstap.core.context_processors.overstap",
            ],
        },
    }
]

AUTH_USER_MODEL = "accounts.User"
LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "core:home"
LOGOUT_REDIRECT_URL = "accounts:login"

# The dashboard's figures are kept this many seconds per region (or user) and filter
# combination; the page says how old they are. 0: computed on every request.
OVERSTAP_FIGURES_CACHE_SECONDS = env_int(
    "OVERSTAP_FIGURES_CACHE_SECONDS",
    60,
    "Seconds a computed dashboard is reused for the same scope and filters (0: never).",
)

# Authentication hardening (issue #7, docs/adr/0008-authentication.md, docs/security.md)
OVERSTAP_REQUIRE_2FA = env_bool(
    "OVERSTAP_REQUIRE_2FA",
    not DEMO_MODE,
    "Require two-factor authentication (TOTP) for every account. On unless demo mode is on.",
)
OTP_TOTP_ISSUER = env_str(
    "OVERSTAP_TOTP_ISSUER", "Overstap", "Name shown in authenticator apps for Overstap codes."
)
OTP_TOTP_THROTTLE_FACTOR = 1  # django-otp: wait 1, 2, 4, 8… seconds after each wrong code
AXES_ENABLED = env_bool("AXES_ENABLED", True, "Lock out repeated failed logins (django-axes).")
AXES_FAILURE_LIMIT = env_int(
    "AXES_FAILURE_LIMIT", 10, "Failed logins per user name and IP address before a lock-out."
)
AXES_COOLOFF_TIME = env_int(
    "AXES_COOLOFF_HOURS", 1, "Hours a locked-out user name and IP address must wait."
)
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_HANDLER = "axes.handlers.database.AxesDatabaseHandler"
AXES_LOCKOUT_CALLABLE = "overstap.accounts.views.locked_out"
OVERSTAP_PROXY_COUNT = env_int(
    "OVERSTAP_PROXY_COUNT",
    0,
    "Trusted reverse proxies in front of Overstap that append to X-Forwarded-For "
    "(finds the client IP for lock-outs; 0 = use the connection's address).",
)
AXES_CLIENT_IP_CALLABLE = "overstap.accounts.throttling.client_ip"

# Optional OIDC login for partner organisations (mozilla-django-oidc, PKCE S256).
OIDC_RP_CLIENT_ID = env_str("OIDC_RP_CLIENT_ID", "", "OIDC client id; set it to enable OIDC.")
OIDC_RP_CLIENT_SECRET = env_str("OIDC_RP_CLIENT_SECRET", "", "OIDC client secret.")
OIDC_OP_AUTHORIZATION_ENDPOINT = env_str(
    "OIDC_OP_AUTHORIZATION_ENDPOINT", "", "OIDC provider authorization endpoint URL."
)
OIDC_OP_TOKEN_ENDPOINT = env_str("OIDC_OP_TOKEN_ENDPOINT", "", "OIDC provider token endpoint.")
OIDC_OP_USER_ENDPOINT = env_str("OIDC_OP_USER_ENDPOINT", "", "OIDC provider userinfo endpoint.")
OIDC_OP_JWKS_ENDPOINT = env_str("OIDC_OP_JWKS_ENDPOINT", "", "OIDC provider JWKS endpoint.")
OIDC_RP_SIGN_ALGO = env_str("OIDC_RP_SIGN_ALGO", "RS256", "OIDC ID-token signing algorithm.")
OIDC_RP_SCOPES = env_str("OIDC_RP_SCOPES", "openid email profile", "OIDC scopes to request.")
OIDC_CREATE_USER = env_bool(
    "OVERSTAP_OIDC_CREATE_USERS",
    False,
    "Create an account (without a role) for an unknown OIDC e-mail address.",
)
OVERSTAP_OIDC_MFA = env_str(
    "OVERSTAP_OIDC_MFA",
    "amr",
    "Whether an OIDC login counts as two-factor: `amr` (if the ID token's amr claim has "
    "mfa/otp), `always` or `never` (TOTP still required).",
)
OIDC_ENABLED = bool(
    OIDC_RP_CLIENT_ID
    and OIDC_OP_AUTHORIZATION_ENDPOINT
    and OIDC_OP_TOKEN_ENDPOINT
    and OIDC_OP_USER_ENDPOINT
)
OIDC_USE_PKCE = True
OIDC_PKCE_CODE_CHALLENGE_METHOD = "S256"
OIDC_AUTHENTICATION_CALLBACK_URL = "accounts:oidc_callback"
LOGIN_REDIRECT_URL_FAILURE = "/account/login/?oidc=failed"

AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
    *(["overstap.accounts.oidc.OverstapOIDCBackend"] if OIDC_ENABLED else []),
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 12},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = "nl"
LANGUAGES = [("nl", _("Dutch")), ("en", _("English"))]
LOCALE_PATHS = [SRC_DIR / "locale"]
TIME_ZONE = "Europe/Amsterdam"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
# The project-wide static folder (not inside an app, so the app finder alone misses it).
STATICFILES_DIRS = [SRC_DIR / "static"]
STATIC_ROOT = (
    Path(
        env_str(
            "OVERSTAP_STATIC_ROOT",
            str(DATA_DIR / "static"),
            "Production: folder `overstap collectstatic` fills and WhiteNoise serves.",
        )
    )
    if IS_PRODUCTION
    else None
)
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "whitenoise.storage.CompressedManifestStaticFilesStorage"
            if IS_PRODUCTION
            else "django.contrib.staticfiles.storage.StaticFilesStorage"
        )
    },
}
WHITENOISE_USE_FINDERS = not IS_PRODUCTION

# Sessions: staff sessions end after 60 minutes without activity.
SESSION_COOKIE_AGE = env_int("SESSION_COOKIE_AGE", 60 * 60, "Idle session timeout in seconds.")
SESSION_SAVE_EVERY_REQUEST = True
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_SAMESITE = "Lax"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"

# Privacy (issue #7, docs/privacy.md): field encryption of the BSN (ADR 0007) and retention.
_FIELD_KEY_FROM_ENV = env_str(
    "OVERSTAP_FIELD_ENCRYPTION_KEY",
    "",
    "Fernet key that encrypts the BSN at rest (and keys its lookup digest). Required in "
    "production; generate with `python -c 'from cryptography.fernet import Fernet; "
    "print(Fernet.generate_key().decode())'`. Outside production it defaults to a key "
    "derived from SECRET_KEY. Changing it makes stored BSNs unreadable.",
)
if _FIELD_KEY_FROM_ENV:
    FIELD_ENCRYPTION_KEY = _FIELD_KEY_FROM_ENV
else:
    from overstap.privacy.crypto import derive_key

    FIELD_ENCRYPTION_KEY = derive_key(SECRET_KEY)
RETENTION_DAYS = env_int(
    "OVERSTAP_RETENTION_DAYS",
    730,
    "Days after the last follow-up (or after closing, without follow-ups) before "
    "`overstap apply_retention` anonymises a closed case and its person.",
)

if IS_PRODUCTION:
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    SECURE_SSL_REDIRECT = env_bool(
        "SECURE_SSL_REDIRECT", True, "Redirect http to https (off when TLS ends at a proxy)."
    )
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", 31536000, "HSTS max-age in seconds.")
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = True
    _problems = []
    if SECRET_KEY == _INSECURE_KEY or len(SECRET_KEY) < 50:
        _problems.append("SECRET_KEY must be set to 50+ random characters")
    if DEBUG:
        _problems.append("DEBUG must be off")
    if DEMO_MODE:
        _problems.append("OVERSTAP_DEMO must be off")
    if not ALLOWED_HOSTS:
        _problems.append("ALLOWED_HOSTS must be set")
    if "DATABASE_URL" not in os.environ:
        _problems.append("DATABASE_URL must be set (PostgreSQL)")
    if not _FIELD_KEY_FROM_ENV:
        _problems.append("OVERSTAP_FIELD_ENCRYPTION_KEY must be set (a Fernet key)")
    if _problems:
        raise ImproperlyConfigured("Refusing to start in production: " + "; ".join(_problems) + ".")

# Domain configuration
CONTACT_RHYTHM_DAYS = env_int(
    "OVERSTAP_CONTACT_RHYTHM_DAYS", 14, "Default days between contacts in a trajectory plan."
)
# Cost–benefit parameters (issue #6, docs/insights.md)
ASSUMED_BENEFIT_MONTHS = env_int(
    "OVERSTAP_ASSUMED_BENEFIT_MONTHS",
    12,
    "Cost–benefit: months of unemployment benefit (WW) assumed without the team's help.",
)
MONTHLY_BENEFIT = env_int(
    "OVERSTAP_MONTHLY_BENEFIT", 2000, "Cost–benefit: assumed benefit per month, in whole euro."
)
AVOIDED_BENEFIT_OUTCOMES = env_list(
    "OVERSTAP_AVOIDED_BENEFIT_OUTCOMES",
    ["new_job", "job_with_training", "self_employed", "stayed"],
    "Cost–benefit: outcomes that count as benefit avoided (comma-separated outcome codes).",
)
REGION_NAME = env_str("OVERSTAP_REGION_NAME", "Noordoost-Brabant", "Name of the region served.")
# Public front door (docs/frontdoor.md)
FRONTDOOR_REGION_CODE = env_str(
    "OVERSTAP_FRONTDOOR_REGION",
    "noordoost-brabant",
    "Code of the region whose intake queue receives registrations from the public website.",
)
FRONTDOOR_MIN_FILL_SECONDS = env_int(
    "OVERSTAP_FRONTDOOR_MIN_FILL_SECONDS",
    3,
    "Spam protection: public forms sent sooner than this after loading are refused.",
)
FRONTDOOR_RATE_LIMIT = env_int(
    "OVERSTAP_FRONTDOOR_RATE_LIMIT",
    5,
    "Spam protection: public form submissions per IP address per hour.",
)
FRONTDOOR_RESPONSE_WORKING_DAYS = env_int(
    "OVERSTAP_FRONTDOOR_RESPONSE_DAYS",
    3,
    "Working days within which the team contacts someone who registered on the website.",
)
FRONTDOOR_CONTACT_PHONE = env_str(
    "OVERSTAP_FRONTDOOR_PHONE", "", "Phone number shown on the public pages (empty: none)."
)
ESCO_DIR = env_str(
    "OVERSTAP_ESCO_DIR",
    str(BASE_DIR.parent / "shared" / "data" / "esco"),
    "Default path of the ESCO CSV bundle for imports and benchmarks.",
)

# Background jobs (docs/background-jobs.md, docs/adr/0014-task-queue.md): django-tasks with
# its database backend; ``overstap run_worker`` runs them. With OVERSTAP_TASKS_IMMEDIATE the
# jobs run inline in the request instead (the demo and local SQLite need no worker).
TASKS_IMMEDIATE = env_bool(
    "OVERSTAP_TASKS_IMMEDIATE",
    not IS_PRODUCTION,
    "Run background jobs inline in the web request instead of in `overstap run_worker` "
    "(on for the demo and local development, off in production).",
)
TASKS = {
    "default": {
        "BACKEND": (
            "django_tasks.backends.immediate.ImmediateBackend"
            if TASKS_IMMEDIATE
            else "django_tasks_db.DatabaseBackend"
        ),
        "QUEUES": ["default"],
    }
}
JOBS_MAX_ATTEMPTS = env_int(
    "OVERSTAP_JOBS_MAX_ATTEMPTS", 3, "Attempts of a background job before it is marked failed."
)
JOBS_RETRY_DELAY = env_int(
    "OVERSTAP_JOBS_RETRY_DELAY",
    30,
    "Seconds before the first retry of a failed background job; doubles with every attempt.",
)
JOBS_STALE_MINUTES = env_int(
    "OVERSTAP_JOBS_STALE_MINUTES",
    15,
    "A running job without a sign of life for this many minutes counts as crashed; "
    "`overstap run_worker` queues it again at start-up.",
)

REST_FRAMEWORK = {
    # Partner tokens first (a missing or bad token is a 401), then staff sessions.
    # Token requests need the scope each view declares (docs/adr/0009-api-authentication.md).
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "overstap.api.authentication.BearerTokenAuthentication",
        "rest_framework.authentication.SessionAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": [
        "rest_framework.permissions.IsAuthenticated",
        "overstap.api.permissions.TokenHasScope",
    ],
    "DEFAULT_THROTTLE_CLASSES": ["overstap.api.throttling.ClientRateThrottle"],
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "DEFAULT_PAGINATION_CLASS": "rest_framework.pagination.PageNumberPagination",
    "PAGE_SIZE": 50,
    "EXCEPTION_HANDLER": "overstap.core.api.problem_exception_handler",
}
SPECTACULAR_SETTINGS = {
    "TITLE": "Overstap API",
    "DESCRIPTION": "API of Overstap, the platform for regional mobility teams.",
    "VERSION": "0.1.0",
    "SERVE_INCLUDE_SCHEMA": False,
    # Swagger UI from drf-spectacular-sidecar: served from our own static files (strict CSP).
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
    # the same schema whichever database generates it (core.api.drop_backend_integer_bounds)
    "POSTPROCESSING_HOOKS": [
        "drf_spectacular.hooks.postprocess_schema_enums",
        "overstap.core.api.drop_backend_integer_bounds",
    ],
    "ENUM_NAME_OVERRIDES": {
        "CaseStatusEnum": "overstap.cases.constants.CaseStatus",
        "ReferralStatusEnum": "overstap.cases.constants.ReferralStatus",
        "VacancyStatusEnum": "overstap.employers.constants.VacancyStatus",
        "RegistrationStatusEnum": "overstap.network.constants.RegistrationStatus",
        "ProposalStatusEnum": "overstap.network.constants.ProposalStatus",
        "SignalStatusEnum": "overstap.rapidresponse.constants.SignalStatus",
        "TaskStatusEnum": "overstap.rapidresponse.constants.TaskStatus",
    },
}

# Logs (docs/deployment.md, docs/adr/0015-deployment-and-logs.md): JSON lines on stdout in
# production, readable text on stderr in development; every line carries the request id.
LOG_FORMAT = (
    env_str(
        "OVERSTAP_LOG_FORMAT",
        "json" if IS_PRODUCTION else "text",
        "`json` (one JSON object per line on stdout; the production default) or `text` "
        "(readable lines on stderr; the development default).",
    )
    .strip()
    .lower()
)
if LOG_FORMAT not in {"json", "text"}:
    raise ImproperlyConfigured("OVERSTAP_LOG_FORMAT must be `json` or `text`.")
if LOG_FORMAT == "json":
    # Python warnings (libraries, deprecations) as JSON lines too, not raw text on stderr.
    logging.captureWarnings(True)
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {
        "request_id": {"()": "overstap.core.logs.RequestIdFilter"},
        "mask_bsn": {"()": "overstap.core.logs.MaskBsnFilter"},
    },
    "formatters": {
        "text": {"format": "%(asctime)s %(levelname)s %(name)s [%(request_id)s] %(message)s"},
        "json": {"()": "overstap.core.logs.JsonFormatter"},
    },
    "handlers": {
        "console": {
            "class": "logging.StreamHandler",
            "formatter": LOG_FORMAT,
            "filters": ["request_id"],
            "stream": "ext://sys.stdout" if LOG_FORMAT == "json" else "ext://sys.stderr",
        }
    },
    "root": {
        "handlers": ["console"],
        "level": env_str("LOG_LEVEL", "INFO", "Log level (DEBUG, INFO, WARNING…)."),
    },
    "loggers": {
        "django.db.backends": {"level": "WARNING"},
        # They echo the client's path (a BSN typed into a URL): masked (core/logs.py).
        "django.request": {"filters": ["mask_bsn"]},
        # (Naming a logger here replaces Django's handler for it: runserver's lines go to ours.)
        "django.server": {"handlers": ["console"], "propagate": False, "filters": ["mask_bsn"]},
    },
}
EMAIL_BACKEND = env_str(
    "EMAIL_BACKEND",
    "django.core.mail.backends.console.EmailBackend",
    "Django e-mail backend (console locally, smtp in production).",
)
