import pytest

from tests import factories
from tests.conftest import log_in_participant


@pytest.fixture
def measure_a(arena, group_a, participant_a):
    return factories.MeasureFactory(arena=arena, group=group_a, title="Felles formidling")


@pytest.fixture
def teammate_a(arena, group_a):
    return factories.ParticipantFactory(arena=arena, group=group_a, display_name="Tor T")


@pytest.fixture
def client_a(client, participant_a):
    return log_in_participant(client, participant_a)


@pytest.fixture
def client_teammate(teammate_a):
    from django.test import Client

    return log_in_participant(Client(), teammate_a)


@pytest.fixture
def client_b(participant_b):
    from django.test import Client

    return log_in_participant(Client(), participant_b)
