"""The JSON backup keeps merges and "samme idé" links (decision 53): after export → import into
an empty database the merged measure is still hidden and points at the kept one, the links
join the same measures, and undoing the merge there puts back exactly what it moved. A backup
written before these keys existed still imports."""

import copy
import json

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from arena.models import Arena, Plan
from measures import linking
from measures.exports.json_export import arena_backup, render
from measures.models import Comment, Commitment, Measure, MeasureLink, Vote
from participants.models import Organisation
from tests import factories

pytestmark = pytest.mark.django_db

LÆRLING = "Felles formidling av læreplasser mellom skolene og bedriftene i regionen"


@pytest.fixture
def merged_arena(arena, group_a, group_b, facilitator):
    """Two measures of one idea, merged with everything a merge moves (a comment, a
    commitment, a vote row, dots added to a vote on the kept one, an author) and one it leaves
    (an organisation's commitment the kept one already has); two other measures linked, and a
    link that was undone. Returns the arena's state before the merge (`state`)."""
    kept = factories.MeasureFactory(
        arena=arena, group=group_a, title="Felles formidling", description=LÆRLING
    )
    merged = factories.MeasureFactory(
        arena=arena, group=group_b, title="Læreplassformidling", description=LÆRLING,
        status=Measure.Status.SUBMITTED, contact_name="Ola Kontakt",
        contact_email="ola@example.org",
    )  # fmt: skip
    kari = factories.ParticipantFactory(arena=arena, group=group_a, display_name="Kari")
    ola = factories.ParticipantFactory(arena=arena, group=group_b, display_name="Ola")
    kept.authors.add(kari)
    merged.authors.add(ola, kari)
    both = factories.OrganisationFactory(name="NAV Buskerud")
    factories.CommentFactory(measure=kept, participant=kari, text="Ta med skolene")
    factories.CommentFactory(measure=merged, participant=ola, text="Ta med bedriftene")
    factories.CommentFactory(measure=merged, participant=kari, text="Og lærlingkontorene")
    factories.CommitmentFactory(measure=kept, organisation=both, text="Kept sin")
    factories.CommitmentFactory(measure=merged, organisation=both, text="Merged sin")
    factories.CommitmentFactory(
        measure=merged, organisation=factories.OrganisationFactory(name="NHO"), text="Lokaler"
    )
    factories.VoteFactory(measure=kept, participant=kari, dots=1)
    factories.VoteFactory(measure=merged, participant=kari, dots=2)
    factories.VoteFactory(measure=merged, participant=ola, dots=3)
    one = factories.MeasureFactory(arena=arena, group=group_a, title="Språkkafé")
    two = factories.MeasureFactory(arena=arena, group=group_b, title="Språkkafé på biblioteket")
    three = factories.MeasureFactory(arena=arena, group=group_b, title="Leksehjelp")
    linking.measure_link(arena=arena, source_pk=one.pk, target_pk=two.pk, user=facilitator)
    undone, _ = linking.measure_link(
        arena=arena, source_pk=one.pk, target_pk=three.pk, user=facilitator
    )
    linking.link_undo(arena=arena, link_pk=undone.pk, user=facilitator)
    before = state(arena)
    linking.measure_merge(arena=arena, kept_pk=kept.pk, merged_pk=merged.pk, user=facilitator)
    return before


def state(arena):
    """Everything a merge changes, by titles and names (ids differ after an import)."""
    rows = lambda model, *keys: sorted(  # noqa: E731
        model.objects.filter(measure__arena=arena).values_list("measure__title", *keys)
    )
    everything = Measure.everything.filter(arena=arena)
    return {
        "standing": sorted(Measure.objects.filter(arena=arena).values_list("title", flat=True)),
        "merged_into": sorted(
            everything.filter(merged_into__isnull=False).values_list("title", "merged_into__title")
        ),
        "status": sorted(everything.values_list("title", "status")),
        "authors": sorted(
            everything.filter(authors__isnull=False).values_list("title", "authors__display_name")
        ),
        "comments": rows(Comment, "text"),
        "commitments": rows(Commitment, "organisation__name", "text"),
        "votes": rows(Vote, "participant__display_name", "dots"),
    }


def links(arena):
    rows = MeasureLink.objects.filter(arena=arena)
    return sorted(
        (x.kind, x.source.title, x.target.title, x.created_at, x.undone_at is None) for x in rows
    )


def empty_database():
    Arena.objects.all().delete()
    Organisation.objects.all().delete()
    Plan.objects.all().delete()
    assert not Measure.everything.exists()


def test_a_merge_and_the_links_survive_a_round_trip_and_the_merge_can_be_undone_after(
    arena, merged_arena, tmp_path
):
    merged_state, merged_links = state(arena), links(arena)
    assert merged_state["merged_into"] == [("Læreplassformidling", "Felles formidling")]
    first = tmp_path / "first.json"
    call_command("export_arena", arena.slug, "--format", "json", "--output", str(first))
    data = json.loads(first.read_bytes())
    hidden = next(m for m in data["measures"] if m["title"] == "Læreplassformidling")
    assert hidden["contact_name"] == "Ola Kontakt"  # the merged measure is in the backup

    empty_database()
    call_command("import_arena", str(first))
    restored = Arena.objects.get(slug=arena.slug)

    assert state(restored) == merged_state
    assert "Læreplassformidling" not in state(restored)["standing"]  # hidden by the manager
    merged = Measure.everything.get(arena=restored, title="Læreplassformidling")
    assert merged.merged_into.title == "Felles formidling"
    assert (merged.contact_name, merged.contact_email) == ("Ola Kontakt", "ola@example.org")
    assert links(restored) == merged_links
    same = MeasureLink.objects.get(arena=restored, kind="link", undone_at__isnull=True)
    assert (same.source.title, same.target.title) == ("Språkkafé", "Språkkafé på biblioteket")
    assert same.source.group.name == "Bord A"
    # Exporting the restored arena gives the same bytes.
    second = tmp_path / "second.json"
    call_command("export_arena", arena.slug, "--format", "json", "--output", str(second))
    assert second.read_bytes() == first.read_bytes()

    merge = MeasureLink.objects.get(arena=restored, kind="merge")
    linking.link_undo(arena=restored, link_pk=merge.pk, user=None)
    assert state(restored) == merged_arena  # exactly as before the merge


def test_the_merge_records_only_what_is_still_on_the_kept_measure(arena, merged_arena):
    kept = Measure.objects.get(title="Felles formidling")
    Comment.objects.filter(measure=kept, text="Ta med bedriftene").delete()
    Vote.objects.filter(measure=kept, participant__display_name="Kari").delete()  # moved away
    data = arena_backup(arena)
    [merge] = [x for x in data["links"] if x["kind"] == "merge"]
    kept_ref = merge["target"]
    [kept_data] = [m for m in data["measures"] if m["ref"] == kept_ref]
    assert [c["text"] for c in kept_data["comments"]] == ["Ta med skolene", "Og lærlingkontorene"]
    assert merge["moved"]["comments"] == [2]
    assert merge["moved"]["added_dots"] == []  # Kari's vote on the kept measure is gone
    assert merge["moved"]["status"] == "draft"
    assert len(merge["moved"]["votes"]) == len(merge["moved"]["commitments"]) == 1
    assert "created_by" not in merge  # staff accounts are not in the format


def test_a_backup_without_the_new_keys_still_imports(arena, merged_arena, tmp_path):
    old = arena_backup(arena)
    # A backup of before: no links, no references, no merged measures (they were left out).
    old["measures"] = [m for m in old["measures"] if m["merged_into"] is None]
    del old["links"]
    for m in old["measures"]:
        del m["ref"], m["merged_into"]
    empty_database()
    path = tmp_path / "old.json"
    path.write_bytes(render(old))
    call_command("import_arena", str(path))
    restored = Arena.objects.get(slug=arena.slug)
    assert Measure.objects.filter(arena=restored).count() == 4
    assert Measure.everything.filter(arena=restored).count() == 4
    assert not MeasureLink.objects.exists()


def refused(tmp_path, data):
    path = tmp_path / "bad.json"
    path.write_bytes(render(data))
    with pytest.raises(CommandError) as caught:
        call_command("import_arena", str(path))
    assert not Arena.objects.exists()
    assert not MeasureLink.objects.exists()
    return str(caught.value)


@pytest.fixture
def exported(arena, merged_arena):
    data = arena_backup(arena)
    empty_database()
    return data


def _merge(data):
    return next(x for x in data["links"] if x["kind"] == "merge")


def _measure(data, ref):
    return next(m for m in data["measures"] if m["ref"] == ref)


def _changes():
    """(what, change to the data, what the refusal says)."""

    def moved(key, value):
        return lambda d: _merge(d)["moved"].__setitem__(key, value)

    def unmerged(d):
        _measure(d, _merge(d)["source"])["merged_into"] = None

    def chain(d):
        _measure(d, _merge(d)["target"])["merged_into"] = _merge(d)["source"]

    def twice(d):
        d["links"].append(copy.deepcopy(d["links"][0]))

    def to_itself(d):
        d["links"][0]["target"] = d["links"][0]["source"]

    return [
        ("merge without merged_into", unmerged, "er ikke slått sammen med"),
        ("merged into a merged measure", chain, "er selv slått sammen med et annet tiltak"),
        ("merged into nothing", lambda d: d["measures"][0].update(merged_into="M99"), "«M99»"),
        ("link to a missing measure", lambda d: d["links"][0].update(source="M42"), "«M42»"),
        ("link source a list", lambda d: d["links"][0].update(source=["M1"]), "['M1']"),
        ("link to itself", to_itself, "kan ikke kobles til seg selv"),
        ("the same link twice", twice, "er koblet to ganger"),
        ("unknown kind", lambda d: d["links"][0].update(kind="same"), "«link» eller «merge»"),
        ("bad stamp", lambda d: d["links"][0].update(created_at="i går"), "et tidspunkt"),
        ("links not a list", lambda d: d.update(links={"a": 1}), "links: skal være en liste."),
        ("measure ref twice", lambda d: d["measures"][1].update(ref="M1"), "«M1» står to ganger"),
        ("comment out of range", moved("comments", [9]), "det beholdte tiltaket ikke har"),
        ("vote of a stranger", moved("votes", ["D99"]), "det beholdte tiltaket ikke har"),
        ("dots as text", moved("added_dots", [["D1", "to"]]), "par av deltaker og prikker"),
        ("unknown status", moved("status", "done"), "moved.status: er ikke en gyldig status."),
    ]


@pytest.mark.parametrize(("what", "change", "says"), _changes(), ids=[c[0] for c in _changes()])
def test_a_broken_merge_or_link_is_refused_with_a_clear_line(
    exported, tmp_path, what, change, says
):
    data = copy.deepcopy(exported)
    change(data)
    message = refused(tmp_path, data)
    assert says in message, message
    assert "Traceback" not in message
