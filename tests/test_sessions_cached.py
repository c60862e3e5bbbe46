"""The session engine of a deployment with Redis (decision 61): sessions are read from the
shared cache and written through to the table, so a staff poll reads no session row, and
signing out still ends the session everywhere."""

import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.contrib.sessions.models import Session
from django.test import Client
from django.urls import reverse

pytestmark = pytest.mark.django_db

ROOT = Path(__file__).resolve().parent.parent
CACHED = "django.contrib.sessions.backends.cached_db"


@pytest.fixture
def cached_sessions(settings):
    settings.SESSION_ENGINE = CACHED
    settings.STAFF_ROLE_CACHE_SECONDS = 60


def session_engine(**env):
    code = "from arena import settings; print(getattr(settings, 'SESSION_ENGINE', 'Django'))"
    base = {k: v for k, v in os.environ.items() if k not in {"DJANGO_ENV", "REDIS_URL"}}
    production = {"SECRET_KEY": "x" * 50, "ALLOWED_HOSTS": "arena.example.org"}
    result = subprocess.run(
        [sys.executable, "-c", code],
        cwd=ROOT,
        env={**base, **production, **env},
        capture_output=True,
        text=True,
        check=True,
    )
    return result.stdout.strip()


def test_production_reads_sessions_from_redis_and_the_table_without_it():
    assert session_engine(REDIS_URL="redis://127.0.0.1:1/0") == CACHED
    assert session_engine() == "Django"  # the default: the table


def test_a_staff_poll_reads_no_session_row(
    cached_sessions, arena, facilitator, django_assert_num_queries
):
    screen = Client()
    screen.force_login(facilitator)
    live = reverse("measures:facilitation-live", kwargs={"slug": arena.slug})
    etag = screen.get(live)["ETag"]
    # user, arena (with its revision): the session and the role come from the cache.
    with django_assert_num_queries(2):
        assert screen.get(live, HTTP_IF_NONE_MATCH=etag).status_code == 304


def test_signing_out_ends_the_session_in_the_cache_too(cached_sessions, arena, facilitator):
    screen = Client()
    screen.force_login(facilitator)
    cookie = screen.cookies["sessionid"].value
    live = reverse("measures:facilitation-live", kwargs={"slug": arena.slug})
    assert screen.get(live).status_code == 200
    assert Session.objects.filter(session_key=cookie).exists()
    screen.post(reverse("logout"))
    assert not Session.objects.filter(session_key=cookie).exists()
    # The old cookie, replayed, is signed out: no copy of the session survived in the cache.
    replay = Client()
    replay.cookies["sessionid"] = cookie
    response = replay.get(live)
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))
