"""The editor's changes feed as server-sent events: others' words within milliseconds, not
within the next poll (decision 64, a spike).

The production server runs uvicorn workers under gunicorn (`arena.asgi`). Every request but
this stream goes to Django's WSGI handler through a2wsgi, one thread per worker process, so
Django behaves exactly as under gunicorn's sync workers (one request at a time per process,
its persistent database connection reused). The stream itself is plain ASGI and holds no
thread and no database connection while it waits: it reads the same cached feed as the poll
(`editor_feed.shared_read`, in a small thread pool, once for all its streams of a measure),
then sleeps until Redis pub/sub says the measure changed (`editor_feed.notify`, after every
commit and every change of who is where), or at most `KEEPALIVE` seconds, and sends what is
new.

Without Redis (SQLite under `make run`, the database cache) nothing can wake it across
processes, so it looks again every `RECHECK` seconds; the page offers the stream only where
the server is this one (`settings.EDITOR_STREAM`), and the script falls back to polling when
the stream does not open.
"""

import asyncio
import json
import re
from concurrent.futures import ThreadPoolExecutor
from http.cookies import SimpleCookie
from urllib.parse import parse_qs

from django.conf import settings
from django.http import Http404
from django.utils import translation

from measures import editor_feed

# measures/urls.py: HOME + "tiltak/<int:pk>/strom/"
STREAM_PATH = re.compile(r"/a/([-a-zA-Z0-9_]+)/hjem/tiltak/([0-9]+)/strom/")
KEEPALIVE = 15  # seconds: a comment line, so proxies and Wi-Fi keep the connection
RECHECK = 1.0  # seconds between looks without pub/sub
READERS = ThreadPoolExecutor(2, thread_name_prefix="feed")


class Hub:
    """The streams waiting in this process, by measure, and the one Redis subscription that
    wakes them."""

    def __init__(self):
        self.waiting = {}
        self.listener = None
        self.generation = {}  # measure pk: messages received for it (see `read_feed`)
        self.reads = {}  # (loop, measure pk, since, language, generation): the read under way

    def wait_on(self, measure_pk):
        event = asyncio.Event()
        self.waiting.setdefault(measure_pk, set()).add(event)
        loop = asyncio.get_running_loop()
        if settings.REDIS_URL and (
            self.listener is None or self.listener.done() or self.listener.get_loop() is not loop
        ):
            self.listener = loop.create_task(self._listen(settings.REDIS_URL))
        return event

    def done(self, measure_pk, event):
        events = self.waiting.get(measure_pk, set())
        events.discard(event)
        if not events:
            self.waiting.pop(measure_pk, None)

    async def _listen(self, url):
        """Until the process ends: a lost connection is opened again a second later, and the
        streams, which look at least every KEEPALIVE seconds, miss nothing meanwhile."""
        import redis.asyncio

        while True:
            try:
                async with redis.asyncio.from_url(url).pubsub() as pubsub:
                    await pubsub.subscribe(editor_feed.CHANNEL)
                    async for message in pubsub.listen():
                        if message["type"] == "message":
                            measure_pk = int(message["data"])
                            self.generation[measure_pk] = self.generation.get(measure_pk, 0) + 1
                            for event in self.waiting.get(measure_pk, ()):
                                event.set()
            except (redis.asyncio.RedisError, OSError):
                await asyncio.sleep(1)


HUB = Hub()


async def read_feed(measure_pk, since, language, token):
    """The feed for this stream's editor, 404 for a bad token. The streams of one measure that
    a change woke together share one read of the cache (`editor_feed.shared_read`, in the
    READERS pool) and check only their own token: a table of six costs one read per change,
    not six. A read is shared only by streams at the same revision and language, and only
    within one pub/sub message's generation, so a read that began before a change was
    announced never answers a stream that the announcement woke."""
    loop = asyncio.get_running_loop()
    key = (loop, measure_pk, since, language, HUB.generation.get(measure_pk, 0))
    future = HUB.reads.get(key)
    if future is None:

        def read():
            with translation.override(language):
                return editor_feed.shared_read(measure_pk=measure_pk, since=since)

        future = HUB.reads[key] = loop.run_in_executor(READERS, read)
        future.add_done_callback(lambda _done: HUB.reads.pop(key, None))
    shared = await asyncio.shield(future)  # a stream that leaves does not cancel the others'
    return editor_feed.for_viewer(shared, token=token, measure_pk=measure_pk)


def _language(scope):
    header = dict(scope.get("headers") or []).get(b"cookie", b"").decode("latin-1")
    morsel = SimpleCookie(header).get(settings.LANGUAGE_COOKIE_NAME)
    codes = {code for code, _name in settings.LANGUAGES}
    return morsel.value if morsel and morsel.value in codes else settings.LANGUAGE_CODE


def _event(feed):
    payload = dict(feed.payload)  # the others: nobody needs to read that they are here
    payload["presence"] = [p for p in payload["presence"] if p["id"] != feed.participant_pk]
    return f"id: {payload['rev']}\ndata: {json.dumps(payload)}\n\n".encode()


async def stream(scope, receive, send, measure_pk):
    query = parse_qs(scope.get("query_string", b"").decode("latin-1"))
    headers = dict(scope.get("headers") or [])
    since = headers.get(b"last-event-id", b"").decode() or (query.get("since") or [""])[0]
    since = int(since) if since.isdigit() else 0
    token, language = (query.get("t") or [""])[0], _language(scope)
    try:
        feed = await read_feed(measure_pk, since, language, token)
    except Http404:
        await send({"type": "http.response.start", "status": 404, "headers": []})
        await send({"type": "http.response.body", "body": b""})
        return
    await send({"type": "http.response.start", "status": 200, "headers": [
        (b"content-type", b"text/event-stream; charset=utf-8"),
        (b"cache-control", b"private, no-cache"),
        (b"x-accel-buffering", b"no"),
    ]})  # fmt: skip

    async def disconnected():
        while (await receive())["type"] != "http.disconnect":
            pass

    gone = asyncio.ensure_future(disconnected())
    woken = HUB.wait_on(measure_pk)
    sent = None
    try:
        while True:
            if feed.etag != sent:
                await send({"type": "http.response.body", "body": _event(feed), "more_body": True})
                sent, since = feed.etag, feed.payload["rev"]
            wait = asyncio.ensure_future(woken.wait())
            timeout = KEEPALIVE if settings.REDIS_URL else RECHECK
            done, _pending = await asyncio.wait(
                {wait, gone}, timeout=timeout, return_when="FIRST_COMPLETED"
            )
            wait.cancel()
            if gone in done:
                return
            if not done:
                await send({"type": "http.response.body", "body": b": -\n\n", "more_body": True})
            woken.clear()
            feed = await read_feed(measure_pk, since, language, token)
    except Http404:  # the token was revoked or expired meanwhile: the script polls and learns
        await send({"type": "http.response.body", "body": b""})
    except OSError:
        return
    finally:
        HUB.done(measure_pk, woken)
        gone.cancel()


def router(django):
    """The ASGI application: the stream here, everything else to `django`."""

    async def application(scope, receive, send):
        if scope["type"] == "http":
            match = STREAM_PATH.fullmatch(scope["path"])
            if match and scope["method"] == "GET":
                return await stream(scope, receive, send, int(match[2]))
            return await django(scope, receive, send)
        if scope["type"] == "lifespan":
            while True:
                message = await receive()
                await send({"type": message["type"] + ".complete"})
                if message["type"] == "lifespan.shutdown":
                    return
        return None

    return application
