"""`import_arena` against hostile and broken files (issue 10, item 9): each is refused with one
clear line per problem, never a traceback, nothing is written, and shared objects that exist
already are never changed."""

import copy
import json

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from arena.models import Arena, Plan
from measures.exports.json_export import arena_backup, render
from measures.models import Measure
from participants.models import Organisation
from tests import factories
from tests.measures.lead_world import build_summary_arena

pytestmark = pytest.mark.django_db


@pytest.fixture
def exported(arena):
    """A valid export of a full arena, as data, with the arena itself deleted."""
    world = build_summary_arena(arena)
    plan = factories.PlanFactory(title="Regional plan for kunnskapssamfunnet")
    goal = factories.PlanGoalFactory(plan=plan, text="Flere fullfører videregående")
    arena.plans.add(plan)
    world["m1"].plan_goals.add(goal)
    factories.ProgramSessionFactory(arena=arena, is_current=True)
    data = json.loads(render(arena_backup(arena)))
    Arena.objects.all().delete()
    Plan.objects.all().delete()
    return data


def run(tmp_path, content):
    path = tmp_path / "arena.json"
    path.write_bytes(content if isinstance(content, bytes) else json.dumps(content).encode())
    call_command("import_arena", str(path))


def refused(tmp_path, content):
    """The command's refusal, as its lines; asserts that nothing was written."""
    measures_before = Measure.objects.count()
    with pytest.raises(CommandError) as caught:
        run(tmp_path, content)
    message = str(caught.value)
    assert "Traceback" not in message
    assert "Error(" not in message  # no repr of an exception either
    assert not Arena.objects.exists()
    assert Measure.objects.count() == measures_before
    return message.splitlines()


def changed(data, path, value):
    data = copy.deepcopy(data)
    *keys, last = path
    target = data
    for key in keys:
        target = target[key]
    if value is KeyError:
        del target[last]
    else:
        target[last] = value
    return data


# (what is wrong, the change to a valid file, a fragment of the line that must say so)
CASES = [
    ("slug climbs out", (("arena", "slug"), "../../etc"), "arena.slug:"),
    ("slug with a slash", (("arena", "slug"), "a/b"), "arena.slug:"),
    ("arena missing", (("arena",), KeyError), "arena: mangler."),
    ("arena is a string", (("arena",), "buskerud"), "arena: skal være et objekt."),
    ("unknown arena status", (("arena", "status"), "done"), "arena.status:"),
    ("unknown measure status", (("measures", 0, "status"), "done"), "measures[0].status:"),
    ("unknown role", (("measures", 0, "actors", 0, "role_kind"), "boss"), "actors[0].role_kind"),
    ("title too long", (("measures", 0, "title"), "x" * 201), "measures[0].title:"),
    ("answer too long", (("measures", 0, "goal"), "x" * 4001), "measures[0].goal:"),
    ("title a number", (("arena", "title"), 17), "arena.title: skal være tekst."),
    ("title null", (("arena", "title"), None), "arena.title: kan ikke være null."),
    ("empty title", (("measures", 0, "title"), ""), "measures[0].title:"),
    ("bad date", (("arena", "start_date"), "den tiende"), "arena.start_date:"),
    ("end before start", (("arena", "end_date"), "2000-01-01"), "Siste dag er før første dag."),
    ("bad join code", (("arena", "join_code"), "bad code!"), "arena.join_code:"),
    ("boolean as text", (("arena", "editing_open"), "yes"), "skal være true eller false."),
    ("dots negative", (("arena", "dots_per_participant"), -3), "arena.dots_per_participant:"),
    ("huge number", (("measures", 0, "version"), 10**30), "tallet er for stort."),
    ("amount as text", (("measures", 0, "fundings", 0, "amount"), "mye"), "skal være et tall."),
    ("bad e-mail", (("participants", 0, "email"), "ikke en adresse"), "participants[0].email:"),
    ("missing organisation", (("participants", 0, "organisation"), "O99"), "«O99» finnes ikke"),
    ("missing area", (("measures", 0, "problem_areas"), ["P42"]), "«P42» finnes ikke"),
    ("refs not a list", (("measures", 0, "authors"), "D1"), "authors: skal være en liste."),
    ("measures not a list", (("measures",), {"a": 1}), "measures: skal være en liste."),
    ("year out of range", (("measures", 0, "start_year"), 1900), "mellom 2000 og 2100"),
    ("goal not in a plan", (("measures", 0, "plan_goals"), [["Ingen plan", "x"]]), "plan_goals"),
    ("malformed ref", (("organisations", 0, "ref"), "X1"), "organisations[0].ref:"),
    ("two current sessions", None, "Bare én programpost kan pågå nå."),
]


@pytest.mark.parametrize(("what", "change", "says"), CASES, ids=[c[0] for c in CASES])
def test_a_hostile_file_is_refused_with_a_clear_line(exported, tmp_path, what, change, says):
    if change is None:
        data = copy.deepcopy(exported)
        data["sessions"].append({**data["sessions"][0], "title": "To på en gang"})
    else:
        data = changed(exported, *change)
    lines = refused(tmp_path, data)
    assert lines[0].startswith("Kunne ikke importere")
    assert any(says in line for line in lines[1:]), lines


def test_every_problem_of_a_file_gets_its_own_line(exported, tmp_path):
    data = changed(exported, ("arena", "slug"), "../../etc")
    data = changed(data, ("measures", 0, "status"), "done")
    data = changed(data, ("participants", 0, "organisation"), "O99")
    lines = refused(tmp_path, data)
    assert len(lines) == 4
    assert [line.split(":")[0].strip() for line in lines[1:]] == [
        "arena.slug",
        "participants[0].organisation",
        "measures[0].status",
    ]


@pytest.mark.parametrize(
    ("content", "says"),
    [
        (b"{", "ikke gyldig JSON (linje 1"),
        (b"\xff\xfe{\x00}\x00", "ikke UTF-8"),
        (b"[]", "ikke en Tiltaksarena-eksport"),
        (b'{"format": "tiltaksarena-arena", "version": 2}', "ikke en Tiltaksarena-eksport"),
        (b"[" * 100_000 + b"]" * 100_000, "for dypt"),
        (b"", "ikke gyldig JSON"),
    ],
    ids=["cut off", "utf-16", "a list", "version 2", "nested deep", "empty"],
)
def test_a_file_that_is_not_an_export_is_refused_in_one_line(tmp_path, content, says):
    header, *lines = refused(tmp_path, content)
    assert header.startswith("Kunne ikke importere")
    assert len(lines) == 1
    assert says in lines[0]


def test_a_file_that_does_not_exist_is_one_line(tmp_path):
    with pytest.raises(CommandError, match="Kunne ikke lese"):
        call_command("import_arena", str(tmp_path / "finnes-ikke.json"))


def test_an_existing_plan_and_organisation_are_used_as_they_are(exported, tmp_path, capsys):
    plan = factories.PlanFactory(title="Regional plan for kunnskapssamfunnet", description="Vår")
    factories.PlanGoalFactory(plan=plan, text="Et annet mål")
    name = exported["organisations"][0]["name"]
    organisation = Organisation.objects.get(name=name)
    organisation.municipality = "Drammen"
    organisation.save()
    data = changed(exported, ("plans", 0, "description"), "Endret av filen")
    data = changed(data, ("organisations", 0, "municipality"), "Endret av filen")
    run(tmp_path, data)
    plan.refresh_from_db()
    assert plan.description == "Vår"
    assert list(plan.goals.values_list("text", flat=True)) == ["Et annet mål"]
    assert Organisation.objects.get(pk=organisation.pk).municipality == "Drammen"
    imported = Arena.objects.get()
    assert list(imported.plans.all()) == [plan]
    assert not Measure.objects.filter(arena=imported, plan_goals__isnull=False).exists()
    assert "uten målet «Flere fullfører videregående»; målet er utelatt." in capsys.readouterr().err


def test_text_that_no_export_could_write_is_cleaned_on_import(exported, tmp_path):
    data = changed(exported, ("measures", 0, "goal"), "Flere\uffff får\ufffe plass\x0b")
    run(tmp_path, data)
    assert Measure.objects.get(title=exported["measures"][0]["title"]).goal == "Flere får plass"


def test_keys_the_format_does_not_have_never_reach_the_database(exported, tmp_path):
    data = changed(exported, ("arena", "revision"), 999)
    data = changed(data, ("arena", "id"), 4242)
    data["sessions"][0]["arena_id"] = 4242
    run(tmp_path, data)
    arena = Arena.objects.get()
    assert arena.pk != 4242
    assert arena.revision < 999
    assert arena.sessions.count() == 1


def test_dates_as_django_reads_them_are_imported_not_a_traceback(exported, tmp_path):
    data = changed(exported, ("arena", "start_date"), "2026-3-1")
    data = changed(data, ("arena", "end_date"), "2026-3-2")
    run(tmp_path, data)
    assert str(Arena.objects.get().start_date) == "2026-03-01"


def test_a_new_organisation_from_the_file_is_the_imported_arenas_own_until_confirmed(
    exported, tmp_path
):
    """Decision 30: what the registry did not have enters it unconfirmed, offered in the
    imported arena (where its measures use it) and nowhere else until staff confirm it."""
    name = exported["organisations"][0]["name"]
    Organisation.objects.filter(name=name).delete()
    run(tmp_path, exported)
    imported = Arena.objects.get()
    new = Organisation.objects.get(name=name)
    assert (new.confirmed, new.added_in) == (False, imported)
    assert new in Organisation.objects.for_arena(imported)
    assert new not in Organisation.objects.for_arena(factories.ArenaFactory())
