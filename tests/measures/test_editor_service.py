"""The shared editor's services on the real database, several people at once.

The concurrency tests run real threads, each with its own database connection, against one
measure: on PostgreSQL they contend for the row lock; on SQLite for the immediate write lock.
"""

import random
import re
import threading
import uuid

import pytest
from django.db import connection
from django.test import Client
from django.urls import reverse

from arena.access import editor_feed_revoke, editor_feed_token
from measures import editor
from measures.models import Measure, MeasureActor, MeasureChange
from tests import factories

pytestmark = pytest.mark.django_db(transaction=True)
# The threaded tests run on both databases: PostgreSQL's row locks, and SQLite's immediate
# transactions on a file (the test database is one, see settings) queue the writers.


def op():
    return uuid.uuid4()


@pytest.fixture
def table(arena, group_a):
    """A measure and the six people at its table."""
    measure = factories.MeasureFactory(arena=arena, group=group_a, title="Felles formidling")
    people = [
        factories.ParticipantFactory(arena=arena, group=group_a, display_name=f"Person {i}")
        for i in range(6)
    ]
    return measure, people


def run_threads(target, count):
    errors = []

    def wrapped(i):
        try:
            target(i)
        except Exception as error:  # noqa: BLE001 - reported below, so the test fails
            errors.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=wrapped, args=(i,)) for i in range(count)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(120)
    assert not errors, errors


def words(text):
    return re.findall(r"\w+", text)


def assert_gapless(measure, start, count):
    """Every save moved the revision on by one. The history has a row per save, except that
    one person's consecutive saves of one field fold into one row (decision 32): its rows'
    revisions rise, and the last is the measure's."""
    revisions = list(
        MeasureChange.objects.filter(measure=measure).values_list("revision", flat=True)
    )
    assert revisions == sorted(set(revisions))
    assert revisions[-1] == start + count
    assert revisions[0] > start
    measure.refresh_from_db()
    assert measure.version == start + count


def test_six_people_typing_in_one_field_with_stale_screens_lose_no_word(table):
    measure, people = table
    start = measure.version
    overlaps = []

    def typist(i):
        rng = random.Random(i)
        mine = ""  # what this browser last got back: stale as soon as anyone else saves
        for j in range(20):
            tokens = mine.split(" ") if mine else []
            at = rng.randint(0, len(tokens))
            value = " ".join([*tokens[:at], f"t{i}w{j}", *tokens[at:]])
            result = editor.field_save(
                measure=measure, name="description", base=mine, value=value, op=op(),
                editor=people[i],
            )  # fmt: skip
            if result.status != "saved":
                overlaps.append(result)
            mine = result.value

    run_threads(typist, 6)
    measure.refresh_from_db()
    expected = sorted(f"t{i}w{j}" for i in range(6) for j in range(20))
    assert sorted(words(measure.description)) == expected  # each word exactly once
    assert overlaps == []  # insertions never compete, however stale
    assert_gapless(measure, start, 120)


def test_six_people_typing_in_different_fields_lose_no_word(table):
    measure, people = table
    fields = ["description", "way_of_working", "arenas_to_develop", "goal"]
    start = measure.version

    def typist(i):
        rng = random.Random(100 + i)
        mine = dict.fromkeys(fields, "")
        for j in range(20):
            name = rng.choice(fields)
            value = f"{mine[name]} t{i}w{j}".strip()
            result = editor.field_save(
                measure=measure, name=name, base=mine[name], value=value, op=op(),
                editor=people[i],
            )  # fmt: skip
            assert result.status == "saved", result
            mine[name] = result.value

    run_threads(typist, 6)
    measure.refresh_from_db()
    found = [w for name in fields for w in words(getattr(measure, name))]
    assert sorted(found) == sorted(f"t{i}w{j}" for i in range(6) for j in range(20))
    assert_gapless(measure, start, 120)


def test_the_same_op_sent_twice_applies_once(table):
    measure, (kari, ola, *_rest) = table
    save = {"measure": measure, "name": "goal", "base": "", "op": op(), "editor": kari}
    first = editor.field_save(value="Flere får læreplass", **save)
    other = editor.field_save(
        measure=measure, name="goal", base="Flere får læreplass",
        value="Flere får læreplass raskt", op=op(), editor=ola,
    )  # fmt: skip
    again = editor.field_save(value="Flere får læreplass", **save)  # resent after a timeout
    measure.refresh_from_db()
    assert measure.goal == "Flere får læreplass raskt"
    assert again.status == "saved"
    assert not again.written
    assert (again.rev, again.by) == (first.rev, "Person 0")
    assert again.value == measure.goal  # what the field holds now, to show
    assert other.written
    assert MeasureChange.objects.filter(measure=measure).count() == 2


def test_an_untouched_field_writes_nothing_even_when_others_changed_it(table):
    measure, (kari, ola, *_rest) = table
    editor.field_save(
        measure=measure, name="goal", base="", value="Kari sitt mål", op=op(), editor=kari
    )
    viewer = editor.field_save(measure=measure, name="goal", base="", value="", op=op(), editor=ola)
    measure.refresh_from_db()
    assert viewer.status == "saved"
    assert not viewer.written
    assert viewer.value == "Kari sitt mål"
    assert measure.goal == "Kari sitt mål"
    assert MeasureChange.objects.filter(measure=measure).count() == 1


def test_stale_ticks_never_remove_what_someone_else_ticked(arena, table):
    measure, (kari, ola, *_rest) = table
    first, second, third = (factories.ProblemAreaFactory(arena=arena) for _ in range(3))
    editor.ticks_change(
        measure=measure, name="problem_areas", add=[first.pk], remove=[], op=op(), editor=kari
    )
    # Ola's screen still shows nothing ticked; he ticks the second and the third (plain form).
    add, remove = editor.tick_delta([second.pk, third.pk], shown=[])
    editor.ticks_change(
        measure=measure, name="problem_areas", add=add, remove=remove, op=op(), editor=ola
    )
    # Then he unticks the third: the first, ticked by Kari, stays.
    add, remove = editor.tick_delta([second.pk], shown=[second.pk, third.pk])
    result = editor.ticks_change(
        measure=measure, name="problem_areas", add=add, remove=remove, op=op(), editor=ola
    )
    assert result.value == sorted([first.pk, second.pk])
    assert sorted(measure.problem_areas.values_list("pk", flat=True)) == result.value
    changes = MeasureChange.objects.filter(measure=measure).values_list("by__display_name", "value")
    assert list(changes) == [
        ("Person 0", [first.pk]),
        ("Person 1", sorted([first.pk, second.pk, third.pk])),
        ("Person 1", sorted([first.pk, second.pk])),
    ]


def test_ticks_of_another_arena_are_refused_with_a_message(other_arena, table):
    measure, (kari, *_rest) = table
    foreign = factories.ProblemAreaFactory(arena=other_arena)
    result = editor.ticks_change(
        measure=measure, name="problem_areas", add=[foreign.pk], remove=[], op=op(), editor=kari
    )
    assert result.status == "invalid"
    assert result.message
    assert not measure.problem_areas.exists()


def test_two_leads_at_once_keep_both_rows_and_one_tap_fixes_it(table):
    measure, people = table
    results = {}

    def add_lead(i):
        results[i] = editor.row_create(
            measure=measure,
            kind="actors",
            key=uuid.uuid4(),
            values={
                "organisation_name": f"Organisasjon {i}",
                "new_kind": "kommune",
                "role_kind": "lead",
                "role_text": "",
            },
            editor=people[i],
        )

    run_threads(add_lead, 2)
    assert {r.status for r in results.values()} == {"saved"}
    assert MeasureActor.objects.filter(measure=measure, role_kind="lead").count() == 2
    assert max(r.leads for r in results.values()) == 2  # the later save reports both
    chosen = results[0].row["id"]
    fixed = editor.lead_choose(measure=measure, row_id=chosen, op=op(), editor=people[2])
    assert fixed.status == "saved"
    assert fixed.leads == 1
    roles = dict(MeasureActor.objects.filter(measure=measure).values_list("pk", "role_kind"))
    assert roles == {chosen: "lead", results[1].row["id"]: "partner"}
    assert editor.leads_count(measure) == 1


def test_end_year_before_start_year_in_two_requests_is_a_message_not_a_500(table):
    measure, (kari, ola, *_rest) = table
    editor.field_save(
        measure=measure, name="start_year", base="", value="2030", op=op(), editor=kari
    )
    # Ola's screen still shows no start year.
    result = editor.field_save(
        measure=measure, name="end_year", base="", value="2027", op=op(), editor=ola
    )
    assert result.status == "invalid"
    assert result.message == "Sluttåret kan ikke være før startåret (2030)."
    other_way = editor.field_save(
        measure=measure, name="start_year", base="2030", value="2031", op=op(), editor=ola
    )
    assert other_way.status == "saved"
    editor.field_save(measure=measure, name="end_year", base="", value="2032", op=op(), editor=kari)
    later = editor.field_save(
        measure=measure, name="start_year", base="2031", value="2035", op=op(), editor=ola
    )
    assert later.status == "invalid"
    assert later.message == "Startåret kan ikke være etter sluttåret (2032)."
    nonsense = editor.field_save(
        measure=measure, name="end_year", base="2032", value="20x", op=op(), editor=ola
    )
    assert nonsense.status == "invalid"
    assert "fire siffer" in nonsense.message
    measure.refresh_from_db()
    assert (measure.start_year, measure.end_year) == (2031, 2032)


def test_a_stale_save_after_35_saves_by_someone_else_merges_and_is_credited_to_its_author(
    table,
):
    measure, (kari, ola, *_rest) = table
    shown = "Vi lager en ordning."
    editor.field_save(
        measure=measure, name="description", base="", value=shown, op=op(), editor=kari
    )
    text = shown
    for i in range(35):  # about ten minutes of Kari typing, first in the description, then the goal
        name = "description" if i < 5 else "goal"
        base = text if name == "description" else measure_value(measure, "goal")
        value = f"{base} k{i}".strip()
        result = editor.field_save(
            measure=measure, name=name, base=base, value=value, op=op(), editor=kari
        )
        if name == "description":
            text = result.value
    # Ola's screen still shows the first sentence; he adds his own in front.
    result = editor.field_save(
        measure=measure, name="description", base=shown, value=f"Ola først. {shown}", op=op(),
        editor=ola,
    )  # fmt: skip
    measure.refresh_from_db()
    assert result.status == "saved"
    assert measure.description == f"Ola først. {shown} k0 k1 k2 k3 k4"
    last = MeasureChange.objects.filter(measure=measure).last()
    assert (last.name, last.by, last.value) == ("description", ola, measure.description)


def measure_value(measure, name):
    return editor.field_shown(Measure.objects.get(pk=measure.pk), name)


def test_an_overlap_keeps_the_saved_text_and_hands_mine_back(table):
    measure, (kari, ola, *_rest) = table
    editor.field_save(
        measure=measure, name="goal", base="", value="Alle får plass", op=op(), editor=kari
    )
    editor.field_save(
        measure=measure, name="goal", base="Alle får plass", value="Alle får læreplass",
        op=op(), editor=kari,
    )  # fmt: skip
    result = editor.field_save(
        measure=measure, name="goal", base="Alle får plass", value="Alle får jobb", op=op(),
        editor=ola,
    )  # fmt: skip
    assert result.status == "overlap"
    assert result.value == "Alle får læreplass"
    assert result.overlaps == [
        {"field": "goal", "base": "plass", "mine": "jobb", "theirs": "læreplass"}
    ]
    assert result.as_json()["overlaps"][0]["mine"] == "jobb"


def test_a_plain_step_save_writes_fields_and_rows_in_one_transaction(table):
    measure, (kari, ola, *_rest) = table
    editor.field_save(
        measure=measure, name="arenas_to_develop", base="", value="Olas møte", op=op(), editor=ola
    )
    step = uuid.uuid4()
    edits = {
        "goal": ("", "Flere får læreplass"),
        "arenas_to_develop": ("", ""),  # untouched on Kari's screen (stale: she saw it empty)
    }
    new_row = editor.RowEdit("indicators", values={"indicator": "Andel med læreplass"})
    result = editor.step_save(
        measure=measure, op=step, edits=edits, ticks={}, rows=[new_row], editor=kari
    )
    assert result.ok
    assert not result.rolled_back
    measure.refresh_from_db()
    assert measure.goal == "Flere får læreplass"
    assert measure.arenas_to_develop == "Olas møte"  # not written: Kari did not touch it
    assert list(measure.indicators.values_list("indicator", flat=True)) == ["Andel med læreplass"]
    names = list(MeasureChange.objects.filter(measure=measure).values_list("name", "by"))
    assert names == [("arenas_to_develop", ola.pk), ("goal", kari.pk), ("indicators", kari.pk)]
    # The same post again (back button, double tap): nothing twice.
    again = editor.step_save(
        measure=measure, op=step, edits=edits, ticks={}, rows=[new_row], editor=kari
    )
    assert again.ok
    assert measure.indicators.count() == 1
    assert MeasureChange.objects.filter(measure=measure).count() == 3


def test_an_invalid_row_in_a_plain_step_save_writes_nothing_of_the_step(table):
    measure, (kari, *_rest) = table
    before = measure.version
    result = editor.step_save(
        measure=measure,
        op=uuid.uuid4(),
        edits={"goal": ("", "Flere får læreplass")},
        ticks={},
        rows=[editor.RowEdit("indicators", values={"indicator": "", "target": "80 %"})],
        editor=kari,
    )
    assert result.rolled_back
    assert result.invalid
    assert result.rows[0].errors["indicator"]
    measure.refresh_from_db()
    assert (measure.goal, measure.version) == ("", before)
    assert not measure.indicators.exists()
    assert not MeasureChange.objects.filter(measure=measure).exists()


def test_rows_merge_like_fields_and_a_removed_row_hands_the_text_back(table):
    measure, (kari, ola, *_rest) = table
    row = editor.row_create(
        measure=measure, kind="indicators", key=uuid.uuid4(),
        values={"indicator": "Andel som får plass", "target": "80 %"}, editor=kari,
    ).row  # fmt: skip
    shown = row["values"]
    editor.row_save(
        measure=measure, kind="indicators", row_id=row["id"],
        values={"indicator": "Andel elever som får plass"}, bases=shown, op=op(), editor=kari,
    )  # fmt: skip
    stale = editor.row_save(
        measure=measure, kind="indicators", row_id=row["id"],
        values={"indicator": "Andel som får plass innen oktober", "target": "90 %"},
        bases=shown, op=op(), editor=ola,
    )  # fmt: skip
    assert stale.status == "saved"
    assert stale.value["indicator"] == "Andel elever som får plass innen oktober"
    assert stale.value["target"] == "90 %"
    gone = editor.row_delete(
        measure=measure, kind="indicators", row_id=row["id"], op=op(), editor=kari
    )
    assert gone.row["deleted"]
    twice = editor.row_delete(
        measure=measure, kind="indicators", row_id=row["id"], op=op(), editor=ola
    )
    assert twice.status == "saved"
    assert not twice.written
    late = editor.row_save(
        measure=measure, kind="indicators", row_id=row["id"], values={"target": "95 %"},
        bases={"target": "90 %"}, op=op(), editor=ola,
    )  # fmt: skip
    assert late.status == "overlap"
    assert late.row["deleted"]
    assert late.message


def test_the_same_organisation_added_twice_gives_the_first_row_back(table):
    measure, (kari, ola, *_rest) = table
    org = factories.OrganisationFactory(name="NAV Drammen")
    values = {"organisation_name": "NAV Drammen", "role_kind": "partner"}
    first = editor.row_create(
        measure=measure, kind="actors", key=uuid.uuid4(), values=values, editor=kari
    )
    second = editor.row_create(
        measure=measure, kind="actors", key=uuid.uuid4(), values=values, editor=ola
    )
    assert second.status == "saved"
    assert second.row["id"] == first.row["id"]
    assert second.message == "«NAV Drammen» er allerede lagt til av Person 0."
    assert list(measure.actors.values_list("organisation", flat=True)) == [org.pk]


def test_history_records_exactly_who_changed_which_field(table):
    measure, (kari, ola, *_rest) = table
    saves = [
        (kari, "title", "Felles formidling", "Felles formidling i Buskerud"),
        (ola, "goal", "", "Flere får plass"),
        (kari, "goal", "", "Raskt"),  # stale: merged into Ola's text, credited to Kari
        (ola, "horizon", "", "medium"),
    ]
    for person, name, base, value in saves:
        editor.field_save(
            measure=measure, name=name, base=base, value=value, op=op(), editor=person
        )
    history = list(editor.history(measure).values_list("name", "by_name", "value"))
    assert history == [
        ("horizon", "Person 1", "medium"),
        ("goal", "Person 0", "Flere får plass Raskt"),
        ("goal", "Person 1", "Flere får plass"),
        ("title", "Person 0", "Felles formidling i Buskerud"),
    ]


def test_the_staff_page_lists_who_changed_which_field_when(table, facilitator):
    measure, (kari, ola, *_rest) = table
    editor.field_save(measure=measure, name="goal", base="", value="Flere", op=op(), editor=kari)
    editor.field_save(measure=measure, name="horizon", base="", value="medium", op=op(), editor=ola)
    client = Client()
    client.force_login(facilitator)
    page = client.get(
        reverse(
            "measures:measure-staff-detail", kwargs={"slug": measure.arena.slug, "pk": measure.pk}
        )
    )
    assert page.status_code == 200
    rows = re.findall(r'<tr class="measure-change">(.*?)</tr>', page.content.decode(), re.S)
    assert len(rows) == 2
    assert "Person 1" in rows[0]
    assert "Tidsperspektiv" in rows[0]
    assert "Mellomlang" in rows[0]
    assert "Person 0" in rows[1]
    assert "Mål" in rows[1]


def test_editing_closed_refuses_with_a_message_and_writes_nothing(table):
    measure, (kari, *_rest) = table
    measure.arena.editing_open = False
    measure.arena.save()
    result = editor.field_save(
        measure=measure, name="goal", base="", value="X", op=op(), editor=kari
    )
    assert result.status == "refused"
    assert result.message
    assert not MeasureChange.objects.filter(measure=measure).exists()


def test_the_feed_brings_each_change_once_from_the_cache_or_the_database(table):
    from django.core.cache import cache

    measure, (kari, ola, *_rest) = table
    token = editor_feed_token(measure=measure, participant=ola)
    since = measure.version
    empty = editor.feed_read(measure_pk=measure.pk, since=since, token=token, focus="goal")
    assert empty.payload["changes"] == []
    assert empty.payload["presence"][0]["text"] == "Person 1 skriver i «Mål»"
    saves = [
        editor.field_save(
            measure=measure, name="goal", base="", value=f"ord{i}", op=op(), editor=kari
        )
        for i in range(6)  # more than one cache probe
    ]
    feed = editor.feed_read(measure_pk=measure.pk, since=since, token=token)
    assert [c["rev"] for c in feed.payload["changes"]] == [s.rev for s in saves]
    assert feed.payload["rev"] == saves[-1].rev
    assert feed.etag != empty.etag
    assert feed.payload["changes"][0]["by"]["name"] == "Person 0"
    same = editor.feed_read(measure_pk=measure.pk, since=feed.payload["rev"], token=token)
    assert same.payload["changes"] == []
    assert (
        same.etag
        == editor.feed_read(measure_pk=measure.pk, since=feed.payload["rev"], token=token).etag
    )
    cache.clear()  # a lost cache costs a query, not a change: Kari's six saves of one field
    # are one history row by now (decision 32), which holds the text of the last.
    again = editor.feed_read(measure_pk=measure.pk, since=since, token=token)
    last = (saves[-1].rev, saves[-1].value)
    assert [(c["rev"], c["value"]) for c in again.payload["changes"]] == [last]
    assert again.payload["rev"] == saves[-1].rev


def test_two_heartbeats_at_the_same_moment_keep_both_people_present(table):
    """The race the cache cannot lock: Ola's poll has read presence, Eva's heartbeat lands,
    then Ola's is written from what it read. Each person's slot is their own, so Eva stays
    (one shared map lost her until her next heartbeat, 10 s later)."""
    from django.core.cache import cache

    from measures.editor_feed import _presence_keys, presence_touch

    measure, (kari, ola, eva, *_rest) = table
    read_by_ola = cache.get_many(_presence_keys(measure.pk))
    presence_touch(measure_pk=measure.pk, participant_pk=eva.pk, name="Eva", focus="goal")
    presence_touch(
        measure_pk=measure.pk, participant_pk=ola.pk, name="Ola", focus="", known=read_by_ola
    )
    token = editor_feed_token(measure=measure, participant=kari)
    feed = editor.feed_read(measure_pk=measure.pk, since=measure.version, token=token)
    assert sorted(p["name"] for p in feed.payload["presence"]) == ["Eva", "Ola"]


def test_the_feed_refuses_other_measures_and_revoked_people(table):
    from django.http import Http404

    measure, (kari, *_rest) = table
    other = factories.MeasureFactory(arena=measure.arena, group=measure.group)
    token = editor_feed_token(measure=measure, participant=kari)
    with pytest.raises(Http404):
        editor.feed_read(measure_pk=other.pk, since=0, token=token)
    with pytest.raises(Http404):
        editor.feed_read(measure_pk=measure.pk, since=0, token=token + "x")
    editor_feed_revoke([kari.pk])  # moved to another table, say
    with pytest.raises(Http404):
        editor.feed_read(measure_pk=measure.pk, since=0, token=token)
    fresh = editor_feed_token(measure=measure, participant=kari)  # a page loaded afterwards
    assert editor.feed_read(measure_pk=measure.pk, since=0, token=fresh).participant_pk == kari.pk


def test_moving_or_removing_a_participant_revokes_their_feed_tokens(table, arena):
    from django.http import Http404

    from arena.services import participants_move
    from participants.services import participant_remove

    measure, (kari, ola, *_rest) = table
    tokens = [editor_feed_token(measure=measure, participant=p) for p in (kari, ola)]
    participants_move(arena=arena, participants=[kari], group=factories.GroupFactory(arena=arena))
    participant_remove(participant=ola)
    for token in tokens:
        with pytest.raises(Http404):
            editor.feed_read(measure_pk=measure.pk, since=0, token=token)
