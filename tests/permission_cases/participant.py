"""Cases for the participant pages: joining, the arena home and the workshop's measure pages."""

import uuid

from tests import factories
from tests.permission_cases import (
    Case,
    everyone,
    participants_of_arena,
    refused_for_staff,
    staff,
    wrong_arena,
)


def _code(world):
    return {"code": world.arena.join_code}


def _arena(world):
    return {"slug": world.arena.slug}


def _measure_a(world):
    return {"slug": world.arena.slug, "pk": world.measure_a.pk}


def _comment(world):
    comment = factories.CommentFactory(measure=world.measure_a)
    return {**_measure_a(world), "comment_pk": comment.pk}


def _other_arenas_measure(world):
    return {"slug": world.arena.slug, "pk": world.measure_other_arena.pk}


def _other_arenas_comment(world):
    """This arena's measure with a comment on another arena's measure."""
    comment = factories.CommentFactory(measure=world.measure_other_arena)
    return {**_measure_a(world), "comment_pk": comment.pk}


# A browser that has joined the arena already is sent back to it by every join step: the join
# link resumes, it never makes a second person or moves them to another table (decision 29).
JOINED_RESUME = {**everyone(200), "participant_a": 302, "participant_b": 302}

# Only members of group A may change group A's measure; everyone else in the arena reads it.
GROUP_A_ONLY = participants_of_arena(200, group_b=404)
# The editor's pages point group B to the measure's read-only page (403), not a bare 404.
GROUP_A_EDITS = participants_of_arena(200, group_b=403)

CASES = [
    Case("participants:join", everyone(200)),
    Case("participants:join-details", JOINED_RESUME, kwargs=_code),
    Case("participants:organisation-search", everyone(200), kwargs=_code),
    # Without the earlier steps typed in this browser, the later ones send you back.
    Case("participants:join-group", everyone(302), kwargs=_code),
    Case("participants:join-privacy", everyone(302), kwargs=_code),
    Case(
        "participants:resume",
        everyone(302),
        kwargs=lambda world: {"token": world.participant_a.resume_token},
    ),
    Case("measures:arena-home", participants_of_arena(200), kwargs=_arena),
    Case("measures:arena-home-ours", participants_of_arena(200), kwargs=_arena),
    Case("measures:measure-list", participants_of_arena(200), kwargs=_arena),
    Case("measures:measure-create", participants_of_arena(200), kwargs=_arena),
    Case("measures:vote-list", participants_of_arena(200), kwargs=_arena),
    Case("measures:measure-detail", participants_of_arena(200), kwargs=_measure_a),
    Case(
        "measures:measure-edit",
        GROUP_A_EDITS,
        kwargs=lambda world: {**_measure_a(world), "step": 0},
    ),
    Case("measures:measure-review", GROUP_A_EDITS, kwargs=_measure_a),
    Case(
        "measures:field-save",
        GROUP_A_ONLY,
        method="post",
        kwargs=lambda world: {**_measure_a(world), "name": "description"},
        data=lambda world: {"base": "", "value": "Tekst", "op": str(uuid.uuid4())},
    ),
    Case(
        "measures:row-create",
        GROUP_A_ONLY,
        method="post",
        kwargs=lambda world: {**_measure_a(world), "kind": "indikatorer"},
        data=lambda world: {
            "indicator": "Andel",
            "key": str(uuid.uuid4()),
            "op": str(uuid.uuid4()),
        },
    ),
    Case(
        "measures:row-save",
        GROUP_A_ONLY,
        method="post",
        kwargs=lambda world: {**_measure_a(world), "kind": "indikatorer", "row": 999999},
        data=lambda world: {"indicator": "Andel", "base-indicator": "", "op": str(uuid.uuid4())},
    ),
    Case(
        "measures:row-delete",
        GROUP_A_ONLY,
        method="post",
        kwargs=lambda world: {**_measure_a(world), "kind": "indikatorer", "row": 999999},
        data=lambda world: {"op": str(uuid.uuid4())},
    ),
    Case(
        "measures:lead-choose",
        participants_of_arena(302, group_b=404),
        method="post",
        kwargs=lambda world: {**_measure_a(world), "row": 999999},
        data=lambda world: {"op": str(uuid.uuid4())},
    ),
    # The feed reads no session: without the editor page's signed token, everyone gets 404.
    Case("measures:measure-changes", everyone(404), kwargs=_measure_a),
    Case(
        "measures:comment-create",
        participants_of_arena(302),
        method="post",
        kwargs=_measure_a,
        data=lambda world: {"text": "Godt forslag"},
    ),
    Case(
        "measures:commitment-create",
        participants_of_arena(302),
        method="post",
        kwargs=_measure_a,
        data=lambda world: {"role_kind": "partner", "text": "Vi stiller med veiledere"},
    ),
    Case(
        "measures:commitment-withdraw", participants_of_arena(302), method="post", kwargs=_measure_a
    ),
    Case("measures:commitment-withdraw", everyone(405), kwargs=_measure_a),
    Case(
        "measures:vote-change",
        participants_of_arena(302),
        method="post",
        kwargs=_measure_a,
        data=lambda world: {"change": "add"},
    ),
    Case(
        "measures:comment-hide",
        staff(302, project_lead=404),
        method="post",
        kwargs=_comment,
    ),
    # POST on the pages above that have only a GET case: they answer it as GET, show their
    # form again with its errors, or (the review) submit the measure.
    Case("participants:join", everyone(200), method="post"),
    Case("participants:join-details", JOINED_RESUME, method="post", kwargs=_code),
    Case("participants:organisation-search", everyone(405), method="post", kwargs=_code),
    Case("participants:join-group", everyone(302), method="post", kwargs=_code),
    Case("participants:join-privacy", everyone(302), method="post", kwargs=_code),
    Case(
        "participants:resume",
        everyone(302),
        method="post",
        kwargs=lambda world: {"token": world.participant_a.resume_token},
    ),
    Case("measures:arena-home", participants_of_arena(200), method="post", kwargs=_arena),
    Case("measures:arena-home-ours", everyone(405), method="post", kwargs=_arena),
    Case("measures:measure-list", participants_of_arena(200), method="post", kwargs=_arena),
    Case("measures:measure-create", participants_of_arena(200), method="post", kwargs=_arena),
    Case("measures:vote-list", participants_of_arena(200), method="post", kwargs=_arena),
    Case("measures:measure-detail", participants_of_arena(200), method="post", kwargs=_measure_a),
    # An empty POST changed nothing, so it moves on (302) for the table.
    Case(
        "measures:measure-edit",
        participants_of_arena(302, group_b=403),
        method="post",
        kwargs=lambda world: {**_measure_a(world), "step": 0},
    ),
    Case(
        "measures:measure-review",
        participants_of_arena(302, group_b=403),
        method="post",
        kwargs=_measure_a,
    ),
]

CASES += [
    wrong_arena("measures:measure-detail", _other_arenas_measure),
    wrong_arena("measures:measure-detail", _other_arenas_measure, method="post"),
    wrong_arena("measures:measure-edit", lambda world: {**_other_arenas_measure(world), "step": 0}),
    wrong_arena(
        "measures:measure-edit",
        lambda world: {**_other_arenas_measure(world), "step": 0},
        method="post",
    ),
    wrong_arena("measures:measure-review", _other_arenas_measure),
    wrong_arena("measures:measure-review", _other_arenas_measure, method="post"),
    wrong_arena(
        "measures:field-save",
        lambda world: {**_other_arenas_measure(world), "name": "description"},
        method="post",
        data=lambda world: {"base": "", "value": "Tekst", "op": str(uuid.uuid4())},
    ),
    *(
        wrong_arena(
            f"measures:{name}",
            lambda world, extra=extra: {**_other_arenas_measure(world), **extra},
            method="post",
            data=lambda world: {
                "indicator": "Andel",
                "key": str(uuid.uuid4()),
                "op": str(uuid.uuid4()),
            },
        )
        for name, extra in (
            ("row-create", {"kind": "indikatorer"}),
            ("row-save", {"kind": "indikatorer", "row": 1}),
            ("row-delete", {"kind": "indikatorer", "row": 1}),
            ("lead-choose", {"row": 1}),
        )
    ),
    wrong_arena("measures:measure-changes", _other_arenas_measure),
    wrong_arena(
        "measures:comment-create",
        _other_arenas_measure,
        method="post",
        data=lambda world: {"text": "Godt forslag"},
    ),
    wrong_arena(
        "measures:commitment-create",
        _other_arenas_measure,
        method="post",
        data=lambda world: {"role_kind": "partner", "text": "Vi stiller med veiledere"},
    ),
    wrong_arena("measures:commitment-withdraw", _other_arenas_measure, method="post"),
    wrong_arena(
        "measures:vote-change",
        _other_arenas_measure,
        method="post",
        data=lambda world: {"change": "add"},
    ),
    wrong_arena(
        "measures:comment-hide",
        _other_arenas_comment,
        method="post",
        expect=refused_for_staff(),
    ),
]
