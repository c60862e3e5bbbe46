"""The changes feed's fast path (measures/middleware.py): an unchanged poll is answered 304 before
the middleware stack with one cache read; everything else reaches the view as before.

The view's own answers carry `Content-Language` (arena.middleware.LanguageMiddleware, later in the
stack); the fast path's 304 does not, which tells the two apart without a mock.
"""

import time
import uuid
from contextlib import contextmanager

import pytest
from django.conf import settings
from django.core import signing
from django.core.cache import cache
from django.db import connection
from django.test import Client
from django.urls import reverse

from arena.access import FEED_MAX_AGE, FEED_SALT, editor_feed_revoke, editor_feed_token
from measures import editor
from measures.editor_feed import PRESENCE_SLOTS
from measures.middleware import FEED_PATH
from tests import factories

CACHE_TABLE = settings.CACHES["default"].get("LOCATION", "")


@pytest.fixture
def table(arena, group_a):
    measure = factories.MeasureFactory(arena=arena, group=group_a, title="Felles formidling")
    people = [
        factories.ParticipantFactory(arena=arena, group=group_a, display_name=f"Person {i}")
        for i in range(3)
    ]
    return measure, people


@contextmanager
def statements():
    """Every SQL statement run inside, also those the test client's request signals would hide
    from `CaptureQueriesContext`."""
    seen = []

    def record(execute, sql, params, many, context):
        seen.append(sql)
        return execute(sql, params, many, context)

    with connection.execute_wrapper(record):
        yield seen


def poll(client, measure, token, since, etag=None, **extra):
    url = reverse("measures:measure-changes", kwargs={"slug": measure.arena.slug, "pk": measure.pk})
    headers = {"If-None-Match": etag} if etag else {}
    return client.get(url, {"since": since, "t": token, **extra}, headers=headers)


def fast(response):
    return response.status_code == 304 and "Content-Language" not in response


def first_poll(measure, person):
    """What a freshly loaded editor gets: the view's 200 with the ETag."""
    token = editor_feed_token(measure=measure, participant=person)
    response = poll(Client(), measure, token, measure.version)
    assert response.status_code == 200
    assert "Content-Language" in response
    return token, response["ETag"]


def test_the_fast_path_knows_the_feed_url_and_only_it(table):
    measure, _people = table
    kwargs = {"slug": measure.arena.slug, "pk": measure.pk}
    assert FEED_PATH.fullmatch(reverse("measures:measure-changes", kwargs=kwargs))
    assert not FEED_PATH.fullmatch(reverse("measures:measure-detail", kwargs=kwargs))
    assert not FEED_PATH.fullmatch(reverse("measures:measure-changes", kwargs=kwargs) + "x/")


def test_an_unchanged_poll_is_a_304_from_one_cache_read_and_no_other_query(table):
    measure, (kari, *_rest) = table
    token, etag = first_poll(measure, kari)
    with statements() as seen:
        response = poll(Client(), measure, token, measure.version, etag)
    assert fast(response)
    assert response["ETag"] == etag
    assert [sql for sql in seen if not CACHE_TABLE or CACHE_TABLE not in sql] == []
    assert len(seen) <= 1  # the cache's one get_many when the cache is a table
    assert "sessionid" not in response.cookies


def test_after_a_save_the_poll_falls_through_and_brings_the_change(
    table, django_capture_on_commit_callbacks
):
    measure, (kari, ola, *_rest) = table
    token, etag = first_poll(measure, ola)
    since = measure.version
    with django_capture_on_commit_callbacks(execute=True):  # the publish, as after a commit
        saved = editor.field_save(
            measure=measure, name="goal", base="", value="Flere i jobb", op=uuid.uuid4(),
            editor=kari,
        )  # fmt: skip
    response = poll(Client(), measure, token, since, etag)
    assert response.status_code == 200
    assert [c["value"] for c in response.json()["changes"]] == ["Flere i jobb"]
    assert response.json()["rev"] == saved.rev
    assert response["ETag"] != etag
    assert fast(poll(Client(), measure, token, saved.rev, response["ETag"]))


def test_a_poll_with_changes_is_answered_before_the_session_and_the_rest_of_the_stack(
    table, django_capture_on_commit_callbacks
):
    """A 200 is the common answer where two people type; it skips everything below
    SecurityMiddleware (no CSP or frame headers, no session) yet speaks the person's language."""
    measure, (kari, ola, *_rest) = table
    token = editor_feed_token(measure=measure, participant=ola)
    poll(Client(), measure, editor_feed_token(measure=measure, participant=kari), 0, felt="goal")
    client = Client()
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "nn"
    with statements() as seen:
        response = poll(client, measure, token, measure.version)
    assert response.status_code == 200
    assert (response["Content-Language"], response["Vary"]) == ("nn", "Cookie")
    assert "Content-Security-Policy" not in response
    assert "X-Frame-Options" not in response
    assert "X-Content-Type-Options" in response  # SecurityMiddleware still ran
    assert [sql for sql in seen if not CACHE_TABLE or CACHE_TABLE not in sql] == []
    assert response.json()["presence"][0]["text"] == "Person 0 skriv i «Mål»"


def expired_token(measure, person):
    class Yesterday(signing.TimestampSigner):
        def timestamp(self):
            return signing.b62_encode(int(time.time()) - FEED_MAX_AGE - 60)

    data = {"m": measure.pk, "p": person.pk, "n": person.display_name, "t": time.time()}
    return Yesterday(salt=FEED_SALT).sign_object(data, compress=True)


def test_a_bad_expired_foreign_or_revoked_token_reaches_the_view_and_404s(table):
    measure, (kari, *_rest) = table
    token, etag = first_poll(measure, kari)
    other = factories.MeasureFactory(arena=measure.arena, group=measure.group)
    foreign = editor_feed_token(measure=other, participant=kari)
    for bad in (token + "x", "", expired_token(measure, kari), foreign):
        assert poll(Client(), measure, bad, measure.version, etag).status_code == 404
    editor_feed_revoke([kari.pk])  # moved to another table, say
    assert poll(Client(), measure, token, measure.version, etag).status_code == 404


def test_presence_changes_end_the_fast_path(table):
    measure, (kari, ola, _eva) = table
    token, etag = first_poll(measure, kari)
    ola_token = editor_feed_token(measure=measure, participant=ola)
    heartbeat = poll(Client(), measure, ola_token, measure.version, felt="goal")
    assert heartbeat.status_code == 200
    assert "Content-Language" in heartbeat  # a heartbeat always reaches the view
    arrived = poll(Client(), measure, token, measure.version, etag)
    assert arrived.status_code == 200
    assert [p["text"] for p in arrived.json()["presence"]] == ["Person 1 skriver i «Mål»"]
    etag = arrived["ETag"]
    assert fast(poll(Client(), measure, token, measure.version, etag))
    # Ola closes the tab: 25 s without a heartbeat and he is gone, with no write to the cache.
    key = f"presence:{measure.pk}:{ola.pk % PRESENCE_SLOTS}"
    cache.set(key, {pk: {**p, "at": p["at"] - 30} for pk, p in cache.get(key).items()}, 30)
    gone = poll(Client(), measure, token, measure.version, etag)
    assert gone.status_code == 200
    assert gone.json()["presence"] == []
