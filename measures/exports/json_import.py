"""Restore an arena from the JSON of `json_export` (format version 1), inside one transaction.

`load` refuses anything but a file of the documented format (`json_check`: one line per
problem). Organisations and plans are shared registries: an existing one with the same name is
reused as it is, never changed (no goals added to a plan that exists; a measure's goal that the
existing plan lacks is left out, with a warning). Timestamps that Django sets by itself
(`auto_now_add`) are written back afterwards with `update()`, so that a re-export is identical.
"""

import json
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import DateField, DateTimeField, TimeField
from django.db.models.functions import Lower
from django.utils.translation import gettext as _

from arena.models import Arena, Group, Plan, PlanGoal, ProblemArea, ProgramSession, TargetGroup
from arena.text import clean_text
from measures.exports import json_links
from measures.exports.json_check import SECTIONS, check
from measures.exports.json_export import FORMAT_NAME, FORMAT_VERSION
from measures.models import (
    Comment,
    Commitment,
    FollowUpUpdate,
    Funding,
    Indicator,
    Measure,
    MeasureActor,
    Vote,
)
from participants.models import Organisation, Participant


# Parsed as the check parsed them (Django's own parsers accept "2026-3-1" and
# "2026-03-10T09:15"), so nothing the check let through can fail here.
def _date(value):
    return DateField().to_python(value) if value else None


def _stamp(value):
    return DateTimeField().to_python(value) if value else None


def _time(value):
    return TimeField().to_python(value)


MAX_BYTES = 50 * 1024 * 1024  # far more than an arena; a larger file is not an export


def _known(obj, section):
    """Only the documented keys of an object: a key the file adds ("id", "revision") is
    ignored, never passed on to the database."""
    return {k: obj[k] for k in SECTIONS[section][1] if k in obj}


def _cleaned(value):
    """Every string of the file without what no export could write (`clean_text`)."""
    if isinstance(value, str):
        return clean_text(value)
    if isinstance(value, list):
        return [_cleaned(v) for v in value]
    if isinstance(value, dict):
        return {k: _cleaned(v) for k, v in value.items()}
    return value


def load(raw):
    """The file's data, checked; raises ValidationError with one message per problem."""
    if len(raw) > MAX_BYTES:
        raise ValidationError(_("Filen er for stor til å være en arena."), code="too_big")
    try:
        data = json.loads(raw.decode("utf-8"))  # json.loads would guess UTF-16 and -32 too
    except UnicodeDecodeError:
        raise ValidationError(_("Filen er ikke UTF-8."), code="encoding") from None
    except json.JSONDecodeError as error:
        raise ValidationError(
            _("Filen er ikke gyldig JSON (linje %(line)s, kolonne %(col)s)."),
            code="not_json",
            params={"line": error.lineno, "col": error.colno},
        ) from None
    except RecursionError:
        raise ValidationError(_("Filen er nøstet for dypt."), code="too_deep") from None
    if (
        not isinstance(data, dict)
        or data.get("format") != FORMAT_NAME
        or data.get("version") != FORMAT_VERSION
    ):
        raise ValidationError(
            _("Filen er ikke en Tiltaksarena-eksport i format %(v)s."),
            code="wrong_format",
            params={"v": FORMAT_VERSION},
        )
    data = _cleaned(data)
    problems = check(data)
    if problems:
        raise ValidationError([ValidationError(p, code="invalid") for p in problems])
    return data


@transaction.atomic
def arena_import(*, data, warnings=None):
    """Create the arena of `data` (from `load`) with everything in it; returns the arena.
    What was left out to keep shared objects as they are is appended to `warnings`."""
    warnings = [] if warnings is None else warnings
    a = _known(data["arena"], "arena")
    if Arena.objects.filter(slug=a["slug"]).exists():
        raise ValidationError(
            _("Det finnes allerede en arena med kortadressen «%(slug)s»."),
            code="slug_taken",
            params={"slug": a["slug"]},
        )
    arena = Arena.objects.create(
        **{**a, "start_date": _date(a["start_date"]), "end_date": _date(a["end_date"])}
    )
    goals = {}
    for p in data["plans"]:
        plan = Plan.objects.filter(title=p["title"]).first()
        if plan is None:
            plan = Plan.objects.create(
                title=p["title"],
                **{k: p[k] for k in ("short_name", "description", "opportunity_area", "url")},
            )
            for g in p["goals"]:
                PlanGoal.objects.create(plan=plan, text=g["text"], order=g["order"])
        arena.plans.add(plan)
        # An existing plan is shared with other arenas: used as it is, goals and all.
        have = {goal.text: goal for goal in plan.goals.all()}
        for g in p["goals"]:
            if g["text"] in have:
                goals[(plan.title, g["text"])] = have[g["text"]]
            else:
                warnings.append(
                    _("Planen «%(plan)s» finnes fra før uten målet «%(goal)s»; målet er utelatt.")
                    % {"plan": plan.title, "goal": g["text"]}
                )
    for s in data["sessions"]:
        ProgramSession.objects.create(
            arena=arena,
            **{
                **_known(s, "sessions"),
                "day": _date(s["day"]),
                "starts_at": _time(s["starts_at"]),
                "ends_at": _time(s["ends_at"]),
            },
        )
    areas = {
        x["ref"]: ProblemArea.objects.create(
            arena=arena, title=x["title"], description=x["description"], order=x["order"]
        )
        for x in data["problem_areas"]
    }
    targets = {
        x["ref"]: TargetGroup.objects.create(arena=arena, name=x["name"], order=x["order"])
        for x in data["target_groups"]
    }
    groups = {}
    for x in data["groups"]:
        group = Group.objects.create(arena=arena, name=x["name"], order=x["order"])
        group.problem_areas.set([areas[r] for r in x["problem_areas"]])
        groups[x["ref"]] = group
    orgs = {}
    for x in data["organisations"]:
        existing = Organisation.objects.filter(name__iexact=x["name"]).order_by(Lower("name"))
        # A new one joins the registry as the arena's own, unconfirmed (decision 30): offered
        # in this arena at once, elsewhere once staff confirm it.
        orgs[x["ref"]] = existing.first() or Organisation.objects.create(
            name=x["name"], kind=x["kind"], municipality=x["municipality"], added_in=arena
        )
    people = {}
    for x in data["participants"]:
        person = Participant.objects.create(
            arena=arena,
            display_name=x["display_name"],
            organisation=orgs[x["organisation"]],
            group=groups.get(x["group"]),
            email=x["email"],
            consents_to_followup=x["consents_to_followup"],
        )
        Participant.objects.filter(pk=person.pk).update(joined_at=_stamp(x["joined_at"]))
        people[x["ref"]] = person
    restored = [
        _measure_import(arena, x, groups, areas, targets, goals, orgs, people)
        for x in data["measures"]
    ]
    json_links.restore(arena, data, restored, people, _stamp)
    return arena


@dataclass
class Restored:
    """A measure as imported, with the ids of its rows by the file's terms (for a merge's
    `moved`): comments in the file's order, votes by participant, commitments by organisation."""

    measure: Measure
    comments: list = field(default_factory=list)
    votes: dict = field(default_factory=dict)
    commitments: dict = field(default_factory=dict)


def _measure_import(arena, x, groups, areas, targets, goals, orgs, people):
    fields = [
        "title",
        "direction",
        "status",
        "version",
        "description",
        "way_of_working",
        "arenas_to_develop",
        "arenas_to_discontinue",
        "goal",
        "horizon",
        "start_year",
        "start_term",
        "end_year",
        "end_term",
        "contact_name",
        "contact_email",
    ]
    measure = Measure.objects.create(
        arena=arena,
        group=groups.get(x["group"]),
        last_edited_by=people.get(x["last_edited_by"]),
        submitted_at=_stamp(x["submitted_at"]),
        **{f: x[f] for f in fields},
    )
    Measure.objects.filter(pk=measure.pk).update(created_at=_stamp(x["created_at"]))
    measure.problem_areas.set([areas[r] for r in x["problem_areas"]])
    measure.target_groups.set([targets[r] for r in x["target_groups"]])
    measure.plan_goals.set([goals[tuple(p)] for p in x["plan_goals"] if tuple(p) in goals])
    measure.authors.set([people[r] for r in x["authors"]])
    made = Restored(measure)
    for a in x["actors"]:
        MeasureActor.objects.create(
            measure=measure, **_known(a, "actors"), organisation=orgs[a["organisation"]]
        )
    for i in x["indicators"]:
        Indicator.objects.create(
            measure=measure, **{**_known(i, "indicators"), "due": _date(i["due"])}
        )
    for f in x["fundings"]:
        Funding.objects.create(
            measure=measure, **_known(f, "fundings"), organisation=orgs.get(f["organisation"])
        )
    for c in x["comments"]:
        comment = Comment.objects.create(
            measure=measure,
            participant=people.get(c["participant"]),
            author_name=c["author_name"],
            text=c["text"],
            hidden=c["hidden"],
        )
        Comment.objects.filter(pk=comment.pk).update(created_at=_stamp(c["created_at"]))
        made.comments.append(comment.pk)
    for v in x["votes"]:
        vote = Vote.objects.create(
            measure=measure, participant=people[v["participant"]], dots=v["dots"]
        )
        made.votes[v["participant"]] = vote.pk
    for c in x["commitments"]:
        commitment = Commitment.objects.create(
            measure=measure,
            organisation=orgs[c["organisation"]],
            participant=people.get(c["participant"]),
            role_kind=c["role_kind"],
            text=c["text"],
        )
        Commitment.objects.filter(pk=commitment.pk).update(created_at=_stamp(c["created_at"]))
        made.commitments[c["organisation"]] = commitment.pk
    for u in x["followups"]:
        update = FollowUpUpdate.objects.create(
            measure=measure,
            status=u["status"],
            text=u["text"],
            reported_by=u["reported_by"],
            reported_on=_date(u["reported_on"]),
        )
        FollowUpUpdate.objects.filter(pk=update.pk).update(created_at=_stamp(u["created_at"]))
    return made
