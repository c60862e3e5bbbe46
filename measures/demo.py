"""Builds the demo arena from `measures.demo_data`. Idempotent: a second run changes nothing."""

import datetime

from django.contrib.auth import get_user_model
from django.db import transaction

from arena.models import (
    Arena,
    ArenaMembership,
    Group,
    Plan,
    PlanGoal,
    ProblemArea,
    ProgramSession,
    TargetGroup,
)
from measures import demo_data as data
from measures.demo_measures import MEASURES
from measures.models import Funding, Indicator, Measure, MeasureActor
from participants.models import Organisation, Participant

# The group-work session participants see as "Nå:" in the demo.
CURRENT_SESSION_TITLE = data.PROGRAM[1][3]


def _time(text):
    return datetime.time.fromisoformat(text)


@transaction.atomic
def demo_arena_seed():
    """Create whatever of the demo arena is missing; return the arena and the staff logins."""
    arena, _ = Arena.objects.get_or_create(
        slug=data.ARENA["slug"],
        defaults={**data.ARENA, "status": Arena.Status.OPEN, "editing_open": True},
    )
    for plan_data in data.PLANS:
        plan, _ = Plan.objects.get_or_create(
            title=plan_data["title"],
            defaults={
                "short_name": plan_data["short_name"],
                "opportunity_area": plan_data["opportunity_area"],
            },
        )
        for order, text in enumerate(plan_data["goals"]):
            PlanGoal.objects.get_or_create(plan=plan, text=text, defaults={"order": order})
        arena.plans.add(plan)

    areas = [
        ProblemArea.objects.get_or_create(arena=arena, title=title, defaults={"order": i})[0]
        for i, title in enumerate(data.PROBLEM_AREAS)
    ]
    targets = [
        TargetGroup.objects.get_or_create(arena=arena, name=name, defaults={"order": i})[0]
        for i, name in enumerate(data.TARGET_GROUPS)
    ]
    organisations = {
        name: Organisation.objects.get_or_create(
            name=name, defaults={"kind": kind, "municipality": municipality, "confirmed": True}
        )[0]
        for name, kind, municipality in data.ORGANISATIONS
    }
    groups = [
        Group.objects.get_or_create(arena=arena, name=name, defaults={"order": i})[0]
        for i, name in enumerate(data.GROUPS)
    ]
    for number, group in enumerate(groups):
        group.problem_areas.add(areas[number % len(areas)])

    for day, start, end, title, kind, allows_editing, instructions in data.PROGRAM:
        ProgramSession.objects.get_or_create(
            arena=arena,
            title=title,
            defaults={
                "day": arena.start_date + datetime.timedelta(days=day),
                "starts_at": _time(start),
                "ends_at": _time(end),
                "kind": kind,
                "allows_editing": allows_editing,
                "instructions": instructions,
            },
        )
    if not arena.sessions.filter(is_current=True).exists():
        arena.sessions.filter(title=CURRENT_SESSION_TITLE).update(is_current=True)

    logins = [_staff_member(arena, *staff) for staff in data.STAFF]

    participants = {}
    for name, organisation, group_index in data.PARTICIPANTS:
        participants[name], _ = Participant.objects.get_or_create(
            arena=arena,
            display_name=name,
            defaults={"organisation": organisations[organisation], "group": groups[group_index]},
        )

    for measure_data in MEASURES:
        if not Measure.objects.filter(arena=arena, title=measure_data["title"]).exists():
            _create_measure(
                arena, measure_data, areas, targets, organisations, groups, participants
            )
    return arena, logins


def _staff_member(arena, username, first_name, last_name, role, password):
    is_admin = role == "admin"
    user, created = get_user_model().objects.get_or_create(
        username=username,
        defaults={
            "first_name": first_name,
            "last_name": last_name,
            "is_staff": is_admin,
            "is_superuser": is_admin,
        },
    )
    if created:
        user.set_password(password)
        user.save(update_fields=["password"])
    if not is_admin:
        ArenaMembership.objects.get_or_create(arena=arena, user=user, defaults={"role": role})
    return username, password, role


def _create_measure(arena, d, areas, targets, organisations, groups, participants):
    start_year, start_term = d.get("start", (None, ""))
    end_year, end_term = d.get("end", (None, ""))
    contact_name, contact_email = d.get("contact", ("", ""))
    author = participants[d["author"]]
    measure = Measure.objects.create(
        arena=arena,
        group=groups[d["group"]],
        title=d["title"],
        direction=d["direction"],
        status=d["status"],
        description=d.get("description", ""),
        way_of_working=d.get("way_of_working", ""),
        arenas_to_develop=d.get("arenas_to_develop", ""),
        arenas_to_discontinue=d.get("arenas_to_discontinue", ""),
        goal=d.get("goal", ""),
        horizon=d.get("horizon", ""),
        start_year=start_year,
        start_term=start_term,
        end_year=end_year,
        end_term=end_term,
        contact_name=contact_name,
        contact_email=contact_email,
        last_edited_by=author,
    )
    measure.problem_areas.set([areas[i] for i in d["problem_areas"]])
    measure.target_groups.set([targets[i] for i in d["target_groups"]])
    measure.authors.add(author)
    for order, (name, role, text) in enumerate(d.get("actors", [])):
        MeasureActor.objects.create(
            measure=measure,
            organisation=organisations[name],
            role_kind=role,
            role_text=text,
            order=order,
        )
    for order, (indicator, target, due) in enumerate(d.get("indicators", [])):
        Indicator.objects.create(
            measure=measure, indicator=indicator, target=target, due=due, order=order
        )
    for order, (name, source, kind, status, amount) in enumerate(d.get("fundings", [])):
        Funding.objects.create(
            measure=measure,
            organisation=organisations.get(name),
            source=source,
            kind=kind,
            status=status,
            amount=amount,
            order=order,
        )
