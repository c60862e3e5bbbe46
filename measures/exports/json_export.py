"""JSON: the whole arena as a documented, versioned document (see docs/json-format.md).

Objects refer to each other by local references ("O1", "P3"), never by database ids, so that
export → import into an empty database → export gives the same bytes. Secrets (resume and
follow-up tokens) and staff accounts are left out.
"""

import json
from datetime import UTC

from django.db.models import Prefetch

from arena.models import Group, Plan
from measures.exports import json_links
from measures.models import Comment, Commitment, FollowUpUpdate, Measure, Vote
from participants.models import Participant

FORMAT_NAME = "tiltaksarena-arena"
FORMAT_VERSION = 1


def _date(value):
    return value.isoformat() if value else None


def _stamp(value):
    """Timestamps in UTC, to the microsecond, so that a round trip changes nothing."""
    return value.astimezone(UTC).isoformat() if value else None


def _refs(prefix, objects):
    return {obj.pk: f"{prefix}{index}" for index, obj in enumerate(objects, start=1)}


def arena_backup(arena):
    """The arena and everything in it as plain data, in a fixed number of queries (21): merged
    measures too (`Measure.everything`), with the merges and links (`json_links`)."""
    plans = list(Plan.objects.filter(arenas=arena).prefetch_related("goals").order_by("title"))
    sessions = list(arena.sessions.order_by("day", "starts_at", "id"))
    areas = list(arena.problem_areas.order_by("order", "id"))
    targets = list(arena.target_groups.order_by("order", "id"))
    groups = list(
        Group.objects.filter(arena=arena).prefetch_related("problem_areas").order_by("order", "id")
    )
    participants = list(
        Participant.objects.filter(arena=arena)
        .select_related("organisation")
        .order_by("joined_at", "id")
    )
    measures = list(
        Measure.everything.filter(arena=arena)
        .with_rows()
        .prefetch_related(
            "target_groups",
            "plan_goals__plan",
            "authors",
            Prefetch("votes", queryset=Vote.objects.order_by("participant__joined_at", "id")),
            Prefetch("commitments", queryset=Commitment.objects.select_related("organisation")),
            Prefetch("comments", queryset=Comment.objects.order_by("created_at", "id")),
            Prefetch("followups", queryset=FollowUpUpdate.objects.order_by("created_at", "id")),
        )
        .order_by("created_at", "id")
    )
    organisations = {p.organisation.pk: p.organisation for p in participants}
    for m in measures:
        organisations.update({a.organisation.pk: a.organisation for a in m.actors.all()})
        organisations.update(
            {f.organisation.pk: f.organisation for f in m.fundings.all() if f.organisation}
        )
        organisations.update({c.organisation.pk: c.organisation for c in m.commitments.all()})
    organisations = sorted(organisations.values(), key=lambda o: (o.name.casefold(), o.pk))

    org_ref = _refs("O", organisations)
    area_ref = _refs("P", areas)
    target_ref = _refs("T", targets)
    group_ref = _refs("G", groups)
    person_ref = _refs("D", participants)
    measure_ref = json_links.measure_refs(measures)
    refs = (org_ref, area_ref, target_ref, group_ref, person_ref, measure_ref)
    return {
        "format": FORMAT_NAME,
        "version": FORMAT_VERSION,
        "arena": {
            "title": arena.title,
            "slug": arena.slug,
            "purpose": arena.purpose,
            "venue": arena.venue,
            "start_date": _date(arena.start_date),
            "end_date": _date(arena.end_date),
            "status": arena.status,
            "join_code": arena.join_code,
            "editing_open": arena.editing_open,
            "groups_assigned": arena.groups_assigned,
            "auto_seating": arena.auto_seating,
            "dots_per_participant": arena.dots_per_participant,
            "ranking_revealed": arena.ranking_revealed,
            "privacy_text": arena.privacy_text,
            "retention_months": arena.retention_months,
            "followup_months": arena.followup_months,
            "default_language": arena.default_language,
        },
        "plans": [
            {
                "title": p.title,
                "short_name": p.short_name,
                "description": p.description,
                "opportunity_area": p.opportunity_area,
                "url": p.url,
                "goals": [{"text": g.text, "order": g.order} for g in p.goals.all()],
            }
            for p in plans
        ],
        "sessions": [
            {
                "day": _date(s.day),
                "starts_at": s.starts_at.isoformat(),
                "ends_at": s.ends_at.isoformat(),
                "title": s.title,
                "kind": s.kind,
                "instructions": s.instructions,
                "allows_editing": s.allows_editing,
                "is_current": s.is_current,
            }
            for s in sessions
        ],
        "problem_areas": [
            {
                "ref": area_ref[a.pk],
                "title": a.title,
                "description": a.description,
                "order": a.order,
            }
            for a in areas
        ],
        "target_groups": [
            {"ref": target_ref[t.pk], "name": t.name, "order": t.order} for t in targets
        ],
        "groups": [
            {
                "ref": group_ref[g.pk],
                "name": g.name,
                "order": g.order,
                "problem_areas": [area_ref[a.pk] for a in g.problem_areas.all()],
            }
            for g in groups
        ],
        "organisations": [
            {"ref": org_ref[o.pk], "name": o.name, "kind": o.kind, "municipality": o.municipality}
            for o in organisations
        ],
        "participants": [
            {
                "ref": person_ref[p.pk],
                "display_name": p.display_name,
                "organisation": org_ref[p.organisation_id],
                "group": group_ref.get(p.group_id),
                "email": p.email,
                "consents_to_followup": p.consents_to_followup,
                "joined_at": _stamp(p.joined_at),
            }
            for p in participants
        ],
        "measures": [_measure(m, *refs) for m in measures],
        "links": json_links.links_backup(arena, measures, measure_ref, org_ref, person_ref, _stamp),
    }


def _measure(m, org_ref, area_ref, target_ref, group_ref, person_ref, measure_ref):
    return {
        "ref": measure_ref[m.pk],
        "title": m.title,
        "group": group_ref.get(m.group_id),
        "merged_into": measure_ref.get(m.merged_into_id),
        "problem_areas": sorted(area_ref[a.pk] for a in m.problem_areas.all()),
        "target_groups": sorted(target_ref[t.pk] for t in m.target_groups.all()),
        "direction": m.direction,
        "plan_goals": sorted([g.plan.title, g.text] for g in m.plan_goals.all()),
        "status": m.status,
        "version": m.version,
        "description": m.description,
        "way_of_working": m.way_of_working,
        "arenas_to_develop": m.arenas_to_develop,
        "arenas_to_discontinue": m.arenas_to_discontinue,
        "goal": m.goal,
        "horizon": m.horizon,
        "start_year": m.start_year,
        "start_term": m.start_term,
        "end_year": m.end_year,
        "end_term": m.end_term,
        "contact_name": m.contact_name,
        "contact_email": m.contact_email,
        "authors": sorted(person_ref[p.pk] for p in m.authors.all()),
        "last_edited_by": person_ref.get(m.last_edited_by_id),
        "created_at": _stamp(m.created_at),
        "submitted_at": _stamp(m.submitted_at),
        "actors": [
            {
                "organisation": org_ref[a.organisation_id],
                "role_kind": a.role_kind,
                "role_text": a.role_text,
                "order": a.order,
            }
            for a in m.actors.all()
        ],
        "indicators": [
            {"indicator": i.indicator, "target": i.target, "due": _date(i.due), "order": i.order}
            for i in m.indicators.all()
        ],
        "fundings": [
            {
                "organisation": org_ref.get(f.organisation_id),
                "source": f.source,
                "kind": f.kind,
                "status": f.status,
                "amount": int(f.amount) if f.amount is not None else None,
                "order": f.order,
            }
            for f in m.fundings.all()
        ],
        "comments": [
            {
                "participant": person_ref.get(c.participant_id),
                "author_name": c.author_name,
                "text": c.text,
                "hidden": c.hidden,
                "created_at": _stamp(c.created_at),
            }
            for c in m.comments.all()
        ],
        "votes": [
            {"participant": person_ref[v.participant_id], "dots": v.dots} for v in m.votes.all()
        ],
        "commitments": [
            {
                "organisation": org_ref[c.organisation_id],
                "participant": person_ref.get(c.participant_id),
                "role_kind": c.role_kind,
                "text": c.text,
                "created_at": _stamp(c.created_at),
            }
            for c in m.commitments.all()
        ],
        "followups": [
            {
                "status": u.status,
                "text": u.text,
                "reported_by": u.reported_by,
                "reported_on": _date(u.reported_on),
                "created_at": _stamp(u.created_at),
            }
            for u in m.followups.all()
        ],
    }


def render(backup):
    return json.dumps(backup, ensure_ascii=False, indent=2, sort_keys=False).encode("utf-8") + b"\n"
