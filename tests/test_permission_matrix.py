"""Every URL of the project, asked by every persona, answers as the matrix says.

One test per case (URL name × method × arguments): the world is built once for it, and each
persona asks inside a savepoint that is rolled back afterwards, so every persona sees the same
world (as Django's `TestCase.setUpTestData` does) without paying for building it eight times.
Each persona is its own subtest: a failing one is reported on its own and names itself.
"""

import copy
import re
from contextlib import contextmanager
from types import SimpleNamespace

import pytest
from django.conf import settings
from django.db import connection, transaction
from django.shortcuts import resolve_url
from django.test.utils import CaptureQueriesContext
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from tests import factories
from tests.conftest import PERSONAS
from tests.permission_cases import all_cases

# Django's own admin is tested by Django; its login page is in the browser tests.
EXCLUDED_NAMESPACES = {"admin"}
CASES = all_cases()
# A refused request may still touch its own session (language, "next"), nothing else.
WRITE = re.compile(r"^\s*(INSERT|UPDATE|DELETE|REPLACE)\b", re.IGNORECASE)
SESSION_TABLE = "django_session"


def project_url_patterns(patterns=None, namespace=""):
    """`{url name: route}` for every named URL of the project."""
    found = {}
    for entry in patterns if patterns is not None else get_resolver().url_patterns:
        if isinstance(entry, URLResolver):
            if entry.namespace in EXCLUDED_NAMESPACES:
                continue
            inner = f"{namespace}{entry.namespace}:" if entry.namespace else namespace
            found |= {
                name: str(entry.pattern) + route
                for name, route in project_url_patterns(entry.url_patterns, inner).items()
            }
        elif isinstance(entry, URLPattern) and entry.name:
            found[f"{namespace}{entry.name}"] = str(entry.pattern)
    return found


def project_url_names():
    return set(project_url_patterns())


def test_every_url_name_is_in_the_matrix():
    covered = {case.url_name for case in CASES}
    assert project_url_names() - covered == set()


def test_every_url_that_takes_a_primary_key_has_a_wrong_arena_case():
    takes_pk = {name for name, route in project_url_patterns().items() if "pk>" in route}
    covered = {case.url_name for case in CASES if case.label == "wrong-arena"}
    assert takes_pk - covered == set()


@pytest.fixture(autouse=True)
def _no_rate_limits(settings):
    """Eight personas ask from one address in one test: the matrix is about who may do what;
    how often is tests/arena/test_limits.py's."""
    settings.RATELIMIT_ENABLE = False


@pytest.fixture
def world(
    arena,
    other_arena,
    group_a,
    group_b,
    participant_a,
    participant_b,
    participant_other_arena,
    facilitator,
    facilitator_other_arena,
    project_lead,
    admin_user,
):
    """The objects the URLs point at; cases build what else they need from it."""
    return SimpleNamespace(
        arena=arena,
        other_arena=other_arena,
        group_a=group_a,
        group_b=group_b,
        participant_a=participant_a,
        participant_b=participant_b,
        measure_a=factories.MeasureFactory(arena=arena, group=group_a, title="Tiltak A"),
        measure_b=factories.MeasureFactory(arena=arena, group=group_b, title="Tiltak B"),
        measure_other_arena=factories.MeasureFactory(arena=other_arena, title="Tiltak annen"),
    )


@contextmanager
def rolled_back():
    """Whatever happens inside is undone."""
    with transaction.atomic():
        try:
            yield
        finally:
            transaction.set_rollback(True)


def writes(queries):
    """The statements that changed a table other than the session's.

    Watching the statements instead of comparing every table before and after costs no query,
    and it also catches a write that a later statement undid.
    """
    return [
        query["sql"]
        for query in queries
        if WRITE.match(query["sql"]) and SESSION_TABLE not in query["sql"]
    ]


def refused(response):
    """Not found, forbidden, or sent to log in."""
    login = resolve_url(settings.LOGIN_URL)
    return response.status_code in (403, 404) or (
        response.status_code == 302 and response.url.startswith(login)
    )


def ask(case, persona, persona_client, world):
    client = persona_client(persona)
    url = reverse(case.url_name, kwargs=case.kwargs(world))
    with CaptureQueriesContext(connection) as captured:
        response = getattr(client, case.method)(url, data=case.data(world))
    where = f"{persona} {case.method.upper()} {url}"
    assert response.status_code == case.expect[persona], (
        f"{where}: {response.status_code}, expected {case.expect[persona]}"
    )
    # Refused, or pointed at another arena's object: nothing may change.
    if refused(response) or case.label == "wrong-arena":
        assert writes(captured.captured_queries) == [], f"{where} changed the database"


@pytest.mark.parametrize("case", CASES, ids=lambda c: c.test_id)
def test_permission_matrix(case, subtests, persona_client, world):
    for persona in PERSONAS:
        # A copy of the instances too: a case's `kwargs` may change one before saving it.
        with subtests.test(persona=persona), rolled_back():
            ask(case, persona, persona_client, copy.deepcopy(world))


@pytest.mark.django_db
def test_the_write_watch_sees_a_write_but_not_a_session_save(client):
    with CaptureQueriesContext(connection) as captured:
        factories.OrganisationFactory()
    assert writes(captured.captured_queries) != []
    with CaptureQueriesContext(connection) as captured:
        session = client.session
        session["language"] = "nn"
        session.save()
    assert writes(captured.captured_queries) == []
