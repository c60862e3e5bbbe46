"""The permission matrix: every URL name × persona × method → expected status.

Each area of the product keeps its own list of cases in a module here, so that two people
adding pages never edit the same list. `tests/test_permission_matrix.py` runs them all and
fails when a URL name of the project has no case.
"""

from dataclasses import dataclass, field

from tests.conftest import PERSONAS


@dataclass(frozen=True)
class Case:
    """`kwargs(world)` builds the URL's arguments from the `world` fixture; `data(world)` the
    POST body. `expect` maps every persona to the status it must get."""

    url_name: str
    expect: dict
    method: str = "get"
    kwargs: object = field(default=lambda world: {})
    data: object = field(default=lambda world: {})
    # Tells cases of one URL name and method apart in the test id, e.g. "wrong-arena".
    label: str = ""

    @property
    def test_id(self):
        suffix = f"[{self.label}]" if self.label else ""
        return f"{self.method}:{self.url_name}{suffix}"

    def __post_init__(self):
        missing = set(PERSONAS) - set(self.expect)
        if missing:
            raise ValueError(f"{self.url_name}: no expectation for {sorted(missing)}")


def everyone(status):
    return dict.fromkeys(PERSONAS, status)


def staff(ok=200, *, project_lead=None, login_redirect=302):
    """A staff page of `world.arena`: members get `ok`; anonymous and participants (who have no
    account) are sent to log in; a facilitator of another arena gets 404."""
    return {
        "anonymous": login_redirect,
        "participant_a": login_redirect,
        "participant_b": login_redirect,
        "participant_other_arena": login_redirect,
        "facilitator": ok,
        "facilitator_other_arena": 404,
        "project_lead": ok if project_lead is None else project_lead,
        "admin": ok,
    }


def participants_of_arena(ok=200, *, group_b=None, staff_status=404):
    """A participant page of `world.arena`: its participants get `ok` (group B may differ);
    everyone else gets 404."""
    expect = everyone(404)
    expect.update(participant_a=ok, participant_b=ok if group_b is None else group_b)
    for persona in ("facilitator", "project_lead", "admin"):
        expect[persona] = staff_status
    return expect


def wrong_arena(url_name, kwargs, *, method="get", data=None, expect=None):
    """`url_name` with an object of another arena under this arena's slug (`kwargs(world)`):
    404 for everyone, members of both arenas included (as pretix's `test_wrong_event`). Staff
    pages send whoever has no account to log in first, so that is what they get there."""
    return Case(
        url_name,
        expect or everyone(404),
        method=method,
        kwargs=kwargs,
        data=data or (lambda world: {}),
        label="wrong-arena",
    )


def refused_for_staff():
    """A staff page that is not there: log in if you have no account, 404 for every member."""
    return staff(404)


def all_cases():
    # `staff_pages`, not `staff`: a submodule named `staff` would shadow the `staff()` helper.
    from tests.permission_cases import (
        coedit_feed,
        export_jobs,
        facilitator,
        foundation,
        lead,
        participant,
        passkeys,
        privacy,
        room,
        similar,
        staff_pages,
        trust_data,
        twofa,
    )

    return [
        *coedit_feed.CASES,
        *foundation.CASES,
        *facilitator.CASES,
        *participant.CASES,
        *room.CASES,
        *lead.CASES,
        *staff_pages.CASES,
        *trust_data.CASES,
        *privacy.CASES,
        *twofa.CASES,
        *passkeys.CASES,
        *export_jobs.CASES,
        *similar.CASES,
    ]
