"""Staff sessions end after 30 idle minutes or 12 hours (arena/middleware.py,
StaffSessionMiddleware); participants keep theirs."""

import time

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from tests import factories

pytestmark = pytest.mark.django_db

STAFF_PAGE = "/a/buskerud/"


def age(client, **seconds_ago):
    """Move the session's clocks back, as if that much time had passed."""
    session = client.session
    now = int(time.time())
    for key, ago in seconds_ago.items():
        session[key] = now - ago
    session.save()


def test_signing_in_gives_a_12_hour_session_not_14_days(client, facilitator, settings):
    response = client.post(
        reverse("login"), {"username": facilitator.username, "password": factories.PASSWORD}
    )
    assert response.status_code == 302
    assert client.session.get_expiry_age() == settings.STAFF_SESSION_SECONDS == 12 * 3600
    assert settings.SESSION_COOKIE_AGE == 14 * 24 * 3600  # participants' sessions


def test_a_staff_session_idle_for_30_minutes_is_signed_out_with_a_reason(fac, arena):
    assert fac.get(STAFF_PAGE).status_code == 200
    age(fac, staff_seen=30 * 60 + 5)
    response = fac.get(STAFF_PAGE, follow=True)
    assert response.redirect_chain[0][0].startswith(reverse("login"))
    assert "Du ble logget ut fordi du ikke hadde gjort noe på 30 minutter" in (
        response.content.decode()
    )
    assert "_auth_user_id" not in fac.session


def test_activity_keeps_the_session_and_moves_the_idle_clock(fac, arena):
    age(fac, staff_seen=29 * 60)
    assert fac.get(STAFF_PAGE).status_code == 200
    assert int(time.time()) - fac.session["staff_seen"] < 5
    age(fac, staff_seen=29 * 60)
    assert fac.get(STAFF_PAGE).status_code == 200  # still in: the clock was moved


def test_a_session_older_than_12_hours_ends_even_when_busy(fac, arena):
    age(fac, staff_seen=10, staff_since=12 * 3600 + 5)
    assert fac.get(STAFF_PAGE).url.startswith(reverse("login"))


def test_a_busy_page_writes_the_idle_clock_at_most_once_a_minute(fac, arena):
    fac.get(STAFF_PAGE)
    with CaptureQueriesContext(connection) as captured:
        fac.get(STAFF_PAGE)
    assert not [q for q in captured if q["sql"].startswith("UPDATE") and "session" in q["sql"]]


def test_the_idle_warning_is_on_staff_pages_and_keepalive_restarts_the_clock(fac, arena):
    page = fac.get(STAFF_PAGE).content.decode()
    assert 'id="idle-warning"' in page
    assert 'data-idle-seconds="1800"' in page
    assert "js/idle.js" in page
    age(fac, staff_seen=20 * 60)
    assert fac.post(reverse("session-keepalive")).status_code == 204
    assert int(time.time()) - fac.session["staff_seen"] < 5


def test_participants_are_not_timed_out(client, arena, participant_a):
    from tests.conftest import log_in_participant

    log_in_participant(client, participant_a)
    session = client.session
    session["staff_seen"] = 0  # nothing of the staff clock applies without a staff sign-in
    session.save()
    assert client.get("/a/buskerud/hjem/").status_code == 200
    assert 'id="idle-warning"' not in client.get("/a/buskerud/hjem/").content.decode()
