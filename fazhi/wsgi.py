"""WSGI entry for gunicorn: ``gunicorn fazhi.wsgi``."""

import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "fazhi.settings.prod")
application = get_wsgi_application()
