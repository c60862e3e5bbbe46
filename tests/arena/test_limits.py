"""Rate limits (arena/limits.py), counted where production counts them: the cache table in the
test database (PostgreSQL in CI), or Redis when REDIS_URL is set.

django-ratelimit counts in fixed windows; the limits' clock is held still here (only theirs),
so that a test never straddles the end of a window, and moved on to show that a window ends.
"""

import os
import threading
import time
import zlib
from types import SimpleNamespace

import django_ratelimit.core
import pytest
from django.core.cache import caches
from django.core.management import call_command
from django.db import connection
from django.test import Client
from django.urls import reverse

from arena import limits
from arena.login import DEVICE_COOKIE
from measures.models import Comment, Measure
from participants.models import Organisation, Participant
from tests import factories
from tests.conftest import log_in_participant
from tests.measures.test_followup import agreed_measure

CODE = "BUS7Q4K"
JOIN = reverse("participants:join")
LOGIN = reverse("login")
RIGHT = factories.PASSWORD
DB_LIMITS = {"BACKEND": "arena.cache.AtomicDatabaseCache", "LOCATION": "ta_cache"}


@pytest.fixture
def shared_limits(settings, db):
    """The `limits` cache as deployed: the database table, not the suite's in-memory cache."""
    if not os.environ.get("REDIS_URL"):
        settings.CACHES = {**settings.CACHES, "limits": DB_LIMITS}
        call_command("createcachetable", verbosity=0)
    caches["limits"].clear()
    return caches["limits"]


class Clock:
    def __init__(self):
        self.now = time.time()

    def time(self):
        return self.now

    def advance(self, seconds):
        self.now += seconds

    def start_window(self, value, period):
        """Just after the start of `value`'s window of `period` seconds (django-ratelimit
        offsets each key's windows by crc32(value) % period)."""
        offset = zlib.crc32(value.encode()) % period
        self.now = (int(self.now) // period) * period + offset + 1


@pytest.fixture
def clock(monkeypatch):
    clock = Clock()
    monkeypatch.setattr(django_ratelimit.core, "time", SimpleNamespace(time=clock.time))
    return clock


@pytest.fixture
def open_arena(db):
    return factories.ArenaFactory(join_code=CODE, slug="bus")


@pytest.fixture
def nav(db):
    return factories.OrganisationFactory(name="NAV Buskerud", kind=Organisation.Kind.STATE_AGENCY)


def browser(ip="192.0.2.10"):
    return Client(REMOTE_ADDR=ip)


def wrong_code(client, n=0):
    return client.post(JOIN, {"code": f"WRONG{n}"})


def join(client, nav, name="Kari"):
    """The whole join, as a browser does it: code, name and organisation, privacy, join."""
    assert client.post(JOIN, {"code": CODE}).status_code == 302
    details = reverse("participants:join-details", kwargs={"code": CODE})
    data = {"display_name": name, "organisation": nav.pk}
    assert client.post(details, data).status_code == 302
    return client.post(reverse("participants:join-privacy", kwargs={"code": CODE}))


# Wrong join codes


def test_wrong_codes_are_limited_per_browser_and_the_code_stays_typed(
    shared_limits, clock, open_arena
):
    client = browser()
    client.get(JOIN)  # a browser: it has the CSRF cookie from here on
    for n in range(10):
        assert wrong_code(client, n).status_code == 200  # "no arena with that code"
    refused = client.post(JOIN, {"code": "bus-zzzz"})
    assert refused.status_code == 429
    assert 1 <= int(refused["Retry-After"]) <= 60
    page = refused.content.decode()
    assert "Vent" in page
    assert "og prøv igjen (klokka" in page
    assert 'value="bus-zzzz"' in page
    # Even the right code waits now: the limit must not tell a right guess from a wrong one.
    assert client.post(JOIN, {"code": CODE}).status_code == 429
    assert client.get(f"/bli-med/{CODE}/").status_code == 429
    # Another browser at the same address is not held up.
    assert browser().post(JOIN, {"code": CODE}).status_code == 302
    clock.advance(61)
    assert client.post(JOIN, {"code": CODE}).status_code == 302


def test_wrong_codes_are_limited_per_address_more_generously(shared_limits, clock, open_arena):
    """A guesser who drops its cookies is held by the address: 60 a minute, 600 an hour."""
    clock.start_window("192.0.2.10", 3600)
    for n in range(60):
        assert wrong_code(browser(), n).status_code == 200
    assert wrong_code(browser(), 61).status_code == 429
    assert browser().get(f"/bli-med/{CODE}/aktorer/?organisation_query=nav").status_code == 429
    assert browser(ip="192.0.2.99").post(JOIN, {"code": CODE}).status_code == 302
    for _minute in range(9):
        clock.advance(61)
        for n in range(60):
            assert wrong_code(browser(), n).status_code == 200
    clock.advance(61)
    assert wrong_code(browser(), 1).status_code == 429  # 600 in the hour


def test_wrong_codes_in_the_address_bar_count_too(shared_limits, clock, open_arena):
    client = browser()
    client.get(JOIN)
    for n in range(10):
        assert client.get(f"/bli-med/WRONG{n:03d}/").status_code == 404
    assert client.get("/bli-med/WRONG999/").status_code == 429


def test_ipv6_addresses_count_per_64_block(shared_limits, clock, open_arena):
    for n in range(60):
        assert wrong_code(browser(ip=f"2001:db8::{n + 1:x}"), n).status_code == 200
    assert wrong_code(browser(ip="2001:db8::ffff"), 1).status_code == 429
    assert wrong_code(browser(ip="2001:db8:0:1::1"), 1).status_code == 200


def test_behind_the_proxy_the_client_address_is_the_last_forwarded_hop(
    shared_limits, clock, open_arena, settings
):
    settings.BEHIND_PROXY = True
    for n in range(60):
        client = Client(REMOTE_ADDR="10.0.0.1", HTTP_X_FORWARDED_FOR=f"1.2.3.{n}, 198.51.100.7")
        assert wrong_code(client, n).status_code == 200
    held = Client(REMOTE_ADDR="10.0.0.1", HTTP_X_FORWARDED_FOR="198.51.100.7")
    assert wrong_code(held, 1).status_code == 429
    other = Client(REMOTE_ADDR="10.0.0.1", HTTP_X_FORWARDED_FOR="198.51.100.8")
    assert wrong_code(other, 1).status_code == 200


def test_300_correct_joins_from_one_address_in_one_minute_all_succeed(
    shared_limits, clock, open_arena, nav
):
    """A full hall behind one address joins within one window of every limit, and every
    tenth person mistypes the code once on the way."""
    started = time.monotonic()
    for n in range(300):
        client = browser()
        if n % 10 == 0:
            assert wrong_code(client, n).status_code == 200
        response = join(client, nav, name=f"Deltaker {n}")
        assert response.status_code == 302, n
        assert response.url == reverse("measures:arena-home", kwargs={"slug": "bus"})
    assert Participant.objects.filter(arena=open_arena).count() == 300
    elapsed = time.monotonic() - started
    print(f"300 joins (30 wrong codes among them) in {elapsed:.1f} s of the test client")


# Staff sign-in


@pytest.fixture
def facilitator_user(db):
    return factories.UserFactory(username="fasilitator")


def sign_in(client, password, username="fasilitator"):
    return client.post(LOGIN, {"username": username, "password": password})


def test_wrong_passwords_are_limited_per_user_name_and_address(
    shared_limits, clock, facilitator_user
):
    guesser = browser()
    for n in range(10):
        assert sign_in(guesser, f"feil-{n}").status_code == 200
    refused = sign_in(guesser, RIGHT)  # even the right one, without asking
    assert refused.status_code == 429
    assert 'value="fasilitator"' in refused.content.decode()
    assert "prøv igjen (klokka" in refused.content.decode()
    assert "_auth_user_id" not in guesser.session
    # Elsewhere, the facilitator signs in as always; and the window ends.
    assert sign_in(browser(ip="203.0.113.5"), RIGHT).status_code == 302
    clock.advance(15 * 60 + 1)
    assert sign_in(guesser, RIGHT).status_code == 302


def test_a_guesser_at_the_venue_cannot_lock_out_the_facilitators_own_browser(
    shared_limits, clock, facilitator_user
):
    laptop = browser()
    assert sign_in(laptop, RIGHT).status_code == 302
    assert DEVICE_COOKIE in laptop.cookies
    laptop.post(reverse("logout"))
    guesser = browser()  # same address: the venue's
    for n in range(30):
        sign_in(guesser, f"feil-{n}")
    assert sign_in(guesser, RIGHT).status_code == 429
    assert sign_in(browser(), RIGHT).status_code == 429  # a borrowed laptop waits
    assert sign_in(laptop, RIGHT).status_code == 302
    # The trusted browser's own mistakes are limited too, on their own count.
    laptop.post(reverse("logout"))
    for n in range(10):
        assert sign_in(laptop, f"feil-{n}").status_code == 200
    assert sign_in(laptop, RIGHT).status_code == 429


def test_a_device_cookie_of_another_user_name_trusts_nothing(
    shared_limits, clock, facilitator_user
):
    factories.UserFactory(username="annen")
    client = browser()
    assert sign_in(client, RIGHT, username="annen").status_code == 302
    client.post(reverse("logout"))
    for n in range(10):
        sign_in(browser(), f"feil-{n}")
    assert sign_in(client, RIGHT).status_code == 429


def test_one_address_trying_many_user_names_is_limited(shared_limits, clock, facilitator_user):
    for n in range(50):
        assert sign_in(browser(), "feil", username=f"bruker{n}").status_code == 200
    assert sign_in(browser(), RIGHT).status_code == 429


def test_the_admin_sign_in_is_limited_too(shared_limits, clock, db):
    factories.UserFactory(username="admin", is_staff=True)
    guesser = browser()
    for n in range(10):
        data = {"username": "admin", "password": f"feil-{n}"}
        assert guesser.post("/admin/login/", data).status_code == 200
    data = {"username": "admin", "password": RIGHT}
    assert guesser.post("/admin/login/", data).status_code == 429


def test_password_reset_mails_are_limited_per_address(shared_limits, clock, db, mailoutbox):
    factories.UserFactory(username="kari", email="kari@example.org")
    url = reverse("password_reset")
    for _n in range(5):
        assert browser().post(url, {"email": "kari@example.org"}).status_code == 302
    refused = browser().post(url, {"email": "kari@example.org"})
    assert refused.status_code == 429
    assert 'value="kari@example.org"' in refused.content.decode()
    assert len(mailoutbox) == 5


# Floods by someone who has joined


@pytest.fixture
def member(open_arena):
    group = factories.GroupFactory(arena=open_arena, name="Bord 1")
    participant = factories.ParticipantFactory(arena=open_arena, group=group)
    measure = factories.MeasureFactory(arena=open_arena, group=group, title="Tiltak")
    return log_in_participant(browser(), participant), measure


def test_comments_are_limited_and_the_text_stays(shared_limits, clock, member):
    client, measure = member
    url = reverse("measures:comment-create", args=["bus", measure.pk])
    for n in range(10):
        assert client.post(url, {"text": f"Kommentar {n}"}).status_code == 302
    refused = client.post(url, {"text": "Den ellevte kommentaren"})
    assert refused.status_code == 429
    assert "Den ellevte kommentaren" in refused.content.decode()
    assert Comment.objects.count() == 10


def test_new_measures_are_limited(shared_limits, clock, member):
    client, _measure = member
    url = reverse("measures:measure-create", args=["bus"])
    for n in range(10):
        assert (
            client.post(url, {"title": f"Tiltak {n}", "creation_key": f"{n:032x}"}).status_code
            == 302
        )
    refused = client.post(url, {"title": "Ett til", "creation_key": f"{99:032x}"})
    assert refused.status_code == 429
    assert 'value="Ett til"' in refused.content.decode()
    assert Measure.objects.count() == 11  # the member's first one and ten new


def test_new_rows_are_limited_with_an_answer_the_editor_shows(shared_limits, clock, member):
    client, measure = member
    url = reverse("measures:row-create", args=["bus", measure.pk, "indikatorer"])
    answers = [
        client.post(url, {"key": f"{n:032x}", "op": f"{n + 99:032x}", "name": f"Indikator {n}"})
        for n in range(31)
    ]
    assert {a.status_code for a in answers[:30]} == {200}
    assert answers[30].status_code == 429
    assert answers[30].json()["status"] == "refused"
    assert "prøv igjen" in answers[30].json()["message"]


def test_new_organisations_are_limited_per_address(shared_limits, clock, open_arena):
    """A browser joins once (decision 29: the join link resumes after that), so a flood of
    new organisations needs a fresh browser each time; the address's limit (100 an hour)
    stops it, and the refused page keeps what was typed."""
    privacy = reverse("participants:join-privacy", kwargs={"code": CODE})
    details = reverse("participants:join-details", kwargs={"code": CODE})
    for n in range(101):
        client = browser()
        client.get(JOIN)
        data = {"display_name": "Per", "new_organisation_name": f"Ny bedrift {n}"}
        data["new_organisation_kind"] = Organisation.Kind.BUSINESS
        assert client.post(details, data).status_code == 302
        response = client.post(privacy)
        if n < 100:
            assert response.status_code == 302, n
    assert response.status_code == 429
    assert "Ny bedrift 100" in response.content.decode()  # still there, from the draft
    assert not Organisation.objects.filter(name="Ny bedrift 100").exists()
    assert Organisation.objects.filter(name__startswith="Ny bedrift").count() == 100


def test_follow_up_reports_are_limited_per_link(shared_limits, clock, open_arena):
    measure = agreed_measure(open_arena)
    Measure.objects.filter(pk=measure.pk).update(followup_token="lenke-123")
    url = reverse("measures:followup-report", args=["lenke-123"])
    data = {"status": "on_track", "text": "Møte holdt", "reported_by": "Kari"}
    for _n in range(10):
        assert browser().post(url, data).status_code == 302
    refused = browser().post(url, {**data, "text": "Den ellevte"})
    assert refused.status_code == 429
    assert "Den ellevte" in refused.content.decode()


def test_the_limit_page_speaks_the_chosen_language(shared_limits, clock, open_arena):
    client = browser()
    client.cookies["django_language"] = "en"
    for n in range(10):
        wrong_code(client, n)
    page = client.post(JOIN, {"code": "x"}).content.decode()
    assert "try again" in page


# The counter itself


@pytest.mark.django_db(transaction=True)
def test_the_database_cache_counts_every_increment_of_parallel_workers(settings):
    if os.environ.get("REDIS_URL"):
        pytest.skip("Redis increments atomically by itself")
    from arena.cache import AtomicDatabaseCache

    settings.CACHES = {**settings.CACHES, "limits": DB_LIMITS}
    call_command("createcachetable", verbosity=0)
    cache = AtomicDatabaseCache("ta_cache", {})
    cache.set("counter", 0, 60)
    threads_count, each = 4, 25

    def count():
        try:
            for _ in range(each):
                cache.incr("counter")
        finally:
            connection.close()

    threads = [threading.Thread(target=count) for _ in range(threads_count)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert cache.get("counter") == threads_count * each
    with pytest.raises(ValueError, match="not found"):
        cache.incr("no-such-key")


def test_a_limit_that_is_used_up_says_when_to_come_back():
    assert "40 sekunder" in limits.message(40)
    assert "3 minutter" in limits.message(150)
