"""ASGI entry point: the stream server (gunicorn with uvicorn workers; compose.yaml's `stream`).

Django itself runs as WSGI behind a2wsgi, a few threads per worker process: persistent database
connections are reused as under sync workers (Django's own ASGI handler runs every request in a
thread of its own, and psycopg2 has no pool, so each request would open a connection). Only
the editor's event stream is served as ASGI (`measures.editor_stream`, decision 64). nginx sends
this server only the streams (decision 67), but it serves every page too, so it also runs alone.
"""

import os

from a2wsgi import WSGIMiddleware
from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "arena.settings")

# Threads per worker process for Django (each keeps one database connection): more than one, so
# a long request (a PDF export) does not hold up the others that this process has accepted.
django = WSGIMiddleware(get_wsgi_application(), workers=int(os.environ.get("WSGI_THREADS", "2")))

from measures.editor_stream import router  # noqa: E402 - needs the settings loaded above

application = router(django)
