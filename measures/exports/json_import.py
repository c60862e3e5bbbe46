"""Restore an arena from the JSON of `json_export` (format version 1), inside one transaction.

Organisations and plans are shared registries: an existing one with the same name is reused.
Timestamps that Django sets by itself (`auto_now_add`) are written back afterwards with
`update()`, so that a re-export is identical.
"""

import datetime
import json

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models.functions import Lower
from django.utils.translation import gettext as _

from arena.models import Arena, Group, Plan, PlanGoal, ProblemArea, ProgramSession, TargetGroup
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


def _date(value):
    return datetime.date.fromisoformat(value) if value else None


def _stamp(value):
    return datetime.datetime.fromisoformat(value) if value else None


def load(raw):
    data = json.loads(raw)
    if data.get("format") != FORMAT_NAME or data.get("version") != FORMAT_VERSION:
        raise ValidationError(
            _("Filen er ikke en Tiltaksarena-eksport i format %(v)s."),
            code="wrong_format",
            params={"v": FORMAT_VERSION},
        )
    return data


@transaction.atomic
def arena_import(*, data):
    """Create the arena of `data` (from `load`) with everything in it; returns the arena."""
    a = data["arena"]
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
        plan, _created = Plan.objects.get_or_create(
            title=p["title"],
            defaults={k: p[k] for k in ("short_name", "description", "opportunity_area", "url")},
        )
        arena.plans.add(plan)
        for g in p["goals"]:
            goal, _created = PlanGoal.objects.get_or_create(
                plan=plan, text=g["text"], defaults={"order": g["order"]}
            )
            goals[(plan.title, goal.text)] = goal
    for s in data["sessions"]:
        ProgramSession.objects.create(
            arena=arena,
            **{
                **s,
                "day": _date(s["day"]),
                "starts_at": datetime.time.fromisoformat(s["starts_at"]),
                "ends_at": datetime.time.fromisoformat(s["ends_at"]),
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
        orgs[x["ref"]] = existing.first() or Organisation.objects.create(
            name=x["name"], kind=x["kind"], municipality=x["municipality"]
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
    for x in data["measures"]:
        _measure_import(arena, x, groups, areas, targets, goals, orgs, people)
    return arena


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
    measure.plan_goals.set([goals[tuple(pair)] for pair in x["plan_goals"]])
    measure.authors.set([people[r] for r in x["authors"]])
    for a in x["actors"]:
        MeasureActor.objects.create(
            measure=measure, **{**a, "organisation": orgs[a["organisation"]]}
        )
    for i in x["indicators"]:
        Indicator.objects.create(measure=measure, **{**i, "due": _date(i["due"])})
    for f in x["fundings"]:
        Funding.objects.create(
            measure=measure, **{**f, "organisation": orgs.get(f["organisation"])}
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
    for v in x["votes"]:
        Vote.objects.create(measure=measure, participant=people[v["participant"]], dots=v["dots"])
    for c in x["commitments"]:
        commitment = Commitment.objects.create(
            measure=measure,
            organisation=orgs[c["organisation"]],
            participant=people.get(c["participant"]),
            role_kind=c["role_kind"],
            text=c["text"],
        )
        Commitment.objects.filter(pk=commitment.pk).update(created_at=_stamp(c["created_at"]))
    for u in x["followups"]:
        update = FollowUpUpdate.objects.create(
            measure=measure,
            status=u["status"],
            text=u["text"],
            reported_by=u["reported_by"],
            reported_on=_date(u["reported_on"]),
        )
        FollowUpUpdate.objects.filter(pk=update.pk).update(created_at=_stamp(u["created_at"]))
