"""The load benchmark (`make bench`) builds its arena with app code and reads the editor's
markup; these tests fail when a change to either would break the benchmark silently."""

import html
import re
import uuid

import pytest

from arena.models import Arena
from measures.models import Measure
from participants.models import Participant
from tests.conftest import log_in_participant

# The patterns benchmarks/locustfile.py and benchmarks/bench.py read the editor with.
BASE = r'name="base-{0}" id="base-{0}" value="([^"]*)"'
VERSION_IN_PAGE = r'data-rev="(\d+)"'


@pytest.fixture
def built(db):
    from benchmarks import build_arena

    arena, groups = build_arena.build(measures=60, tables=50, participants=300, seed=12)
    return arena, build_arena.describe(arena, groups)


def test_the_realistic_arena_has_the_size_the_issue_asks_for(built):
    arena, description = built
    assert Measure.objects.filter(arena=arena).count() == 14 + 60
    assert arena.groups.count() == 50
    assert Participant.objects.filter(arena=arena).count() == 12 + 300
    assert len(description["measures_by_table"]) == 50  # every table has a measure to edit
    assert not Arena.objects.get(pk=arena.pk).groups_assigned  # joiners choose a table


@pytest.mark.parametrize(("field", "step"), [("description", 1), ("way_of_working", 3)])
def test_the_scenario_reads_the_base_and_version_the_editor_sends(client, built, field, step):
    arena, description = built
    person = description["participants"][-1]
    measure = description["measures_by_table"][str(person["group"])][0]
    log_in_participant(client, Participant.objects.get(pk=person["pk"]))
    page = client.get(f"/a/{arena.slug}/hjem/tiltak/{measure}/rediger/{step}/").content.decode()
    base = re.search(BASE.format(field), page)
    version = re.search(VERSION_IN_PAGE, page)
    assert base, "the editor lost its base input"
    assert version, "the editor lost its version input"

    answer = client.post(
        f"/a/{arena.slug}/hjem/tiltak/{measure}/felt/{field}/",
        {
            "base": html.unescape(base.group(1)),
            "value": "Benchmark-tekst som er lang nok",
            "op": str(uuid.uuid4()),
        },
    ).json()
    assert answer["status"] == "saved"
    assert answer["value"] == "Benchmark-tekst som er lang nok"
    assert answer["rev"] == int(version.group(1)) + 1
