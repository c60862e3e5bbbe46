"""Every URL of the project, asked by every persona, answers as the matrix says."""

from types import SimpleNamespace

import pytest
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from tests import factories
from tests.conftest import PERSONAS
from tests.permission_cases import all_cases

# Django's own admin is tested by Django; its login page is in the browser tests.
EXCLUDED_NAMESPACES = {"admin"}
CASES = all_cases()


def project_url_names(patterns=None, namespace=""):
    names = set()
    for entry in patterns if patterns is not None else get_resolver().url_patterns:
        if isinstance(entry, URLResolver):
            if entry.namespace in EXCLUDED_NAMESPACES:
                continue
            inner = f"{namespace}{entry.namespace}:" if entry.namespace else namespace
            names |= project_url_names(entry.url_patterns, inner)
        elif isinstance(entry, URLPattern) and entry.name:
            names.add(f"{namespace}{entry.name}")
    return names


def test_every_url_name_is_in_the_matrix():
    covered = {case.url_name for case in CASES}
    assert project_url_names() - covered == set()


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


@pytest.mark.parametrize("persona", PERSONAS)
@pytest.mark.parametrize("case", CASES, ids=lambda c: f"{c.method}:{c.url_name}")
def test_permission_matrix(case, persona, persona_client, world):
    client = persona_client(persona)
    url = reverse(case.url_name, kwargs=case.kwargs(world))
    response = getattr(client, case.method)(url, data=case.data(world))
    assert response.status_code == case.expect[persona], (
        f"{persona} {case.method.upper()} {url}: {response.status_code}, "
        f"expected {case.expect[persona]}"
    )
