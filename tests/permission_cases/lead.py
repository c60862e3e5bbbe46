"""Cases for the project leads' pages: summary, exports and follow-up.

Participants have no account, so they are sent to log in like anyone anonymous; a facilitator of
another arena gets 404. The owner's follow-up page needs no account, only its secret link.
"""

from measures.followup import followup_token_ensure
from measures.models import Measure
from tests.permission_cases import Case, everyone, staff


def _followup_token(world):
    world.measure_a.status = Measure.Status.AGREED
    world.measure_a.save()
    return {"token": followup_token_ensure(measure=world.measure_a)}


def _slug(world):
    return {"slug": world.arena.slug}


CASES = [
    Case("measures:summary-detail", staff(200), kwargs=_slug),
    *(
        Case(
            "measures:summary-export",
            staff(200),
            kwargs=lambda world, fmt=fmt: {"slug": world.arena.slug, "fmt": fmt},
        )
        for fmt in ("csv", "xlsx", "docx", "pdf", "json")
    ),
    Case("measures:followup-list", staff(200), kwargs=_slug),
    Case("measures:followup-send", staff(302), method="post", kwargs=_slug),
    Case("measures:followup-export", staff(200), kwargs=_slug),
    Case("measures:followup-report", everyone(200), kwargs=_followup_token),
    Case(
        "measures:followup-report",
        everyone(404),
        kwargs=lambda world: {"token": "ikke-en-gyldig-lenke"},
        label="bad-token",
    ),
    # POST on the pages above that have only a GET case: they answer it as GET (or, the
    # owner's report, show its form again with its errors).
    Case("measures:summary-detail", staff(200), method="post", kwargs=_slug),
    Case(
        "measures:summary-export",
        staff(200),
        method="post",
        kwargs=lambda world: {"slug": world.arena.slug, "fmt": "csv"},
    ),
    Case("measures:followup-list", staff(200), method="post", kwargs=_slug),
    Case("measures:followup-export", staff(200), method="post", kwargs=_slug),
    Case("measures:followup-report", everyone(200), method="post", kwargs=_followup_token),
]
