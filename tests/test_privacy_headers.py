"""Personal data stays out of caches and logs: `Cache-Control: no-store` on rendered pages and
downloads, and no personal link, follow-up link or join code in a log line."""

import io
import logging
import os
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

from arena.logs import RedactSecretsFilter, redact

ROOT = Path(__file__).resolve().parent.parent


@pytest.mark.django_db
@pytest.mark.parametrize("persona", ["participant_a", "facilitator", "anonymous"])
def test_rendered_pages_are_not_stored(persona, persona_client, arena):
    client = persona_client(persona)
    url = "/a/buskerud/hjem/" if persona == "participant_a" else "/a/buskerud/"
    if persona == "anonymous":
        url = "/bli-med/"
    response = client.get(url)
    assert response.status_code == 200
    assert response["Cache-Control"] == "no-store"


@pytest.mark.django_db
def test_the_personal_link_redirect_is_not_stored(client, participant_a):
    response = client.get(f"/fortsett/{participant_a.resume_token}/")
    assert response.status_code == 302
    assert response["Cache-Control"] == "no-store"


@pytest.mark.django_db
@pytest.mark.parametrize("fmt", ["csv", "json"])
def test_downloads_are_not_stored(fmt, lead_client, arena):
    response = lead_client.get(f"/a/buskerud/oppsummering/last-ned/{fmt}/")
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("attachment")
    assert response["Cache-Control"] == "no-store"


@pytest.mark.django_db
def test_polled_fragments_keep_their_revalidated_cache(fac, arena):
    """The wall and the board answer polls with 304 from their ETag: they must be stored
    privately and asked again each time, not dropped (decision 25)."""
    response = fac.get("/a/buskerud/vegg/innhold/")
    assert response.status_code == 200
    assert "no-cache" in response["Cache-Control"]
    assert "private" in response["Cache-Control"]


@pytest.mark.parametrize(
    ("line", "secret"),
    [
        ('"GET /fortsett/Zq9-token_1/ HTTP/1.1" 302', "Zq9-token_1"),
        ("Not Found: /oppfolging/abcDEF123/", "abcDEF123"),
        ("GET /bli-med/BUS-7Q4K/aktorer/?organisation_query=nav", "BUS-7Q4K"),
        ("Referer: https://arena.example.org/fortsett/tok123/", "tok123"),
        ("GET /a/buskerud/hjem/tiltak/1/endringer/?since=3&t=edit-tok", "edit-tok"),
    ],
)
def test_secrets_are_redacted(line, secret):
    assert secret not in redact(line)
    assert "[skjult]" in redact(line)


def test_staff_follow_up_page_is_not_mistaken_for_a_secret():
    line = "GET /a/buskerud/oppfolging/send/ HTTP/1.1"
    assert redact(line) == line


def _redacting_handler():
    """The root handler that settings.LOGGING gave the redacting filter."""
    for handler in logging.getLogger().handlers:
        if any(isinstance(f, RedactSecretsFilter) for f in handler.filters):
            return handler
    raise AssertionError("no handler with RedactSecretsFilter on the root logger")


@pytest.mark.django_db
def test_django_request_log_keeps_tokens_out(client, participant_a):
    handler = _redacting_handler()
    stream = io.StringIO()
    old = handler.setStream(stream)
    try:
        client.get("/fortsett/not-a-real-token-123/")  # "Not Found: /fortsett/…" at WARNING
        client.get("/bli-med/WRONG-9999/")
    finally:
        handler.setStream(old)
    written = stream.getvalue()
    assert "Not Found" in written
    assert "not-a-real-token-123" not in written
    assert "WRONG-9999" not in written
    assert "/fortsett/[skjult]/" in written


def _free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


SERVERS = {
    "sync": ["arena.wsgi"],
    "uvicorn": ["arena.asgi:application", "--worker-class", "uvicorn_worker.UvicornWorker"],
}


@pytest.mark.parametrize("server", SERVERS)
def test_gunicorn_access_log_keeps_tokens_out(tmp_path, server):
    """The real gunicorn, started as deployed (it reads gunicorn.conf.py from the repository):
    with sync workers (the page server), and with uvicorn workers (the stream server, decisions
    64 and 67)."""
    port, log = _free_port(), tmp_path / "access.log"
    env = {
        **os.environ,
        "DJANGO_ENV": "production",
        "SECRET_KEY": "gunicorn-log-test-" + "k" * 40,
        "ALLOWED_HOSTS": "127.0.0.1",
        "DJANGO_HTTPS": "0",
        "DJANGO_BEHIND_PROXY": "1",
    }
    command = [sys.executable, "-m", "gunicorn", *SERVERS[server], "--bind", f"127.0.0.1:{port}"]
    server = subprocess.Popen(
        [*command, "--workers", "1", "--access-logfile", str(log)],
        cwd=ROOT,
        env=env,
        stderr=subprocess.DEVNULL,
    )
    try:
        for path in (
            "/fortsett/secret-token-abc/",
            "/bli-med/SECRET-CODE/?x=1",
            "/konto/reset/MQ/reset-token-xyz/",
        ):
            _get_when_up(f"http://127.0.0.1:{port}{path}")
        time.sleep(0.5)
    finally:
        server.terminate()
        server.wait(timeout=10)
    written = log.read_text()
    assert written.count("[skjult]") == 4
    assert "secret-token-abc" not in written
    assert "SECRET-CODE" not in written
    assert "reset-token-xyz" not in written


def test_a_password_reset_link_is_redacted_and_its_redirect_target_kept():
    assert redact("GET /konto/reset/MQ/cx1-4f2a9e/ HTTP/1.1") == (
        "GET /konto/reset/[skjult]/[skjult]/ HTTP/1.1"
    )
    assert redact("/konto/reset/MQ/set-password/") == "/konto/reset/MQ/set-password/"


def _get_when_up(url):
    for _ in range(100):
        try:
            return urllib.request.urlopen(url, timeout=5)
        except urllib.error.HTTPError:
            return None  # answered (404 or 500 without a database): logged all the same
        except OSError:
            time.sleep(0.1)
    raise AssertionError("gunicorn did not answer")
