"""Views through the test client, as the personas of tests/conftest.py."""

import datetime

import pytest
from django.core import mail
from django.urls import reverse

from arena.models import Arena, ArenaMembership
from tests import factories

pytestmark = pytest.mark.django_db


def url(name, arena, **kwargs):
    name = name if ":" in name else f"arena:{name}"
    return reverse(name, kwargs={"slug": arena.slug, **kwargs})


# --- Start page and login


def test_anonymous_visitors_see_the_landing_page(client):
    response = client.get("/")
    assert b"Bli med" in response.content or b"Skal du delta" in response.content
    assert b"Logg inn" in response.content
    assert b"Mine arenaer" not in response.content


def test_staff_see_only_their_arenas_with_counts(fac, busy_arena, other_arena):
    response = fac.get("/")
    content = response.content.decode()
    assert "Mine arenaer" in content
    assert busy_arena.title in content
    assert other_arena.title not in content
    assert "2 tiltak" in content
    assert "2 deltakere" in content
    assert "Fasilitator" in content


def test_admin_sees_every_arena(client, admin_user, arena, other_arena):
    client.force_login(admin_user)
    content = client.get("/").content.decode()
    assert arena.title in content
    assert other_arena.title in content


def test_start_page_query_count_is_the_same_with_1_and_50_measures(
    fac, arena, group_a, django_assert_num_queries
):
    # session, user, arenas with counts and my role in one query = 3
    factories.MeasureFactory(arena=arena, group=group_a)
    with django_assert_num_queries(3):
        fac.get("/")
    factories.MeasureFactory.create_batch(49, arena=arena, group=group_a)
    factories.ArenaMembershipFactory(
        arena=factories.ArenaFactory(), user=arena.memberships.first().user
    )
    with django_assert_num_queries(3):
        response = fac.get("/")
    assert "50 tiltak" in response.content.decode()


def test_login_page_is_norwegian_and_logs_in(client, facilitator):
    response = client.get(reverse("login"))
    assert "Glemt passordet?" in response.content.decode()
    response = client.post(
        reverse("login"), {"username": "fasilitator", "password": factories.PASSWORD}
    )
    assert response.status_code == 302
    assert "Mine arenaer" in client.get("/").content.decode()


def test_wrong_password_keeps_the_username(client, facilitator):
    response = client.post(reverse("login"), {"username": "fasilitator", "password": "feil"})
    assert response.status_code == 200
    assert 'value="fasilitator"' in response.content.decode()


def test_password_reset_sends_a_norwegian_email(client, facilitator):
    response = client.post(reverse("password_reset"), {"email": facilitator.email})
    assert response.status_code == 302
    assert len(mail.outbox) == 1
    assert mail.outbox[0].subject == "Nytt passord til Tiltaksarena"
    assert "Brukernavnet ditt er fasilitator." in mail.outbox[0].body
    assert "/konto/reset/" in mail.outbox[0].body


def test_invalid_reset_link_says_so(client):
    response = client.get(reverse("password_reset_confirm", args=["MQ", "feil"]))
    assert "Lenken virker ikke" in response.content.decode()


# --- Creating and setting up an arena


def test_create_blank_arena_redirects_to_its_overview(fac):
    response = fac.post(
        reverse("arena:arena-create"),
        {"title": "Arena 2027", "start_date": "2027-03-09", "end_date": "2027-03-10"},
    )
    arena = Arena.objects.get(title="Arena 2027")
    assert response.url == arena.get_absolute_url()
    assert arena.memberships.get().role == ArenaMembership.Role.FACILITATOR


def test_create_as_copy_is_offered_from_my_arenas(fac, busy_arena, other_arena):
    response = fac.get(reverse("arena:arena-create") + f"?kopier={busy_arena.pk}")
    content = response.content.decode()
    assert f'<option value="{busy_arena.pk}" selected>' in content
    assert other_arena.title not in content
    response = fac.post(
        reverse("arena:arena-create"),
        {"title": "Arena 2027", "start_date": "2027-03-09", "source": busy_arena.pk},
    )
    copy = Arena.objects.get(title="Arena 2027")
    assert copy.problem_areas.count() == 1
    assert copy.groups.count() == 2
    assert copy.measures.count() == 0


def test_create_with_bad_dates_keeps_what_was_typed(fac):
    response = fac.post(
        reverse("arena:arena-create"),
        {"title": "Min nye arena", "start_date": "2027-03-09", "end_date": "2027-03-01"},
    )
    content = response.content.decode()
    assert response.status_code == 200
    assert 'value="Min nye arena"' in content
    assert "Siste dag kan ikke være før første dag." in content


def test_overview_shows_join_code_and_status_control_to_facilitators(fac, busy_arena):
    content = fac.get(busy_arena.get_absolute_url()).content.decode()
    assert busy_arena.join_code_display in content
    assert "Endre status" in content
    assert "Lag ny kode" in content


def test_project_lead_reads_the_overview_without_controls(lead, busy_arena):
    content = lead.get(busy_arena.get_absolute_url()).content.decode()
    assert busy_arena.join_code_display in content
    assert "Endre status" not in content
    assert "Rediger arenaen" not in content


def test_edit_arena_saves_and_shows_a_message(fac, arena):
    response = fac.post(
        url("arena-edit", arena),
        {
            "title": arena.title,
            "purpose": "Fra planer til handling.",
            "venue": "Drammen",
            "start_date": "2026-03-10",
            "end_date": "2026-03-11",
            "retention_months": 24,
            "followup_months": 12,
            "default_language": "nb",
            "dots_per_participant": 3,
        },
        follow=True,
    )
    assert "Endringene er lagret." in response.content.decode()
    arena.refresh_from_db()
    assert arena.venue == "Drammen"


def test_closing_the_arena_stops_joining_and_editing_but_staff_still_read(fac, busy_arena):
    fac.post(url("arena-status", busy_arena), {"status": "closed", "confirmed": "1"})
    busy_arena.refresh_from_db()
    assert busy_arena.status == Arena.Status.CLOSED
    assert not busy_arena.is_joinable
    assert not busy_arena.accepts_edits
    pages = ("measures:facilitation", "measures:wall", "program", "group-list", "topic-list")
    for name in (*pages, "poster"):
        assert fac.get(url(name, busy_arena)).status_code == 200
    assert "Felles formidling" in fac.get(url("measures:wall", busy_arena)).content.decode()


def test_regenerating_the_join_code_tells_the_new_code(fac, arena):
    old = arena.join_code
    response = fac.post(url("joincode-regenerate", arena), follow=True)
    arena.refresh_from_db()
    assert arena.join_code != old
    assert arena.join_code_display in response.content.decode()


def test_poster_has_qr_svg_code_and_short_link(fac, arena):
    content = fac.get(url("poster", arena)).content.decode()
    assert "<svg" in content
    assert f"http://testserver/bli-med/{arena.join_code}/" in content
    assert arena.join_code_display in content
    assert "Bli med på mobilen" in content


def test_add_colleague_as_project_lead(fac, arena):
    colleague = factories.UserFactory(username="ola", email="ola@bfk.no")
    response = fac.post(
        url("membership-list", arena), {"user": "ola@bfk.no", "role": "project_lead"}
    )
    assert response.status_code == 302
    assert arena.memberships.get(user=colleague).role == "project_lead"


def test_add_unknown_colleague_shows_a_clear_message(fac, arena):
    response = fac.post(url("membership-list", arena), {"user": "nn", "role": "facilitator"})
    assert "Vi finner ingen bruker" in response.content.decode()


def test_removing_the_last_facilitator_is_refused(fac, arena, facilitator):
    membership = arena.memberships.get(user=facilitator)
    response = fac.post(url("membership-delete", arena, pk=membership.pk), follow=True)
    assert "minst én fasilitator" in response.content.decode()
    assert arena.memberships.filter(pk=membership.pk).exists()


def test_plan_create_links_the_plan_with_its_goals(fac, arena):
    fac.post(
        url("plan-create", arena),
        {"title": "Regional plan for kunnskapssamfunnet", "goals": "Flere fullfører\nFlere i jobb"},
    )
    plan = arena.plans.get()
    assert [g.text for g in plan.goals.all()] == ["Flere fullfører", "Flere i jobb"]


# --- Program, themes, tables


def test_add_session_then_see_it_in_the_program(fac, arena):
    response = fac.post(
        url("session-create", arena),
        {
            "day": "2026-03-11",
            "starts_at": "09:00",
            "ends_at": "10:00",
            "title": "Prioritering",
            "kind": "prioritisation",
        },
    )
    assert response.status_code == 302
    content = fac.get(url("program", arena)).content.decode()
    assert "Prioritering" in content
    assert "09:00–10:00" in content


def test_overlapping_session_is_refused_with_the_other_sessions_name(fac, arena):
    factories.ProgramSessionFactory(arena=arena, title="Plenum")
    response = fac.post(
        url("session-create", arena),
        {
            "day": "2026-03-10",
            "starts_at": "10:00",
            "ends_at": "10:30",
            "title": "Kaffe",
            "kind": "plenary",
        },
    )
    content = response.content.decode()
    assert "overlapper med «Plenum»" in content
    assert 'value="Kaffe"' in content


def test_delete_problem_area_in_use_is_refused_with_a_message(fac, busy_arena):
    area = busy_arena.problem_areas.get()
    response = fac.post(
        url("topic-delete", busy_arena, kind="problemstilling", pk=area.pk), follow=True
    )
    assert "brukes av 1 tiltak og kan ikke slettes" in response.content.decode()
    assert busy_arena.problem_areas.exists()


def test_add_reorder_and_remove_target_groups(fac, arena):
    for name in ("Unge", "Innvandrere"):
        fac.post(url("topic-create", arena, kind="malgruppe"), {"name": name})
    second = arena.target_groups.get(name="Innvandrere")
    fac.post(url("topic-move", arena, kind="malgruppe", pk=second.pk), {"direction": "opp"})
    assert [t.name for t in arena.target_groups.all()] == ["Innvandrere", "Unge"]
    fac.post(url("topic-delete", arena, kind="malgruppe", pk=second.pk))
    assert [t.name for t in arena.target_groups.all()] == ["Unge"]


def test_unknown_topic_kind_is_404(fac, arena):
    assert fac.get(url("topic-create", arena, kind="tull")).status_code == 404


def test_move_participants_between_groups(fac, arena, participant_a, group_b):
    response = fac.post(
        url("group-list", arena), {"participants": [participant_a.pk], "group": group_b.pk}
    )
    assert response.status_code == 302
    participant_a.refresh_from_db()
    assert participant_a.group == group_b


def test_rename_group_and_set_focus(fac, busy_arena, group_a):
    area = busy_arena.problem_areas.get()
    fac.post(
        url("group-edit", busy_arena, pk=group_a.pk),
        {"name": "Bord 1 – yrkesfag", "problem_areas": [area.pk]},
    )
    group_a.refresh_from_db()
    assert group_a.name == "Bord 1 – yrkesfag"
    assert list(group_a.problem_areas.all()) == [area]


def test_group_with_members_cannot_be_deleted(fac, arena, group_a, participant_a):
    response = fac.post(url("group-delete", arena, pk=group_a.pk), follow=True)
    assert "Flytt dem til et annet bord først" in response.content.decode()


# --- The facilitation screen's controls (the screen itself: tests/measures/test_live.py)


def test_starting_a_session_makes_it_current_and_sets_editing(fac, arena):
    plenary = factories.ProgramSessionFactory(arena=arena, title="Plenum", allows_editing=False)
    fac.post(url("session-current", arena), {"session": plenary.pk})
    arena.refresh_from_db()
    plenary.refresh_from_db()
    assert plenary.is_current
    assert arena.editing_open is False


def test_editing_and_ranking_toggles(fac, arena):
    fac.post(url("editing-toggle", arena), {"value": "0"})
    fac.post(url("ranking-toggle", arena), {"value": "1"})
    arena.refresh_from_db()
    assert arena.editing_open is False
    assert arena.ranking_revealed is True


@pytest.mark.parametrize(
    ("page", "control"),
    [
        ("program", "Legg til programpost"),
        ("topic-list", "Legg til problemstilling"),
        ("group-list", "Legg til bord"),
        ("membership-list", "Legg til en kollega"),
        ("plan-list", "Legg til plan"),
        ("measures:facilitation", "Lukk redigering"),
    ],
)
def test_project_lead_reads_setup_pages_without_controls(lead, arena_with_program, page, control):
    response = lead.get(url(page, arena_with_program))
    assert response.status_code == 200
    assert control not in response.content.decode()


@pytest.fixture
def arena_with_program(busy_arena):
    factories.ProgramSessionFactory(
        arena=busy_arena, starts_at=datetime.time(13), ends_at=datetime.time(14)
    )
    return busy_arena


def test_facilitator_sees_the_same_pages_with_controls(fac, arena_with_program):
    assert "Legg til programpost" in fac.get(url("program", arena_with_program)).content.decode()
    facilitation = fac.get(url("measures:facilitation", arena_with_program))
    assert "Lukk redigering" in facilitation.content.decode()


def test_wall_hides_the_join_code_once_the_arena_is_closed(fac, arena):
    assert arena.join_code_display in fac.get(url("measures:wall", arena)).content.decode()
    fac.post(url("arena-status", arena), {"status": "closed", "confirmed": "1"})
    assert arena.join_code_display not in fac.get(url("measures:wall", arena)).content.decode()


def test_demoting_yourself_as_the_only_facilitator_is_refused_at_the_field(fac, arena):
    response = fac.post(
        url("membership-list", arena), {"user": "fasilitator", "role": "project_lead"}
    )
    assert response.status_code == 200
    assert "Arenaen må ha minst én fasilitator." in response.content.decode()
    assert 'value="fasilitator"' in response.content.decode()


def test_reorder_groups(fac, arena, group_a, group_b):
    assert list(arena.groups.all()) == [group_a, group_b]
    fac.post(url("group-move", arena, pk=group_b.pk), {"direction": "opp"})
    assert list(arena.groups.all()) == [group_b, group_a]
