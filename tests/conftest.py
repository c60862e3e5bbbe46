"""Personas shared by every test: who is asking, and in which arena.

anonymous · participant of group A · participant of group B · participant of another arena ·
facilitator · facilitator of another arena · project lead · admin (superuser).
"""

import pytest
from django.test import Client

from arena.models import ArenaMembership
from tests import factories

PERSONAS = (
    "anonymous",
    "participant_a",
    "participant_b",
    "participant_other_arena",
    "facilitator",
    "facilitator_other_arena",
    "project_lead",
    "admin",
)


@pytest.fixture(autouse=True)
def _empty_cache(django_db_setup, django_db_blocker):
    """The shared cache (the editor's changes feed) outlives a test's rolled-back rows, and ids
    are reused: every test starts with an empty cache (with Redis or the database cache, which
    the database set-up makes reachable)."""
    from django.core.cache import cache

    with django_db_blocker.unblock():
        cache.clear()


@pytest.fixture(autouse=True)
def _default_language():
    """A request leaves its language active in the thread; a service called directly in the
    next test would then answer in English. Every test starts in bokmål."""
    from django.conf import settings
    from django.utils import translation

    translation.activate(settings.LANGUAGE_CODE)
    yield
    translation.activate(settings.LANGUAGE_CODE)


def log_in_participant(client, participant):
    """Put the participant in the client's session, exactly as joining does."""
    session = client.session
    joined = dict(session.get("participants", {}))
    joined[str(participant.arena_id)] = participant.pk
    session["participants"] = joined
    session.save()
    return client


@pytest.fixture
def arena(db):
    return factories.ArenaFactory(title="Arena for økt yrkesdeltagelse", slug="buskerud")


@pytest.fixture
def other_arena(db):
    return factories.ArenaFactory(title="En annen arena", slug="annen")


@pytest.fixture
def group_a(arena):
    return factories.GroupFactory(arena=arena, name="Bord A")


@pytest.fixture
def group_b(arena):
    return factories.GroupFactory(arena=arena, name="Bord B")


@pytest.fixture
def participant_a(arena, group_a):
    return factories.ParticipantFactory(arena=arena, group=group_a, display_name="Aina A")


@pytest.fixture
def participant_b(arena, group_b):
    return factories.ParticipantFactory(arena=arena, group=group_b, display_name="Bjørn B")


@pytest.fixture
def participant_other_arena(other_arena):
    return factories.ParticipantFactory(arena=other_arena, display_name="Olav Annen")


def _member(arena, username, role):
    user = factories.UserFactory(username=username)
    factories.ArenaMembershipFactory(arena=arena, user=user, role=role)
    return user


@pytest.fixture
def facilitator(arena):
    return _member(arena, "fasilitator", ArenaMembership.Role.FACILITATOR)


@pytest.fixture
def facilitator_other_arena(other_arena):
    return _member(other_arena, "fasilitator-annen", ArenaMembership.Role.FACILITATOR)


@pytest.fixture
def project_lead(arena):
    return _member(arena, "prosjektleder", ArenaMembership.Role.PROJECT_LEAD)


@pytest.fixture
def admin_user(db):
    return factories.UserFactory(username="admin", is_staff=True, is_superuser=True)


@pytest.fixture
def persona_client(request, db):
    """`persona_client("participant_a")` → a test client acting as that persona."""

    def make(persona):
        client = Client()
        if persona == "anonymous":
            return client
        if persona.startswith("participant"):
            return log_in_participant(client, request.getfixturevalue(persona))
        fixture = "admin_user" if persona == "admin" else persona
        client.force_login(request.getfixturevalue(fixture))
        return client

    return make


@pytest.fixture
def fac(client, facilitator):
    client.force_login(facilitator)
    return client


@pytest.fixture
def lead(client, project_lead):
    client.force_login(project_lead)
    return client


@pytest.fixture
def staff_client(fac):
    """The facilitator's client, under the name the staff-page tests use."""
    return fac


@pytest.fixture
def lead_client(project_lead):
    """The project lead in a client of their own, beside a facilitator's in the same test."""
    from django.test import Client

    client = Client()
    client.force_login(project_lead)
    return client


@pytest.fixture
def busy_arena(arena, group_a, group_b, participant_a, participant_b):
    """An arena in use: themes, a program, measures with marks."""
    area = factories.ProblemAreaFactory(arena=arena, title="Fullføring i yrkesfag")
    factories.TargetGroupFactory(arena=arena, name="Unge voksne")
    factories.ProgramSessionFactory(arena=arena, title="Gruppearbeid 1", is_current=True)
    measure = factories.MeasureFactory(
        arena=arena,
        group=group_a,
        title="Felles formidling av læreplasser",
        description="Mange lærlingplasser står tomme.",
    )
    measure.problem_areas.add(area)
    factories.MeasureFactory(arena=arena, group=group_b, title="Karriereveiledning for voksne")
    return arena


# --- Issue 10: the job queue (decision 28) ------------------------------------------------
@pytest.fixture
def run_tasks(db):
    """`run_tasks()` runs every queued task that is due with the database worker's own code
    (`manage.py db_worker`'s Worker.run_task), then returns; `run_tasks(later=True)` first makes
    the deferred ones (retries) due. Tests send mail only through this, never in the request.

    Not the command itself: its loop closes "old" connections, which in a test's transaction
    is the test's own connection."""
    from django.utils import timezone
    from django_tasks_db.management.commands.db_worker import Worker
    from django_tasks_db.models import DBTaskResult

    worker = Worker(
        queue_names=["default"],
        interval=0,
        batch=True,
        backend_name="default",
        startup_delay=False,
        max_tasks=None,
        worker_id="test-worker",
        excluded_queue_names=[],
    )

    def run(*, later=False):
        if later:
            DBTaskResult.objects.filter(status="READY").update(run_after=timezone.now())
        for _ in range(1000):
            task = DBTaskResult.objects.ready().filter(backend_name="default").first()
            if task is None:
                return
            task.claim(worker.worker_id)
            worker.run_task(task)
        raise AssertionError("tasks keep queueing tasks")

    return run
