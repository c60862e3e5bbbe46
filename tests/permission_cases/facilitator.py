"""Cases for the facilitator pages: setting an arena up and running it live.

Reading is for every member of the arena (facilitators and project leads); writes that change
the set-up or run the day are for facilitators only, so a project lead gets 404 on them, just
like a facilitator of another arena.
"""

from tests import factories
from tests.permission_cases import Case, refused_for_staff, staff, wrong_arena

# Creating an arena needs an account but no arena: every staff user may.
ANY_STAFF = {**staff(200), "facilitator_other_arena": 200}
FACILITATOR_PAGE = staff(200, project_lead=404)
FACILITATOR_POST = staff(302, project_lead=404)


def slug(world):
    return {"slug": world.arena.slug}


def session(world):
    return {"slug": world.arena.slug, "pk": factories.ProgramSessionFactory(arena=world.arena).pk}


def problem_area(world):
    area = factories.ProblemAreaFactory(arena=world.arena)
    return {"slug": world.arena.slug, "kind": "problemstilling", "pk": area.pk}


def plan(world):
    linked = factories.PlanFactory()
    world.arena.plans.add(linked)
    return {"slug": world.arena.slug, "pk": linked.pk}


def lead_membership(world):
    membership = world.arena.memberships.get(role="project_lead")
    return {"slug": world.arena.slug, "pk": membership.pk}


def group(world):
    return {"slug": world.arena.slug, "pk": world.group_a.pk}


# An object of the other arena under this arena's slug, one builder per kind of object.
def other_session(world):
    pk = factories.ProgramSessionFactory(arena=world.other_arena).pk
    return {"slug": world.arena.slug, "pk": pk}


def other_problem_area(world):
    area = factories.ProblemAreaFactory(arena=world.other_arena)
    return {"slug": world.arena.slug, "kind": "problemstilling", "pk": area.pk}


def other_plan(world):
    linked = factories.PlanFactory()
    world.other_arena.plans.add(linked)
    return {"slug": world.arena.slug, "pk": linked.pk}


def other_membership(world):
    membership = world.other_arena.memberships.get(role="facilitator")
    return {"slug": world.arena.slug, "pk": membership.pk}


def other_group(world):
    pk = factories.GroupFactory(arena=world.other_arena).pk
    return {"slug": world.arena.slug, "pk": pk}


GONE = refused_for_staff()
# Pages that only answer GET: whoever has no account is sent to log in first.
GET_ONLY = {**staff(405), "facilitator_other_arena": 405}


CASES = [
    Case("arena:arena-create", ANY_STAFF),
    Case("arena:arena-create", ANY_STAFF, method="post"),
    Case("arena:arena-detail", staff(200), kwargs=slug),
    Case("arena:arena-edit", FACILITATOR_PAGE, kwargs=slug),
    Case("arena:arena-edit", FACILITATOR_PAGE, method="post", kwargs=slug),
    Case(
        "arena:arena-status",
        FACILITATOR_POST,
        method="post",
        kwargs=slug,
        data=lambda world: {"status": "closed", "confirmed": "1"},
    ),
    Case(  # the first step: what the change will do, nothing changed yet
        "arena:arena-status",
        FACILITATOR_PAGE,
        method="post",
        kwargs=slug,
        data=lambda world: {"status": "closed"},
        label="confirm",
    ),
    Case("arena:joincode-regenerate", FACILITATOR_POST, method="post", kwargs=slug),
    Case("arena:poster", staff(200), kwargs=slug),
    Case("arena:membership-list", staff(200), kwargs=slug),
    Case("arena:membership-list", FACILITATOR_PAGE, method="post", kwargs=slug),
    Case("arena:membership-delete", FACILITATOR_POST, method="post", kwargs=lead_membership),
    Case("arena:plan-list", staff(200), kwargs=slug),
    Case("arena:plan-create", FACILITATOR_PAGE, kwargs=slug),
    Case("arena:plan-edit", FACILITATOR_PAGE, kwargs=plan),
    Case("arena:program", staff(200), kwargs=slug),
    Case("arena:session-create", FACILITATOR_PAGE, kwargs=slug),
    Case("arena:session-create", FACILITATOR_PAGE, method="post", kwargs=slug),
    Case("arena:session-edit", FACILITATOR_PAGE, kwargs=session),
    Case("arena:session-delete", FACILITATOR_POST, method="post", kwargs=session),
    Case("arena:topic-list", staff(200), kwargs=slug),
    Case(
        "arena:topic-create",
        FACILITATOR_PAGE,
        kwargs=lambda world: {"slug": world.arena.slug, "kind": "malgruppe"},
    ),
    Case("arena:topic-edit", FACILITATOR_PAGE, kwargs=problem_area),
    Case(
        "arena:topic-move",
        FACILITATOR_POST,
        method="post",
        kwargs=problem_area,
        data=lambda world: {"direction": "opp"},
    ),
    Case("arena:topic-delete", FACILITATOR_POST, method="post", kwargs=problem_area),
    Case("arena:group-list", staff(200), kwargs=slug),
    Case("arena:group-list", FACILITATOR_PAGE, method="post", kwargs=slug),
    Case("arena:group-create", FACILITATOR_PAGE, kwargs=slug),
    Case("arena:group-create-many", FACILITATOR_PAGE, kwargs=slug),
    Case(
        "arena:group-create-many",
        FACILITATOR_POST,
        method="post",
        kwargs=slug,
        data=lambda world: {"prefix_name": "Bord", "first": 1, "last": 3},
    ),
    Case("arena:group-edit", FACILITATOR_PAGE, kwargs=group),
    Case(
        "arena:group-move",
        FACILITATOR_POST,
        method="post",
        kwargs=group,
        data=lambda world: {"direction": "ned"},
    ),
    Case("arena:group-delete", FACILITATOR_POST, method="post", kwargs=group),
    Case("measures:facilitation", staff(200), kwargs=slug),
    Case("measures:facilitation-live", staff(200), kwargs=slug),
    Case(
        "arena:session-current",
        FACILITATOR_POST,
        method="post",
        kwargs=slug,
        data=lambda world: {"session": ""},
    ),
    Case(
        "arena:editing-toggle",
        FACILITATOR_POST,
        method="post",
        kwargs=slug,
        data=lambda world: {"value": "0"},
    ),
    Case(
        "arena:ranking-toggle",
        FACILITATOR_POST,
        method="post",
        kwargs=slug,
        data=lambda world: {"value": "1"},
    ),
    Case("measures:wall", staff(200), kwargs=slug),
    Case("measures:wall-live", staff(200), kwargs=slug),
    # POST where the matrix above has only GET: the pages answer POST as GET, or show their
    # form again with its errors, or refuse the method.
    Case("arena:arena-detail", staff(200), method="post", kwargs=slug),
    Case("arena:poster", staff(200), method="post", kwargs=slug),
    Case("arena:plan-list", staff(200), method="post", kwargs=slug),
    Case("arena:plan-create", FACILITATOR_PAGE, method="post", kwargs=slug),
    Case("arena:plan-edit", FACILITATOR_PAGE, method="post", kwargs=plan),
    Case("arena:program", staff(200), method="post", kwargs=slug),
    Case("arena:session-edit", FACILITATOR_PAGE, method="post", kwargs=session),
    Case("arena:topic-list", staff(200), method="post", kwargs=slug),
    Case(
        "arena:topic-create",
        FACILITATOR_PAGE,
        method="post",
        kwargs=lambda world: {"slug": world.arena.slug, "kind": "malgruppe"},
    ),
    Case("arena:topic-edit", FACILITATOR_PAGE, method="post", kwargs=problem_area),
    Case("arena:group-create", FACILITATOR_PAGE, method="post", kwargs=slug),
    Case("arena:group-edit", FACILITATOR_PAGE, method="post", kwargs=group),
    Case("measures:facilitation", staff(200), method="post", kwargs=slug),
    Case("measures:facilitation-live", GET_ONLY, method="post", kwargs=slug),
    Case("measures:wall", staff(200), method="post", kwargs=slug),
    Case("measures:wall-live", GET_ONLY, method="post", kwargs=slug),
]

CASES += [
    wrong_arena("arena:membership-delete", other_membership, method="post", expect=GONE),
    wrong_arena("arena:plan-edit", other_plan, expect=GONE),
    wrong_arena("arena:plan-edit", other_plan, method="post", expect=GONE),
    wrong_arena("arena:session-edit", other_session, expect=GONE),
    wrong_arena("arena:session-edit", other_session, method="post", expect=GONE),
    wrong_arena("arena:session-delete", other_session, method="post", expect=GONE),
    wrong_arena("arena:topic-edit", other_problem_area, expect=GONE),
    wrong_arena("arena:topic-edit", other_problem_area, method="post", expect=GONE),
    wrong_arena(
        "arena:topic-move",
        other_problem_area,
        method="post",
        data=lambda world: {"direction": "opp"},
        expect=GONE,
    ),
    wrong_arena("arena:topic-delete", other_problem_area, method="post", expect=GONE),
    wrong_arena("arena:group-edit", other_group, expect=GONE),
    wrong_arena("arena:group-edit", other_group, method="post", expect=GONE),
    wrong_arena(
        "arena:group-move",
        other_group,
        method="post",
        data=lambda world: {"direction": "ned"},
        expect=GONE,
    ),
    wrong_arena("arena:group-delete", other_group, method="post", expect=GONE),
]


def with_current_session(world):
    """The timer is the current session's: one is made current for the case."""
    factories.ProgramSessionFactory(arena=world.arena, is_current=True)
    return slug(world)


# The projector and the room (decisions 40, 41): everyone of the arena's staff watches the
# projector; only facilitators drive it, run the timer and message the phones.
CASES += [
    Case("measures:projector", staff(200), kwargs=slug),
    Case("measures:projector", staff(200), method="post", kwargs=slug),
    Case("measures:projector-live", staff(200), kwargs=slug),
    Case("measures:projector-live", GET_ONLY, method="post", kwargs=slug),
    Case(
        "measures:projector-control",
        FACILITATOR_POST,
        method="post",
        kwargs=slug,
        data=lambda world: {"mode": "timer"},
    ),
    Case("measures:projector-control", GET_ONLY, kwargs=slug),
    Case(
        "measures:broadcast",
        FACILITATOR_POST,
        method="post",
        kwargs=slug,
        data=lambda world: {"text": "5 minutter igjen"},
    ),
    Case("measures:broadcast", GET_ONLY, kwargs=slug),
    Case(
        "arena:session-timer",
        FACILITATOR_POST,
        method="post",
        kwargs=with_current_session,
        data=lambda world: {"action": "start"},
    ),
    Case("arena:session-timer", GET_ONLY, kwargs=slug),
]
