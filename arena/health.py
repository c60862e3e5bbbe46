"""For load balancers and orchestrators: `/helse/` (liveness: the process answers and reaches
its database) and `/klar/` (readiness: the database and the shared cache both answer, so this
server may take participants). Neither touches the session or renders a template."""

import logging
import uuid

from django.core.cache import cache
from django.db import connection
from django.http import HttpResponse
from django.views.decorators.cache import never_cache

logger = logging.getLogger(__name__)


def _database_ok():
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
        return cursor.fetchone() == (1,)


def _cache_ok():
    """A write and a read of a key of this request's own: a cache that accepts writes but
    forgets them (or another server's stale answer) does not pass."""
    key, value = f"ready:{uuid.uuid4().hex}", uuid.uuid4().hex
    cache.set(key, value, 10)
    ok = cache.get(key) == value
    cache.delete(key)
    return ok


@never_cache
def health(request):
    """For load balancers and for the benchmark's baseline: one trivial query, no template."""
    _database_ok()
    return HttpResponse("ok", content_type="text/plain")


@never_cache
def ready(request):
    failed = []
    for name, check in (("database", _database_ok), ("cache", _cache_ok)):
        try:
            if not check():
                failed.append(name)
        except Exception:  # noqa: BLE001 - any failure means "not ready", and is logged
            logger.exception("readiness check %s failed", name)
            failed.append(name)
    if failed:
        return HttpResponse(
            "not ready: " + ", ".join(failed), status=503, content_type="text/plain"
        )
    return HttpResponse("ready", content_type="text/plain")
