"""Merges and "samme idé" links in the arena JSON (decisions 49 and 53): written, checked and
restored here, so that a backup keeps a merged measure hidden, its contributors and texts, and
what its merge moved, and an undo after a restore moves back exactly that.

In the file each measure has a reference (`"ref": "M1"`, in list order) and `merged_into` (the
kept measure's reference, or null); `links` lists every `MeasureLink`, undone ones too. A
standing merge carries `moved`, what its undo needs, in the file's own terms: the kept
measure's comments by their place in its `comments` list (1 is the first), its commitments by
organisation, its votes by participant (one of each per measure), the dots added to someone's
vote as [participant, dots], the authors it added, and the kept measure's status before. Only
what is still there is written: an undo skips the rest anyway. Database ids and the staff
accounts that linked or undid (`created_by`, `undone_by`) are left out, as everywhere in the
format. All keys are optional, so that files written before them still import.
"""

from django.core.exceptions import ValidationError
from django.db.models import DateTimeField
from django.utils.translation import gettext as _

from measures.models import Measure, MeasureLink

PREFIX = "M"


def measure_refs(measures):
    return {m.pk: f"{PREFIX}{index}" for index, m in enumerate(measures, start=1)}


# Export -------------------------------------------------------------------------------------


def links_backup(arena, measures, measure_ref, org_ref, person_ref, stamp):
    """The arena's links and merges, oldest first (one query). `measures` are the exported
    ones with their comments, commitments, votes and authors prefetched."""
    by_pk = {m.pk: m for m in measures}
    rows = MeasureLink.objects.filter(arena=arena).order_by("created_at", "id")
    out = []
    for link in rows:
        item = {
            "kind": link.kind,
            "source": measure_ref[link.source_id],
            "target": measure_ref[link.target_id],
            "created_at": stamp(link.created_at),
            "undone_at": stamp(link.undone_at),
        }
        if link.kind == MeasureLink.Kind.MERGE and link.undone_at is None:
            item["moved"] = _moved(link.moved, by_pk[link.target_id], org_ref, person_ref)
        out.append(item)
    return out


def _moved(moved, kept, org_ref, person_ref):
    comments, commitments = set(moved.get("comments", ())), set(moved.get("commitments", ()))
    votes, authors = set(moved.get("votes", ())), set(moved.get("authors", ()))
    on_kept = {v.pk: v for v in kept.votes.all()}
    return {
        "comments": [
            place for place, c in enumerate(kept.comments.all(), start=1) if c.pk in comments
        ],
        "commitments": [
            org_ref[c.organisation_id] for c in kept.commitments.all() if c.pk in commitments
        ],
        "votes": [person_ref[v.participant_id] for v in kept.votes.all() if v.pk in votes],
        "added_dots": [
            [person_ref[on_kept[vote_pk].participant_id], dots]
            for vote_pk, _participant, dots in moved.get("added_dots", ())
            if vote_pk in on_kept
        ],
        "authors": sorted(person_ref[p.pk] for p in kept.authors.all() if p.pk in authors),
        "status": moved.get("status", ""),
    }


# Check --------------------------------------------------------------------------------------


def _is_ref(value, prefix):
    return isinstance(value, str) and value[:1] == prefix and value[1:].isdigit()


def _stamp_ok(value, nullable):
    if value is None:
        return nullable
    if not isinstance(value, str):
        return False
    try:
        return DateTimeField().to_python(value) is not None
    except ValidationError:
        return False


def check(problems, data):
    """Add a line to `problems` for each thing wrong with the measures' references, their
    `merged_into` and the `links` (run once the rest of the file is right)."""
    measures = data["measures"]
    known = {}
    for index, m in enumerate(measures):
        if "ref" not in m:
            continue
        if not _is_ref(m["ref"], PREFIX):
            problems.add(f"measures[{index}].ref", _("skal være en referanse som «M1»."))
        elif m["ref"] in known:
            problems.add(f"measures[{index}].ref", _("«%(ref)s» står to ganger.") % m)
        else:
            known[m["ref"]] = m
    for index, m in enumerate(measures):
        into = m.get("merged_into")
        if into is None:
            continue
        path = f"measures[{index}].merged_into"
        if not isinstance(into, str) or into not in known:
            problems.add(path, _("«%(ref)s» finnes ikke i filen.") % {"ref": str(into)[:40]})
        elif into == m.get("ref"):
            problems.add(path, _("Et tiltak kan ikke være slått sammen med seg selv."))
        elif known[into].get("merged_into") is not None:
            problems.add(
                path,
                _("«%(ref)s» er selv slått sammen med et annet tiltak; slå sammen med det.")
                % {"ref": into},
            )
    links = data.get("links", [])
    if not isinstance(links, list):
        problems.add("links", _("skal være en liste."))
        return
    standing = set()
    for index, link in enumerate(links):
        _link(problems, f"links[{index}]", link, known, standing)


def _link(problems, path, link, known, standing):
    if not isinstance(link, dict):
        problems.add(path, _("skal være et objekt."))
        return
    if link.get("kind") not in MeasureLink.Kind.values:
        problems.add(f"{path}.kind", _("skal være «link» eller «merge»."))
    source, target = (
        link.get(k) if isinstance(link.get(k), str) else None for k in ("source", "target")
    )
    for key, ref in (("source", source), ("target", target)):
        if ref not in known:
            problems.add(
                f"{path}.{key}",
                _("«%(ref)s» finnes ikke i filen.") % {"ref": str(link.get(key))[:40]},
            )
    if not _stamp_ok(link.get("created_at"), nullable=False):
        problems.add(f"{path}.created_at", _("skal være et tidspunkt."))
    if not _stamp_ok(link.get("undone_at"), nullable=True):
        problems.add(f"{path}.undone_at", _("skal være et tidspunkt eller null."))
    if source not in known or target not in known:
        return
    if source == target:
        problems.add(path, _("Et tiltak kan ikke kobles til seg selv."))
        return
    if link.get("undone_at") is not None:
        return
    if (source, target) in standing:
        problems.add(path, _("%(a)s og %(b)s er koblet to ganger.") % {"a": source, "b": target})
    standing.add((source, target))
    if link.get("kind") == MeasureLink.Kind.MERGE:
        if known[source].get("merged_into") != target:
            problems.add(
                path,
                _("%(a)s er ikke slått sammen med %(b)s (se «merged_into»).")
                % {"a": source, "b": target},
            )
        _moved_ok(problems, f"{path}.moved", link.get("moved", {}), known[target])


def _moved_ok(problems, path, moved, kept):
    """What a standing merge moved must name what the kept measure has in the file."""
    if not isinstance(moved, dict):
        problems.add(path, _("skal være et objekt."))
        return
    has = {
        "commitments": [c["organisation"] for c in kept["commitments"]],
        "votes": [v["participant"] for v in kept["votes"]],
        "authors": kept["authors"],
    }
    places = range(1, len(kept["comments"]) + 1)
    fits = {
        "comments": lambda v: isinstance(v, int) and not isinstance(v, bool) and v in places,
        **{key: (lambda v, key=key: isinstance(v, str) and v in has[key]) for key in has},
    }
    for key, fit in fits.items():
        values = moved.get(key, [])
        if not isinstance(values, list) or len({str(v) for v in values}) != len(values):
            problems.add(f"{path}.{key}", _("skal være en liste uten gjentakelser."))
        elif not all(fit(v) for v in values):
            problems.add(f"{path}.{key}", _("nevner noe det beholdte tiltaket ikke har."))
    added = moved.get("added_dots", [])
    ok = isinstance(added, list) and all(
        isinstance(a, list)
        and len(a) == 2
        and a[0] in has["votes"]
        and isinstance(a[1], int)
        and not isinstance(a[1], bool)
        and 1 <= a[1] < 2**31
        for a in added
    )
    if not ok:
        problems.add(f"{path}.added_dots", _("skal være par av deltaker og prikker."))
    if moved.get("status", "") not in ("", *Measure.Status.values):
        problems.add(f"{path}.status", _("er ikke en gyldig status."))


# Import -------------------------------------------------------------------------------------


def restore(arena, data, restored, people, stamp):
    """Set `merged_into` and create the links of `data` (checked by `check`). `restored` is one
    `json_import.Restored` per measure of the file, in its order; `stamp` parses a
    timestamp."""
    by_ref = {
        x["ref"]: made for x, made in zip(data["measures"], restored, strict=True) if "ref" in x
    }
    for x, made in zip(data["measures"], restored, strict=True):
        if x.get("merged_into") is not None:
            kept = by_ref[x["merged_into"]].measure
            Measure.everything.filter(pk=made.measure.pk).update(merged_into=kept)
    for x in data.get("links", []):
        source, target = by_ref[x["source"]], by_ref[x["target"]]
        undone_at = stamp(x.get("undone_at"))
        moved = {}
        if x["kind"] == MeasureLink.Kind.MERGE and undone_at is None:
            moved = _moved_ids(x.get("moved", {}), target, people)
        link = MeasureLink.objects.create(
            arena=arena,
            kind=x["kind"],
            source=source.measure,
            target=target.measure,
            moved=moved,
            undone_at=undone_at,
        )
        MeasureLink.objects.filter(pk=link.pk).update(created_at=stamp(x["created_at"]))


def _moved_ids(moved, kept, people):
    """The file's `moved` as `linking.measure_merge` records it: ids of this database."""
    return {
        "comments": [kept.comments[place - 1] for place in moved.get("comments", [])],
        "commitments": [kept.commitments[ref] for ref in moved.get("commitments", [])],
        "votes": [kept.votes[ref] for ref in moved.get("votes", [])],
        "added_dots": [
            [kept.votes[ref], people[ref].pk, dots] for ref, dots in moved.get("added_dots", [])
        ],
        "authors": [people[ref].pk for ref in moved.get("authors", [])],
        "status": moved.get("status", ""),
    }
