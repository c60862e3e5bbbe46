"""Writes that set up and run an arena. Keyword-only, each inside one transaction."""

from django.db import IntegrityError, transaction
from django.db.models import Max
from django.utils.text import slugify

from arena.access import editor_feed_revoke
from arena.models import (
    Arena,
    ArenaMembership,
    Group,
    Plan,
    PlanGoal,
    ProblemArea,
    ProgramSession,
    TargetGroup,
    generate_join_code,
)
from arena.revisions import arena_revision_bump

# Statuses in which participants may no longer change anything and nothing is "current".
_ENDED_STATUSES = (Arena.Status.CLOSED, Arena.Status.FOLLOW_UP, Arena.Status.ARCHIVED)


# slugify() drops letters it cannot decompose to ASCII; "økt" must become "okt", not "kt".
_NORWEGIAN = str.maketrans({"æ": "ae", "Æ": "Ae", "ø": "o", "Ø": "O", "å": "a", "Å": "A"})


def norwegian_slugify(text):
    return slugify(text.translate(_NORWEGIAN))


def unique_slug(title):
    base = norwegian_slugify(title)[:70].strip("-") or "arena"
    slug, n = base, 2
    while Arena.objects.filter(slug=slug).exists():
        slug, n = f"{base}-{n}", n + 1
    return slug


def unique_join_code(title):
    prefix = norwegian_slugify(title).replace("-", "")[:3]
    while True:
        code = generate_join_code(prefix)
        if not Arena.objects.filter(join_code=code).exists():
            return code


def _touch(arena):
    """Bump the arena's revision: the live screens' ETags are made of it."""
    arena_revision_bump(arena_id=arena.pk)


@transaction.atomic
def arena_create(*, title, start_date, end_date, creator, source=None):
    """A new draft arena whose creator is its facilitator; a copy of `source` if given.

    A copy takes the purpose, venue, privacy text, plans, problem areas, target groups, groups
    and the program shape moved to the new dates — never participants, measures or votes.
    """
    arena = Arena(
        title=title,
        slug=unique_slug(title),
        join_code=unique_join_code(title),
        start_date=start_date,
        end_date=end_date,
        status=Arena.Status.DRAFT,
    )
    if source is not None:
        for field in (
            "purpose",
            "venue",
            "privacy_text",
            "retention_months",
            "default_language",
            "dots_per_participant",
            "groups_assigned",
            "auto_seating",
        ):
            setattr(arena, field, getattr(source, field))
    arena.full_clean()
    arena.save()
    ArenaMembership.objects.create(arena=arena, user=creator, role=ArenaMembership.Role.FACILITATOR)
    if source is not None:
        _copy_contents(source=source, target=arena)
    return arena


def _copy_contents(*, source, target):
    target.plans.set(source.plans.all())
    area_map = {}
    for area in source.problem_areas.all():
        area_map[area.pk] = ProblemArea.objects.create(
            arena=target, title=area.title, description=area.description, order=area.order
        )
    TargetGroup.objects.bulk_create(
        TargetGroup(arena=target, name=tg.name, order=tg.order) for tg in source.target_groups.all()
    )
    shift = target.start_date - source.start_date
    ProgramSession.objects.bulk_create(
        ProgramSession(
            arena=target,
            day=session.day + shift,
            starts_at=session.starts_at,
            ends_at=session.ends_at,
            title=session.title,
            kind=session.kind,
            instructions=session.instructions,
            allows_editing=session.allows_editing,
        )
        for session in source.sessions.all()
    )
    for group in source.groups.prefetch_related("problem_areas"):
        copy = Group.objects.create(arena=target, name=group.name, order=group.order)
        copy.problem_areas.set(area_map[a.pk] for a in group.problem_areas.all())


def copy_end_date(*, source, start_date):
    """A copy lasts as many days as its source unless the facilitator says otherwise."""
    return start_date + (source.end_date - source.start_date)


@transaction.atomic
def arena_set_status(*, arena, status, restart_session=False):
    """Closing (or anything after it) ends editing and the current session, remembering the
    session; the join code stops working through `Arena.is_joinable`. Staff keep reading.

    Reopening a closed arena opens editing again and, with `restart_session`, makes the
    remembered session current again (its own editing switch then decides, decision 43).

    The arena's row is locked and read again first: of two confirmations at once (a double
    tap on «Avslutt»), the second then sees the arena closed and keeps the remembered session,
    instead of remembering none since the first has just ended it."""
    arena.refresh_from_db(
        from_queryset=Arena.objects.select_for_update(),
        fields=["status", "editing_open", "resume_session"],
    )
    reopening = status == Arena.Status.OPEN and arena.status in _ENDED_STATUSES
    update = ["status", "updated_at", "editing_open", "resume_session"]
    if status in _ENDED_STATUSES and arena.status not in _ENDED_STATUSES:
        arena.resume_session = arena.sessions.filter(is_current=True).first()
        arena.editing_open = False
        arena.sessions.filter(is_current=True).update(is_current=False)
    elif status in _ENDED_STATUSES:
        arena.editing_open = False
    elif reopening:
        session = arena.resume_session if restart_session else None
        arena.editing_open = session.allows_editing if session is not None else True
        if session is not None:
            ProgramSession.objects.filter(pk=session.pk).update(is_current=True)
        arena.resume_session = None
    arena.status = status
    arena.save(update_fields=update)
    _touch(arena)
    return arena


@transaction.atomic
def join_code_regenerate(*, arena):
    """A new code; the old one (and posters printed with it) stops working at once."""
    old = arena.join_code
    code = old
    while code == old:
        code = unique_join_code(arena.title)
    arena.join_code = code
    arena.save(update_fields=["join_code", "updated_at"])
    _touch(arena)  # the wall shows the code
    return arena


@transaction.atomic
def session_make_current(*, arena, session):
    """Make `session` the one current session (or none, when `session` is None).

    Editing follows the session's "measures may be created or edited" switch, so that a
    plenary closes editing and a group-work session opens it without a second click.
    """
    # Clear first: the partial unique index forbids two current sessions even for a moment.
    arena.sessions.filter(is_current=True).update(is_current=False)
    update = ["updated_at"]
    if session is not None:
        ProgramSession.objects.filter(pk=session.pk, arena=arena).update(is_current=True)
        arena.editing_open = session.allows_editing
        update.append("editing_open")
    arena.save(update_fields=update)
    _touch(arena)


@transaction.atomic
def arena_set_editing(*, arena, open):
    arena.editing_open = open
    arena.save(update_fields=["editing_open", "updated_at"])
    _touch(arena)


@transaction.atomic
def arena_set_ranking_revealed(*, arena, revealed):
    arena.ranking_revealed = revealed
    arena.save(update_fields=["ranking_revealed", "updated_at"])
    _touch(arena)


def _assign(obj, values):
    """Set the model's own fields from `values` (field name → value, as a form cleans them);
    returns the many-to-many values, which can only be set once the row exists. Keys that
    are not fields of the model (a form's helper fields) are ignored."""
    fields = {f.name for f in obj._meta.concrete_fields}
    many = {f.name for f in obj._meta.many_to_many}
    for name, value in values.items():
        if name in fields:
            setattr(obj, name, value)
    return {name: value for name, value in values.items() if name in many}


@transaction.atomic
def setup_save(*, obj, values):
    """Save a program session, problem area, target group or table, new (`obj` not saved yet,
    with its arena) or existing, with `values`: field name → value; many-to-many fields take
    the rows to link.

    A new problem area, target group or table goes last. The arena is touched so that the
    live screens, which show session and table names, refresh.
    """
    many = _assign(obj, values)
    if obj.pk is None and hasattr(obj, "order"):
        obj.order = next_order(type(obj), obj.arena)
    obj.save()
    for name, rows in many.items():
        getattr(obj, name).set(rows)
    _touch(obj.arena)
    return obj


@transaction.atomic
def session_delete(*, session):
    arena = session.arena
    session.delete()
    _touch(arena)


@transaction.atomic
def ordered_move(*, obj, up):
    """Swap `obj` with its neighbour in its arena's order (problem areas, target groups,
    groups). Orders are renumbered 0..n first, so equal orders from old data still move."""
    siblings = list(type(obj).objects.filter(arena_id=obj.arena_id))
    for index, sibling in enumerate(siblings):
        sibling.order = index
    position = next(i for i, s in enumerate(siblings) if s.pk == obj.pk)
    other = position - 1 if up else position + 1
    if 0 <= other < len(siblings):
        siblings[position].order, siblings[other].order = other, position
    type(obj).objects.bulk_update(siblings, ["order"])
    _touch(obj.arena)


def next_order(model, arena):
    """The order that puts a new problem area, target group or group last."""
    last = model.objects.filter(arena=arena).aggregate(last=Max("order"))["last"]
    return 0 if last is None else last + 1


class InUse(Exception):
    """The object is still used by measures and cannot be removed."""

    def __init__(self, count):
        super().__init__(count)
        self.count = count


@transaction.atomic
def topic_delete(*, topic):
    """Remove a problem area or target group, unless a measure uses it (their answers would
    silently lose a theme)."""
    count = topic.measures.count()
    if count:
        raise InUse(count)
    arena = topic.arena
    topic.delete()
    _touch(arena)


@transaction.atomic
def groups_create(*, arena, names):
    """Add the tables named `names` in one go ("Bord 1" … "Bord 12"), last in the order;
    names the arena already has are skipped, so running it twice adds nothing. Returns the
    new tables."""
    taken = set(arena.groups.filter(name__in=names).values_list("name", flat=True))
    order = next_order(Group, arena)
    fresh = [n for n in dict.fromkeys(names) if n not in taken]
    # ignore_conflicts: a double-clicked submit racing this one must not end in a 500.
    created = Group.objects.bulk_create(
        [Group(arena=arena, name=name, order=order + i) for i, name in enumerate(fresh)],
        ignore_conflicts=True,
    )
    if created:
        _touch(arena)
    return created


@transaction.atomic
def group_delete(*, group):
    """Remove a table that has neither members nor measures."""
    count = group.measures.count() + group.members.count()
    if count:
        raise InUse(count)
    arena = group.arena
    group.delete()
    _touch(arena)


@transaction.atomic
def participants_move(*, arena, participants, group):
    """Move participants of this arena to `group` (or to no table when None)."""
    if group is not None and group.arena_id != arena.pk:
        raise ValueError("group of another arena")
    pks = [p.pk for p in participants]
    moved = arena.participants.filter(pk__in=pks).update(group=group)
    _touch(arena)
    # Their open editors of the old table's measures stop receiving its changes.
    transaction.on_commit(lambda: editor_feed_revoke(pks))
    return moved


def _is_last_facilitator(membership):
    facilitators = membership.arena.memberships.filter(role=ArenaMembership.Role.FACILITATOR)
    return membership.role == ArenaMembership.Role.FACILITATOR and facilitators.count() <= 1


@transaction.atomic
def membership_add(*, arena, user, role):
    """Give a colleague a role in the arena, or change the role they have.

    The last facilitator cannot be made a project lead: nobody could run the arena then."""
    membership = arena.memberships.select_for_update().filter(user=user).first()
    if membership is None:
        try:
            with transaction.atomic():  # a savepoint: the same colleague added twice at once
                return ArenaMembership.objects.create(arena=arena, user=user, role=role)
        except IntegrityError:
            membership = arena.memberships.select_for_update().get(user=user)
    if role != membership.role and _is_last_facilitator(membership):
        raise InUse(1)
    membership.role = role
    membership.save(update_fields=["role"])
    return membership


@transaction.atomic
def membership_remove(*, membership):
    """Remove a colleague; the last facilitator stays, or nobody could run the arena."""
    if _is_last_facilitator(membership):
        raise InUse(1)
    membership.delete()


@transaction.atomic
def plan_goals_set(*, plan, lines):
    """Replace a plan's goals by `lines`, keeping goals that stay (measures link to them)."""
    texts = [line.strip() for line in lines if line.strip()]
    existing = {goal.text: goal for goal in plan.goals.all()}
    for order, text in enumerate(dict.fromkeys(texts)):
        goal = existing.pop(text, None)
        if goal is None:
            PlanGoal.objects.create(plan=plan, text=text, order=order)
        elif goal.order != order:
            PlanGoal.objects.filter(pk=goal.pk).update(order=order)
    unused = [g.pk for g in existing.values() if not g.measures.exists()]
    PlanGoal.objects.filter(pk__in=unused).delete()


@transaction.atomic
def plan_save(*, arena, plan=None, values, goals):
    """Save a plan (a new one when `plan` is None) with `values` (title, short name, …), link
    it to the arena and set its goals from `goals`, one text per goal."""
    plan = plan or Plan()
    _assign(plan, values)
    plan.save()
    arena.plans.add(plan)
    plan_goals_set(plan=plan, lines=goals)
    return plan
