"""SPIKE (not merged): uvicorn in front, the Django WSGI app behind a2wsgi (one thread per
process, so persistent DB connections work as under sync gunicorn), and a raw ASGI
server-sent-events stream of the editor's changes feed that needs no DB connection."""

import asyncio
import json
import os
import re
from concurrent.futures import ThreadPoolExecutor
from urllib.parse import parse_qs

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "arena.settings")

from a2wsgi import WSGIMiddleware  # noqa: E402
from django.core.wsgi import get_wsgi_application  # noqa: E402

wsgi = WSGIMiddleware(get_wsgi_application(), workers=int(os.environ.get("WSGI_THREADS", "1")))

import redis.asyncio as aioredis  # noqa: E402
from django.conf import settings  # noqa: E402
from django.http import Http404  # noqa: E402

from measures import editor_feed  # noqa: E402

STREAM = re.compile(r"/a/([-a-zA-Z0-9_]+)/hjem/tiltak/([0-9]+)/strom/")
POOL = ThreadPoolExecutor(2)
_waiters = {}  # measure pk -> set of asyncio.Event
_listener = None


async def _listen():
    client = aioredis.from_url(settings.REDIS_URL)
    pubsub = client.pubsub()
    await pubsub.subscribe("ta:feed")
    async for message in pubsub.listen():
        if message["type"] != "message":
            continue
        for event in _waiters.get(int(message["data"]), ()):
            event.set()


def _ensure_listener():
    global _listener
    if _listener is None or _listener.done():
        _listener = asyncio.get_running_loop().create_task(_listen())


async def stream(scope, receive, send, pk):
    query = parse_qs(scope.get("query_string", b"").decode())
    since = int((query.get("since") or ["0"])[0] or 0)
    token = (query.get("t") or [""])[0]
    loop = asyncio.get_running_loop()

    def read(since):
        return editor_feed.feed_read(measure_pk=pk, since=since, token=token)

    try:
        feed = await loop.run_in_executor(POOL, read, since)
    except Http404:
        await send({"type": "http.response.start", "status": 404, "headers": []})
        await send({"type": "http.response.body", "body": b""})
        return
    await send({"type": "http.response.start", "status": 200, "headers": [
        (b"content-type", b"text/event-stream"), (b"cache-control", b"no-cache")]})
    _ensure_listener()
    event = asyncio.Event()
    _waiters.setdefault(pk, set()).add(event)
    async def disconnected():
        while (await receive())["type"] != "http.disconnect":
            pass

    gone = asyncio.ensure_future(disconnected())
    etag = None
    try:
        while True:
            if feed.etag != etag:
                payload = dict(feed.payload)
                payload["presence"] = [p for p in payload["presence"] if p["id"] != feed.participant_pk]
                body = f"id: {payload['rev']}\ndata: {json.dumps(payload)}\n\n".encode()
                await send({"type": "http.response.body", "body": body, "more_body": True})
                etag, since = feed.etag, payload["rev"]
            waiter = asyncio.ensure_future(event.wait())
            done, _ = await asyncio.wait({waiter, gone}, timeout=15,
                                         return_when=asyncio.FIRST_COMPLETED)
            if gone in done:
                waiter.cancel()
                return
            if waiter not in done:
                waiter.cancel()
                await send({"type": "http.response.body", "body": b": ping\n\n", "more_body": True})
            event.clear()
            feed = await loop.run_in_executor(POOL, read, since)
    except (Http404, OSError):
        return
    finally:
        _waiters[pk].discard(event)
        gone.cancel()


async def application(scope, receive, send):
    if scope["type"] == "http":
        match = STREAM.fullmatch(scope["path"])
        if match:
            return await stream(scope, receive, send, int(match[2]))
        return await wsgi(scope, receive, send)
    if scope["type"] == "lifespan":
        message = await receive()
        await send({"type": message["type"] + ".complete"})
