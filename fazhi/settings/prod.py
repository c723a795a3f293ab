"""Production: PostgreSQL from DATABASE_URL, secrets from the environment, behind nginx."""

import os

from django.core.exceptions import ImproperlyConfigured

from .base import *  # noqa: F403

DEBUG = False
if not os.environ.get("FAZHI_SECRET_KEY"):
    raise ImproperlyConfigured("FAZHI_SECRET_KEY must be set in production")
SECRET_KEY = os.environ["FAZHI_SECRET_KEY"]
# Checkpointing refuses to run, and `fazhi ledger verify` fails, until FAZHI_LEDGER_KEY or
# FAZHI_LEDGER_KEY_FILE names a key of the deployment's own (never the public test key).
FAZHI_LEDGER_KEY_REQUIRED = True
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SESSION_COOKIE_SECURE = os.environ.get("FAZHI_HTTPS", "1") == "1"
CSRF_COOKIE_SECURE = SESSION_COOKIE_SECURE
STORAGES = {
    **STORAGES,  # noqa: F405
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}

# Notices of tasks (fazhi.core.tasks.notify) beyond the platform's own 消息: dotted paths of
# callables taking (user, notification), comma-separated, e.g. "fazhi.core.tasks.notify.email"
# (with EMAIL_HOST and friends) or a deployment's SMS gateway adapter.
FAZHI_NOTIFICATION_HOOKS = [
    p.strip() for p in os.environ.get("FAZHI_NOTIFICATION_HOOKS", "").split(",") if p.strip()
]
if os.environ.get("FAZHI_EMAIL_HOST"):
    EMAIL_HOST = os.environ["FAZHI_EMAIL_HOST"]
    EMAIL_PORT = int(os.environ.get("FAZHI_EMAIL_PORT", "25"))
    DEFAULT_FROM_EMAIL = os.environ.get("FAZHI_EMAIL_FROM", "fazhi@localhost")
