"""The bare view served exactly as the app is (arena/asgi.py): uvicorn workers, Django as WSGI
behind a2wsgi, so the page table's ratios compare like with like."""

import os

from a2wsgi import WSGIMiddleware
from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "benchmarks.bare.settings")
threads = int(os.environ.get("WSGI_THREADS", "2"))
application = WSGIMiddleware(get_wsgi_application(), workers=threads)
