"""Overstap settings. One module; every value comes from a documented environment variable.

Local defaults are safe for a laptop (SQLite, DEBUG on, demo mode). With
``OVERSTAP_ENVIRONMENT=production`` the settings refuse to start unless the secret key,
allowed hosts and database are set and debug/demo mode are off.
"""

from __future__ import annotations

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
    "rest_framework",
    "drf_spectacular",
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
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "overstap.core.middleware.SecurityHeadersMiddleware",
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
STATIC_ROOT = DATA_DIR / "static" if IS_PRODUCTION else None
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
ESCO_DIR = env_str(
    "OVERSTAP_ESCO_DIR",
    str(BASE_DIR.parent / "shared" / "data" / "esco"),
    "Default path of the ESCO CSV bundle for imports and benchmarks.",
)

REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "rest_framework.authentication.SessionAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.IsAuthenticated"],
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
}

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "plain"}},
    "root": {
        "handlers": ["console"],
        "level": env_str("LOG_LEVEL", "INFO", "Log level (DEBUG, INFO, WARNING…)."),
    },
    "loggers": {"django.db.backends": {"level": "WARNING"}},
}
EMAIL_BACKEND = env_str(
    "EMAIL_BACKEND",
    "django.core.mail.backends.console.EmailBackend",
    "Django e-mail backend (console locally, smtp in production).",
)
