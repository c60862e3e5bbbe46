"""The projector, the session timer and the phones' message (decisions 40 and 41): what the
projected page shows in each mode, the facilitator's controls, the phones' cheap poll, and
query counts that do not grow with the number of measures."""

import datetime
import json

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from arena.access import room_token
from measures.models import Measure, Room
from tests import factories
from tests.conftest import log_in_participant

pytestmark = pytest.mark.django_db


def url(name, arena):
    return reverse(name, kwargs={"slug": arena.slug})


def control(fac, arena, **data):
    return fac.post(url("measures:projector-control", arena), data)


def submitted(arena, group, n, **extra):
    return [
        factories.MeasureFactory(arena=arena, group=group, status="submitted", **extra)
        for _ in range(n)
    ]


def test_projector_shows_no_controls_and_the_join_address_and_qr(fac, busy_arena):
    content = fac.get(url("measures:projector", busy_arena)).content.decode()
    assert f"/bli-med/{busy_arena.join_code}" in content
    assert "<svg" in content
    assert busy_arena.join_code_display in content
    assert "<form" not in content  # neither filters nor the language form
    assert "Tilbake til fasilitering" not in content
    assert "site-footer" not in content
    assert "Felles formidling av læreplasser" in content  # arrivals by default
    assert "Mange lærlingplasser står tomme." in content  # the description's first lines


def test_facilitator_switches_the_projector_between_modes(fac, busy_arena, group_a):
    submitted(busy_arena, group_a, 1, title="Sendt inn tiltak", goal="Åtti prosent får plass")
    live = url("measures:projector-live", busy_arena)
    first = fac.get(live)
    control(fac, busy_arena, mode="message", screen_message="Velkommen tilbake!")
    assert fac.get(live, HTTP_IF_NONE_MATCH=first["ETag"]).status_code == 200
    assert "Velkommen tilbake!" in fac.get(live).content.decode()
    control(fac, busy_arena, step="1")
    content = fac.get(live).content.decode()
    assert "Sendt inn tiltak" in content
    assert "Åtti prosent får plass" in content
    assert "Tiltak 1 av 1" in content
    assert "Felles formidling" not in content  # a draft is not walked in the gallery
    control(fac, busy_arena, mode="timer")
    assert "Ingen programpost" not in fac.get(live).content.decode()


def test_gallery_steps_forward_and_back_through_submitted_measures(fac, arena, group_a, group_b):
    first, second = submitted(arena, group_a, 1) + submitted(arena, group_b, 1)
    room = None
    for step, expected in [("1", first), ("1", second), ("1", first), ("-1", second)]:
        control(fac, arena, step=step)
        room = Room.objects.get(arena=arena)
        assert room.gallery_measure_id == expected.pk
    assert room.mode == Room.Mode.GALLERY


def test_ranking_on_the_projector_has_rank_numbers_and_reveals_it(fac, busy_arena, group_a):
    one, two, three = submitted(busy_arena, group_a, 3)
    draft = Measure.objects.get(title="Felles formidling av læreplasser")
    for measure, dots in [(one, 3), (two, 3), (three, 1), (draft, 5)]:
        factories.VoteFactory(measure=measure, dots=dots)
    control(fac, busy_arena, mode="ranking")
    busy_arena.refresh_from_db()
    assert busy_arena.ranking_revealed
    content = fac.get(url("measures:projector-live", busy_arena)).content.decode()
    assert "Plass 1:" in content
    assert "Plass 3:" in content
    assert "Plass 2:" not in content  # two measures share the first place
    assert draft.title not in content  # only measures taking part are ranked


def test_project_lead_sees_the_projector_but_cannot_drive_it(lead, busy_arena):
    assert lead.get(url("measures:projector", busy_arena)).status_code == 200
    assert control(lead, busy_arena, mode="message").status_code == 404
    assert not Room.objects.filter(arena=busy_arena).exists()


@pytest.mark.parametrize("n", [1, 50])
@pytest.mark.parametrize("mode", ["arrivals", "gallery", "ranking", "message", "timer"])
def test_projector_query_count_does_not_grow_with_measures(
    fac, arena, group_a, n, mode, django_assert_num_queries
):
    factories.ProgramSessionFactory(arena=arena, is_current=True)
    submitted(arena, group_a, n)
    Room.objects.create(arena=arena, mode=mode)
    by_mode = {"arrivals": 2, "gallery": 8, "ranking": 1, "message": 0, "timer": 0}
    # session, user, arena (with its revision), membership, room, current session, then the
    # mode's (arrivals: measures and the texts of the uncached; gallery: order, measure and its
    # six kinds of rows; ranking: 1) = 6 + the mode's
    with django_assert_num_queries(6 + by_mode[mode]):
        response = fac.get(url("measures:projector", arena))
    assert response.status_code == 200
    # The fragment of this revision again, from the cache: session, user, arena, membership
    with django_assert_num_queries(4):
        fac.get(url("measures:projector-live", arena))


def test_projector_live_answers_304_until_something_changes(fac, busy_arena):
    live = url("measures:projector-live", busy_arena)
    etag = fac.get(live)["ETag"]
    assert fac.get(live, HTTP_IF_NONE_MATCH=etag).status_code == 304
    control(fac, busy_arena, mode="timer")
    assert fac.get(live, HTTP_IF_NONE_MATCH=etag).status_code == 200


def current(arena):
    return arena.sessions.get(is_current=True)


def timer(fac, arena, **data):
    return fac.post(url("arena:session-timer", arena), data)


def test_timer_starts_pauses_and_gets_five_more_minutes(fac, busy_arena):
    timer(fac, busy_arena, action="start", minutes="10")
    session = current(busy_arena)
    left = session.timer_seconds_left(timezone.now())
    assert 595 <= left <= 600
    timer(fac, busy_arena, action="pause")
    session = current(busy_arena)
    assert session.timer_ends_at is None
    assert 595 <= session.timer_left <= 600
    timer(fac, busy_arena, action="add")
    assert 895 <= current(busy_arena).timer_left <= 900
    timer(fac, busy_arena, action="start")
    session = current(busy_arena)
    assert session.timer_left is None
    assert 890 <= session.timer_seconds_left(timezone.now()) <= 900
    timer(fac, busy_arena, action="reset")
    assert current(busy_arena).timer_seconds_left(timezone.now()) is None


def test_timer_starts_with_the_sessions_planned_length(fac, busy_arena):
    timer(fac, busy_arena, action="start")
    assert current(busy_arena).timer_seconds_left(timezone.now()) >= 75 * 60 - 5  # 10:15–11:30


def test_timer_needs_a_current_session(fac, busy_arena):
    busy_arena.sessions.update(is_current=False)
    assert timer(fac, busy_arena, action="start").status_code == 404


def test_project_lead_cannot_run_the_timer(lead, busy_arena):
    assert timer(lead, busy_arena, action="start").status_code == 404
    assert current(busy_arena).timer_ends_at is None


def room_state(client, arena, participant, **headers):
    token = room_token(arena=arena, participant=participant)
    return client.get(url("measures:room-state", arena), {"t": token}, **headers)


def test_phones_read_the_timer_and_the_message_from_the_room_poll(fac, busy_arena, participant_a):
    phone = Client()
    empty = room_state(phone, busy_arena, participant_a)
    assert json.loads(empty.content) == {"timer": None, "message": None}
    timer(fac, busy_arena, action="start", minutes="5")
    fac.post(url("measures:broadcast", busy_arena), {"text": "5 minutter igjen"})
    state = json.loads(room_state(phone, busy_arena, participant_a).content)
    assert state["timer"]["title"] == "Gruppearbeid 1"
    ends = datetime.datetime.fromtimestamp(state["timer"]["ends"] / 1000, tz=datetime.UTC)
    assert 290 <= (ends - timezone.now()).total_seconds() <= 300
    assert state["message"]["text"] == "5 minutter igjen"
    fac.post(url("measures:broadcast", busy_arena), {"text": ""})
    assert json.loads(room_state(phone, busy_arena, participant_a).content)["message"] is None


def test_room_poll_costs_no_query_and_answers_304_when_unchanged(
    busy_arena, participant_a, django_assert_num_queries
):
    phone = Client()
    first = room_state(phone, busy_arena, participant_a)  # builds the state once
    with django_assert_num_queries(0):
        again = room_state(phone, busy_arena, participant_a, HTTP_IF_NONE_MATCH=first["ETag"])
    assert again.status_code == 304


def test_room_poll_stays_304_when_the_revision_moves_for_something_else(busy_arena, participant_a):
    from arena.revisions import arena_revision_bump

    phone = Client()
    etag = room_state(phone, busy_arena, participant_a)["ETag"]
    arena_revision_bump(arena_id=busy_arena.pk)  # an autosave, a comment, a dot ...
    assert room_state(phone, busy_arena, participant_a, HTTP_IF_NONE_MATCH=etag).status_code == 304


def test_room_poll_refuses_a_forged_token_or_another_arenas(
    client, busy_arena, other_arena, participant_other_arena
):
    forged = client.get(url("measures:room-state", busy_arena), {"t": "nope"})
    assert forged.status_code == 404
    token = room_token(arena=other_arena, participant=participant_other_arena)
    assert client.get(url("measures:room-state", busy_arena), {"t": token}).status_code == 404


def test_home_and_editor_carry_the_room_bar(client, busy_arena, participant_a):
    log_in_participant(client, participant_a)
    home = client.get(reverse("measures:arena-home", kwargs={"slug": busy_arena.slug}))
    assert "data-room-url" in home.content.decode()
    measure = busy_arena.measures.get(group=participant_a.group)
    edit = client.get(
        reverse(
            "measures:measure-edit", kwargs={"slug": busy_arena.slug, "pk": measure.pk, "step": 1}
        )
    )
    assert "data-room-url" in edit.content.decode()


@pytest.mark.parametrize(
    "page",
    ["vote-list", "measure-list", "measure-create", "measure-detail", "measure-review"],
)
def test_every_participant_page_carries_the_room_bar_once(client, busy_arena, participant_a, page):
    """The vote list, the gallery, the create page, a measure and the review page: a phone
    there gets "5 minutter igjen" too, from the same poll as the home page."""
    log_in_participant(client, participant_a)
    measure = busy_arena.measures.get(group=participant_a.group)
    kwargs = {"slug": busy_arena.slug}
    if page in ("measure-detail", "measure-review"):
        kwargs["pk"] = measure.pk
    response = client.get(reverse(f"measures:{page}", kwargs=kwargs))
    assert response.status_code == 200
    content = response.content.decode()
    assert content.count("data-room-url") == 1
    assert url("measures:room-state", busy_arena) + "?t=" in content


def test_facilitation_screen_has_the_room_controls(fac, busy_arena):
    content = fac.get(url("measures:facilitation", busy_arena)).content.decode()
    assert reverse("measures:projector-control", kwargs={"slug": busy_arena.slug}) in content
    assert reverse("arena:session-timer", kwargs={"slug": busy_arena.slug}) in content
    assert reverse("measures:broadcast", kwargs={"slug": busy_arena.slug}) in content
