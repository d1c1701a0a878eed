"""WSGI entry point (gunicorn booking_portal.wsgi)."""

from __future__ import annotations

import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "booking_portal.settings")
application = get_wsgi_application()
