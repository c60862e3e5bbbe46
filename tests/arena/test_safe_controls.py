"""Safe controls (decision 43): a status change says what it will do before it is done,
reopening restores editing and offers the session that was running, and the overview lists
what the set-up still lacks."""

import datetime

import pytest
from django.urls import reverse

from arena import services
from arena.models import Arena
from tests import factories

pytestmark = pytest.mark.django_db


def status_url(arena):
    return reverse("arena:arena-status", kwargs={"slug": arena.slug})


def test_a_status_change_first_says_what_it_will_do_and_changes_nothing(fac, busy_arena):
    response = fac.post(status_url(busy_arena), {"status": "closed"})
    content = response.content.decode()
    assert response.status_code == 200
    assert "Sette status til «Avsluttet»?" in content
    assert "Koden slutter å virke" in content
    assert "«Gruppearbeid 1» avsluttes" in content
    busy_arena.refresh_from_db()
    assert busy_arena.status == Arena.Status.OPEN
    assert busy_arena.sessions.filter(is_current=True).exists()


def test_confirmed_closing_remembers_the_session_and_reopening_offers_it(fac, busy_arena):
    session = busy_arena.sessions.get(is_current=True)
    fac.post(status_url(busy_arena), {"status": "closed", "confirmed": "1"})
    busy_arena.refresh_from_db()
    assert busy_arena.resume_session == session
    assert not busy_arena.sessions.filter(is_current=True).exists()
    content = fac.post(status_url(busy_arena), {"status": "open"}).content.decode()
    assert "Start «Gruppearbeid 1» igjen" in content
    assert "Deltakerne kan igjen lage og endre tiltak" in content
    fac.post(status_url(busy_arena), {"status": "open", "confirmed": "1", "restart_session": "1"})
    busy_arena.refresh_from_db()
    assert busy_arena.accepts_edits
    assert busy_arena.sessions.get(is_current=True) == session
    assert busy_arena.resume_session is None


def test_reopening_without_the_session_still_restores_editing(busy_arena):
    services.arena_set_status(arena=busy_arena, status=Arena.Status.CLOSED)
    services.arena_set_status(arena=busy_arena, status=Arena.Status.OPEN)
    busy_arena.refresh_from_db()
    assert busy_arena.accepts_edits
    assert not busy_arena.sessions.filter(is_current=True).exists()


def test_a_plenary_restarted_on_reopening_keeps_editing_closed(busy_arena):
    busy_arena.sessions.update(allows_editing=False)
    services.arena_set_status(arena=busy_arena, status=Arena.Status.FOLLOW_UP)
    busy_arena.refresh_from_db()
    services.arena_set_status(arena=busy_arena, status=Arena.Status.OPEN, restart_session=True)
    busy_arena.refresh_from_db()
    assert busy_arena.is_joinable
    assert not busy_arena.accepts_edits


def test_project_lead_cannot_change_the_status(lead, busy_arena):
    assert lead.post(status_url(busy_arena), {"status": "closed"}).status_code == 404


def test_overview_lists_what_the_set_up_lacks(fac, db, facilitator):
    arena = factories.ArenaFactory(
        start_date=datetime.date(2026, 12, 1), end_date=datetime.date(2026, 12, 2), purpose=""
    )
    factories.ArenaMembershipFactory(arena=arena, user=facilitator, role="facilitator")
    factories.ProgramSessionFactory(arena=arena, day=arena.start_date)
    content = fac.get(arena.get_absolute_url()).content.decode()
    assert "Før arenaen er klar, mangler:" in content
    for item in ["program for dag 2", "bord", "personverntekst", "problemstillinger"]:
        assert f"<li>{item}" in content
    assert "program for dag 1" not in content


def test_overview_says_when_everything_is_in_place(fac, busy_arena):
    busy_arena.purpose = "Fra planer til handling."
    busy_arena.privacy_text = "Vi lagrer navn og organisasjon."
    busy_arena.end_date = busy_arena.start_date
    busy_arena.save()
    factories.ProgramSessionFactory(arena=busy_arena, kind="prioritisation")
    content = fac.get(busy_arena.get_absolute_url()).content.decode()
    assert "Alt er på plass" in content
