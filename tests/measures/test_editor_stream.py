"""The editor's event stream (measures/editor_stream.py, decision 64), as the ASGI server runs
it: the real router in front of Django, the real database (the stream reads in threads of its
own, so the test database commits), and for the wake-ups a real redis-server.

Without Redis the stream looks again every second; with Redis a save wakes it at once."""

import asyncio
import json
import shutil
import socket
import subprocess
import threading
import time
import uuid
from concurrent.futures import ThreadPoolExecutor

import pytest
from asgiref.testing import ApplicationCommunicator
from django.db import connection
from django.test import override_settings

from arena.access import editor_feed_token
from measures import editor, editor_stream
from measures.editor_stream import HUB, READERS, router
from tests import factories

pytestmark = pytest.mark.django_db(transaction=True)


async def _django(scope, receive, send):
    raise AssertionError(f"the stream's path went to Django: {scope['path']}")


APP = router(_django)


@pytest.fixture(autouse=True)
def readers_close_their_connections():
    """The stream's reader threads keep a database connection (as they should in a server);
    the test database can only be dropped once each has closed it."""
    yield
    size = READERS._max_workers
    barrier = threading.Barrier(size)

    def close(_):
        barrier.wait(5)  # one task in each thread
        connection.close()

    list(READERS.map(close, range(size)))


@pytest.fixture
def table(db):
    arena = factories.ArenaFactory(slug="strom", editing_open=True)
    group = factories.GroupFactory(arena=arena, name="Bord 1")
    measure = factories.MeasureFactory(arena=arena, group=group, title="Felles formidling")
    people = [factories.ParticipantFactory(arena=arena, group=group, display_name=n)
              for n in ("Kari", "Ola")]  # fmt: skip
    return measure, people


@pytest.fixture
def redis_url():
    """A throwaway redis-server (CI installs it; `make test` on a machine without it skips)."""
    if not shutil.which("redis-server"):
        pytest.skip("redis-server is not installed (.ci/run installs it)")
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    server = subprocess.Popen(
        ["redis-server", "--port", str(port), "--save", "", "--appendonly", "no"],
        stdout=subprocess.DEVNULL,
    )
    for _ in range(100):
        try:
            socket.create_connection(("127.0.0.1", port), timeout=0.1).close()
            break
        except OSError:
            time.sleep(0.05)
    yield f"redis://127.0.0.1:{port}/0"
    server.terminate()
    server.wait(timeout=10)


def scope(measure, token, since, **extra):
    query = f"since={since}&t={token}".encode()
    path = f"/a/{measure.arena.slug}/hjem/tiltak/{measure.pk}/strom/"
    return {"type": "http", "method": "GET", "path": path, "query_string": query,
            "headers": extra.get("headers", [])}  # fmt: skip


async def events(app, until, timeout):
    """The stream's events (parsed) until `until(events)` holds, within `timeout` seconds."""
    found, buffer, started = [], b"", time.monotonic()
    while not until(found):
        left = timeout - (time.monotonic() - started)
        if left <= 0:
            raise AssertionError(f"no such event within {timeout} s: {found}")
        message = await app.receive_output(left)
        buffer += message.get("body", b"")
        while b"\n\n" in buffer:
            block, buffer = buffer.split(b"\n\n", 1)
            data = [line[6:] for line in block.split(b"\n") if line.startswith(b"data: ")]
            if data:
                found.append(json.loads(data[0]))
    return found


def save(measure, person, text):
    op = str(uuid.uuid4())
    result = editor.field_save(measure=measure, name="description", base=measure.description,
                               value=text, op=op, editor=person)  # fmt: skip
    assert result.status == "saved"
    return op


def has_op(op):
    return lambda found: any(c["op"] == op for e in found for c in e["changes"])


def _save_and_close(measure, person, text):
    try:
        return save(measure, person, text)
    finally:
        connection.close()  # this thread's own connection


async def saved_elsewhere(measure, person, text):
    """Another person's save, from another thread (as another worker would)."""
    loop = asyncio.get_running_loop()
    return await loop.run_in_executor(None, _save_and_close, measure, person, text)


def run(coroutine):
    """In a thread of its own: Playwright's sync API (the browser tests before this one in an
    xdist worker) leaves an event loop running in the main thread."""
    with ThreadPoolExecutor(1) as pool:
        return pool.submit(asyncio.run, asyncio.wait_for(coroutine, 20)).result()


def test_a_save_reaches_an_open_stream_without_redis_within_about_a_second(table):
    measure, (kari, ola) = table
    token = editor_feed_token(measure=measure, participant=kari)

    async def scenario():
        app = ApplicationCommunicator(APP, scope(measure, token, measure.version))
        await app.send_input({"type": "http.request", "body": b""})
        start = await app.receive_output(5)
        assert start["status"] == 200
        assert (b"content-type", b"text/event-stream; charset=utf-8") in start["headers"]
        first = await events(app, lambda found: found, 5)
        assert first[0]["rev"] == measure.version
        assert first[0]["changes"] == []
        op = await saved_elsewhere(measure, ola, "Ola skriver")
        sent = time.monotonic()
        found = await events(app, has_op(op), 5)
        waited = time.monotonic() - sent
        await app.send_input({"type": "http.disconnect"})
        await app.wait(5)
        return found, waited

    found, waited = run(scenario())
    change = next(c for e in found for c in e["changes"])
    assert change["value"] == "Ola skriver"
    assert change["by"]["name"] == "Ola"
    assert waited < editor_stream.RECHECK + 1
    assert measure.pk not in HUB.waiting  # the closed stream waits no more


def test_with_redis_a_save_wakes_the_stream_at_once(table, redis_url):
    measure, (kari, ola) = table
    token = editor_feed_token(measure=measure, participant=kari)

    async def scenario():
        app = ApplicationCommunicator(APP, scope(measure, token, measure.version))
        await app.send_input({"type": "http.request", "body": b""})
        await app.receive_output(5)
        await events(app, lambda found: found, 5)
        await asyncio.sleep(0.3)  # the subscription is made
        timings = []
        for text in ("Ola skriver", "Ola skriver mer"):
            op = await saved_elsewhere(measure, ola, text)
            sent = time.monotonic()
            await events(app, has_op(op), 5)
            timings.append(time.monotonic() - sent)
        await app.send_input({"type": "http.disconnect"})
        await app.wait(5)
        return timings

    with override_settings(REDIS_URL=redis_url):
        timings = run(scenario())
    # Without the wake-up the stream would wait for its keep-alive (15 s): at once is < 1 s.
    assert max(timings) < 1, timings


def test_the_streams_one_change_wakes_share_one_read_and_each_checks_its_own_token(
    table, redis_url, monkeypatch
):
    """A table of editors on one stream server: a change costs one read of the cache, not one
    per stream (decision 67's stream server holds them all), and a revoked editor still
    gets no event from the read it would have shared."""
    measure, (kari, ola) = table
    eva = factories.ParticipantFactory(arena=measure.arena, group=measure.group, display_name="Eva")
    tokens = [editor_feed_token(measure=measure, participant=p) for p in (kari, eva, eva)]
    reads = []
    real = editor_stream.editor_feed.shared_read

    def counted(**kwargs):
        reads.append(kwargs["since"])
        time.sleep(0.05)  # a read takes a moment: the other woken streams join it meanwhile
        return real(**kwargs)

    monkeypatch.setattr(editor_stream.editor_feed, "shared_read", counted)

    async def scenario():
        apps = [ApplicationCommunicator(APP, scope(measure, t, measure.version)) for t in tokens]
        for app in apps:
            await app.send_input({"type": "http.request", "body": b""})
            await app.receive_output(5)
            await events(app, lambda found: found, 5)
        await asyncio.sleep(0.3)  # the subscription is made
        reads.clear()
        from arena.access import editor_feed_revoke

        await asyncio.get_running_loop().run_in_executor(None, editor_feed_revoke, [eva.pk])
        op = await saved_elsewhere(measure, ola, "Ola skriver")
        found = await events(apps[0], has_op(op), 5)
        revoked = [await app.receive_output(5) for app in apps[1:]]
        for app in apps:
            await app.send_input({"type": "http.disconnect"})
            await app.wait(5)
        return found, revoked

    with override_settings(REDIS_URL=redis_url):
        found, revoked = run(scenario())
    assert reads == [measure.version]  # three streams woken, one read
    assert next(c for e in found for c in e["changes"])["value"] == "Ola skriver"
    # Eva's two streams end (the script then polls and learns of the 404) with no event.
    assert [message.get("body", b"") for message in revoked] == [b"", b""]


def test_a_stream_resumes_after_the_last_event_it_had(table):
    """The browser reconnects by itself with Last-Event-ID: nothing is sent twice or lost."""
    measure, (kari, ola) = table
    token = editor_feed_token(measure=measure, participant=kari)
    first = save(measure, ola, "Én")
    measure.refresh_from_db()
    second = save(measure, ola, "Én to")

    async def scenario():
        headers = [(b"last-event-id", str(measure.version).encode())]
        app = ApplicationCommunicator(APP, scope(measure, token, 0, headers=headers))
        await app.send_input({"type": "http.request", "body": b""})
        await app.receive_output(5)
        found = await events(app, lambda found: found, 5)
        await app.send_input({"type": "http.disconnect"})
        await app.wait(5)
        return found

    found = run(scenario())
    ops = [c["op"] for e in found for c in e["changes"]]
    assert ops == [second]
    assert first not in ops


def test_a_bad_or_foreign_token_gets_a_404_and_no_stream(table):
    measure, (kari, _ola) = table
    other = factories.MeasureFactory(arena=measure.arena, group=measure.group, title="Annet")
    foreign = editor_feed_token(measure=other, participant=kari)

    async def answer(token):
        app = ApplicationCommunicator(APP, scope(measure, token, 0))
        await app.send_input({"type": "http.request", "body": b""})
        start = await app.receive_output(5)
        await app.wait(5)
        return start["status"]

    assert run(answer("forfalsket")) == 404
    assert run(answer(foreign)) == 404
    assert measure.pk not in HUB.waiting
