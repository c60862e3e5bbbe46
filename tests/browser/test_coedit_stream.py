"""The editor on the production stack (nginx in front of the sync page server and the uvicorn
stream server, decisions 64 and 67) with Redis: others' words arrive through the event stream,
and the page polls no more.

The server is started by the test, on the test database (PostgreSQL only: the in-memory SQLite
test database cannot be shared with another process). Participants come in through the live
server's personal link; the session is in the database, so the stream server knows them."""

import os
import re
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest
from django.db import connection
from playwright.sync_api import expect

from benchmarks.front import Front
from tests.browser.conftest import LAPTOP, PHONE, axe_violations
from tests.browser.test_coedit import fresh, table, until  # noqa: F401 - the fixture
from tests.measures.test_editor_stream import redis_url  # noqa: F401 - the fixture

ROOT = Path(__file__).resolve().parents[2]

pytestmark = pytest.mark.skipif(
    connection.vendor != "postgresql", reason="the server shares the PostgreSQL test database"
)


def _gunicorn(app, env, workers):
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    server = subprocess.Popen(
        [sys.executable, "-m", "gunicorn", *app, "--workers", str(workers),
         "--bind", f"127.0.0.1:{port}", "--log-level", "warning", "--graceful-timeout", "1"],
        cwd=ROOT, env=env,
    )  # fmt: skip
    deadline = time.monotonic() + 30
    while True:
        try:
            socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
            return server, port
        except OSError:
            assert server.poll() is None, "the server stopped"
            assert time.monotonic() < deadline, "the server did not answer"
            time.sleep(0.1)


@pytest.fixture
def stream_server(live_server, redis_url, tmp_path):  # noqa: F811
    """compose.yaml's stack on 127.0.0.1: nginx from the committed template in front, the
    page server (sync workers) and the stream server (uvicorn workers, decision 67)."""
    settings = connection.settings_dict
    database = "postgres://{USER}:{PASSWORD}@{HOST}:{PORT}/{NAME}".format(**settings)
    env = {**os.environ, "DJANGO_ENV": "test", "DATABASE_URL": database,
           "REDIS_URL": redis_url, "EDITOR_STREAM": "1", "DJANGO_BEHIND_PROXY": "1"}  # fmt: skip
    servers = [
        _gunicorn(["arena.wsgi"], env, 2),
        _gunicorn(["arena.asgi:application", "-k", "uvicorn_worker.UvicornWorker"], env, 1),
    ]
    front = Front(pages_port=servers[0][1], streams_port=servers[1][1], workdir=tmp_path)
    # The live server's host name, so the browser sends the same session cookie.
    yield re.sub(r":\d+$", f":{front.port}", live_server.url), servers
    front.stop()
    for server, _port in servers:
        server.terminate()
        server.wait(timeout=15)


def test_words_arrive_through_the_stream_and_nothing_polls(new_page, table, stream_server):  # noqa: F811
    measure, (aina, tor, _kari) = table
    front, _servers = stream_server
    pages, feed_requests = [], []
    for person, viewport in ((aina, PHONE), (tor, LAPTOP)):
        page = new_page(viewport)
        page.on("request", lambda r: "/endringer/" in r.url and feed_requests.append(r.url))
        page.goto(f"/fortsett/{person.resume_token}/")
        page.goto(f"{front}/a/{measure.arena.slug}/hjem/tiltak/{measure.pk}/rediger/1/")
        expect(page.locator("#measure-form")).to_have_attribute("data-stream", "")
        pages.append(page)
    writer, reader = pages
    box = writer.locator("#id_description")
    box.click()
    box.press_sequentially("Ungdom får en fast kontakt i NAV.", delay=15)
    expect(reader.locator("#id_description")).to_have_value("Ungdom får en fast kontakt i NAV.")
    expect(reader.locator("#presence")).to_contain_text("Aina skriver i")
    until(reader, lambda: fresh(measure).description == "Ungdom får en fast kontakt i NAV.")
    # With the stream open (through nginx to the stream server: on the page server the
    # stream's address is no stream, and the page would poll), the feed is asked only for the
    # presence heartbeat (`felt=`).
    assert feed_requests
    assert all("felt=" in url for url in feed_requests), feed_requests
    for page in pages:
        assert axe_violations(page) == []
