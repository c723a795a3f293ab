"""Settings shared by every environment.

The embedded default is SQLite in WAL mode under ``FAZHI_DATA_DIR``; set ``DATABASE_URL`` to use
PostgreSQL (the production database). Everything the pages load is served locally: government
intranets are often offline.
"""

from __future__ import annotations

import os
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured

BASE_DIR = Path(__file__).resolve().parent.parent  # the fazhi package
PROJECT_DIR = BASE_DIR.parent
DATA_DIR = Path(os.environ.get("FAZHI_DATA_DIR", PROJECT_DIR / "data"))

SECRET_KEY = os.environ.get("FAZHI_SECRET_KEY", "dev-only-not-secret-change-me-in-production")
# The key that signs ledger checkpoints (HMAC-SM3): kept in the secret store, never in the
# database; without it no record archive can be proven (empty: archives are refused).
DEBUG = False
ALLOWED_HOSTS = [
    h for h in os.environ.get("FAZHI_ALLOWED_HOSTS", "127.0.0.1,localhost").split(",") if h
]

INSTALLED_APPS = [
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "rest_framework",
    "rest_framework.authtoken",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "django_filters",
    # the platform layer: shared mechanisms every system plugs into
    "fazhi.core.ui",
    "fazhi.core.orgs",
    "fazhi.core.accounts",
    "fazhi.core.ledger",
    "fazhi.core.workflow",
    "fazhi.core.deadlines",
    "fazhi.core.tasks",
    "fazhi.core.publication",
    "fazhi.core.indicators",
    "fazhi.core.acts",
    "fazhi.core.demo",
    "fazhi.core.importing",
    "fazhi.core.numbering",
    "fazhi.core.backup",
    # systems (制度): one app each
    "fazhi.systems.disclosure",
    "fazhi.systems.petitions",
    "fazhi.systems.disputes",
    "fazhi.systems.proposals",
    "fazhi.systems.matters",
    "fazhi.systems.officers",
    "fazhi.systems.reports",
    "fazhi.systems.enforcement",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "fazhi.core.accounts.middleware.IdleSessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "fazhi.core.accounts.middleware.SecurityPolicyMiddleware",
    "fazhi.core.ui.middleware.NavGateMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
]

ROOT_URLCONF = "fazhi.urls"
WSGI_APPLICATION = "fazhi.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "fazhi.core.ui.context.navigation",
            ],
        },
    },
]
# Every select's empty choice reads 请选择 (Django draws "---------"); a filter's reads 全部.
FORM_RENDERER = "fazhi.core.ui.widgets.FormRenderer"
FILTERS_EMPTY_CHOICE_LABEL = "全部"


def database_from_env(default_sqlite: Path) -> dict:
    """PostgreSQL (or any database) from DATABASE_URL, else embedded SQLite in WAL mode."""
    url = os.environ.get("DATABASE_URL")
    if url:
        return dict(dj_database_url.parse(url, conn_max_age=60, conn_health_checks=True))
    return {
        "ENGINE": "django.db.backends.sqlite3",
        "NAME": str(default_sqlite),
        "OPTIONS": {
            # WAL lets the portal read while an officer writes; IMMEDIATE avoids lock upgrades.
            "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA busy_timeout=5000;",
            "transaction_mode": "IMMEDIATE",
        },
    }


DATABASES = {"default": database_from_env(DATA_DIR / "fazhi.sqlite3")}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = ["fazhi.core.accounts.backends.LockoutBackend"]
LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "ui:home"
LOGOUT_REDIRECT_URL = "accounts:login"

# 等保 level 3 basics (GB/T 22239-2019 8.1.4.1 身份鉴别): complexity, expiry, lockout, idle timeout.
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 10},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
    {"NAME": "fazhi.core.accounts.validators.ComplexityValidator"},
]
FAZHI_SECURITY = {
    "PASSWORD_MAX_AGE_DAYS": 90,
    "LOCKOUT_THRESHOLD": 5,
    "LOCKOUT_MINUTES": 30,
    "IDLE_MINUTES": 30,
    # An active session's idle clock restarts at most this often (one write, not one per page).
    "IDLE_TOUCH_SECONDS": 60,
}
SESSION_COOKIE_AGE = FAZHI_SECURITY["IDLE_MINUTES"] * 60
# The idle clock restarts on activity: accounts.middleware.IdleSessionMiddleware saves an active
# session at most once every IDLE_TOUCH_SECONDS instead of on every request.
SESSION_SAVE_EVERY_REQUEST = False
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
SESSION_COOKIE_HTTPONLY = True
CSRF_COOKIE_HTTPONLY = False
# A failed CSRF check is explained in Chinese inside the layout, not as Django's English page.
CSRF_FAILURE_VIEW = "fazhi.core.ui.errors.csrf_failure"

LANGUAGE_CODE = "zh-hans"
# Django's (and DRF's) Chinese validation messages that read awkwardly are reworded in
# fazhi/locale, which takes precedence over every installed catalogue.
LOCALE_PATHS = [BASE_DIR / "locale"]
# The one language of the pages: a browser asking for English must not switch dates to
# "Aug. 4, 2026" (LocaleMiddleware only picks among LANGUAGES). Dates read 2026年8月4日 everywhere,
# as in the documents (fazhi.kernel.formatting.zh_date).
LANGUAGES = [("zh-hans", "简体中文")]
TIME_ZONE = "Asia/Shanghai"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = Path(os.environ.get("FAZHI_STATIC_ROOT", PROJECT_DIR / "staticfiles"))
MEDIA_ROOT = DATA_DIR / "media"

# Evidence and documents are stored by content digest: on the filesystem by default, on
# S3-compatible storage when FAZHI_S3_BUCKET is set (django-storages, installed with `.[scale]`).
FAZHI_BLOB_DIR = DATA_DIR / "blobs"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "blobs": {
        "BACKEND": "django.core.files.storage.FileSystemStorage",
        "OPTIONS": {"location": str(FAZHI_BLOB_DIR)},
    },
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
if os.environ.get("FAZHI_S3_BUCKET"):
    STORAGES["blobs"] = {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {
            "bucket_name": os.environ["FAZHI_S3_BUCKET"],
            "endpoint_url": os.environ.get("FAZHI_S3_ENDPOINT"),
            "file_overwrite": False,
        },
    }

# Ledger checkpoints (docs/ledger.md, "Trust model"): the ledger's head is signed every night
# with a key the database does not hold, and the checkpoints are filed outside the database.
# The key (hex, at least 16 bytes) comes from the deployment's secret store: the environment
# variable FAZHI_LEDGER_KEY, or a file named by FAZHI_LEDGER_KEY_FILE (one line of hex, readable
# only by the service user). FAZHI_LEDGER_KEY_ID names it in every checkpoint.
# FAZHI_CHECKPOINT_DIR is where checkpoints are filed: put it on another disk or host than the
# database, writable by the service and not by the database administrator.
TEST_LEDGER_KEY = "66617a68692d746573742d6b65792d6e6f742d7365637265742d303030303030"  # public


def ledger_key_from_env() -> str:
    """The checkpoint key's hex from FAZHI_LEDGER_KEY or the file FAZHI_LEDGER_KEY_FILE."""
    key = os.environ.get("FAZHI_LEDGER_KEY", "").strip()
    path = os.environ.get("FAZHI_LEDGER_KEY_FILE", "").strip()
    if key and path:
        raise ImproperlyConfigured(
            "FAZHI_LEDGER_KEY 与 FAZHI_LEDGER_KEY_FILE 只能设置其一（存证账本检查点密钥）"
        )
    if not path:
        return key
    try:
        return Path(path).read_text(encoding="ascii").strip()
    except (OSError, UnicodeDecodeError) as exc:
        raise ImproperlyConfigured(f"无法读取存证账本检查点密钥文件 {path}：{exc}") from exc


FAZHI_LEDGER_KEY = ledger_key_from_env()
FAZHI_LEDGER_KEY_ID = os.environ.get("FAZHI_LEDGER_KEY_ID", "ledger-key-1")
FAZHI_LEDGER_KEY_REQUIRED = False  # production: verify fails and checkpointing refuses without it
FAZHI_CHECKPOINT_DIR = Path(os.environ.get("FAZHI_CHECKPOINT_DIR", DATA_DIR / "checkpoints"))

REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "rest_framework.authentication.SessionAuthentication",
        "rest_framework.authentication.TokenAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.IsAuthenticated"],
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "DEFAULT_FILTER_BACKENDS": ["django_filters.rest_framework.DjangoFilterBackend"],
    "DEFAULT_PAGINATION_CLASS": "fazhi.core.ui.pagination.SeekPagination",
    "PAGE_SIZE": 50,
    "EXCEPTION_HANDLER": "fazhi.core.workflow.api.exception_handler",
}
SPECTACULAR_SETTINGS = {
    "TITLE": "Fazhi 法治 API",
    "DESCRIPTION": "法治政府建设平台的 REST 接口：与界面相同的服务层与权限策略。",
    "VERSION": "0.1.0",
    "SERVE_INCLUDE_SCHEMA": False,
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
}

# Long or scheduled work runs in-process (cron calls `fazhi deadlines scan`) unless a broker
# is configured; then Celery with Redis or RabbitMQ takes it.
CELERY_BROKER_URL = os.environ.get("FAZHI_BROKER_URL", "")
CELERY_TASK_ALWAYS_EAGER = not CELERY_BROKER_URL

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": "WARNING"},
}
