"""A staff action sent twice has one effect (decision 66).

A double tap, a resent request after a dropped connection, or the same form sent again: each
staff form that changes something relative to what is there ("+5 min", "flytt opp", "Lag ny
kode") or that makes something new (a program session, an arena) carries a one-time token,
`op`, rendered with the form (`{% op_field %}`, arena/templatetags/once_tags.py). `once` records
the op in `HandledOp` in the same transaction as the action: the first request acts, a second
with the same op (at once or later) waits for the first on the unique constraint, does
nothing, and goes where the first went with a message that says so. A form sent without an op
(a page from before this change, a script) acts as before.
"""

import datetime
import uuid
from typing import NamedTuple

from django.contrib import messages
from django.core.exceptions import BadRequest
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from arena.models import HandledOp

FIELD = "op"
# A resent request comes within minutes; a day covers a laptop woken up the next morning.
KEEP = datetime.timedelta(days=1)


class Done(NamedTuple):
    first: bool  # False: the same form was handled before, and nothing was done now
    answer: str  # where `work` said to go, the first time (or "")


def _op(request):
    raw = request.POST.get(FIELD, "")
    if not raw:
        return None
    try:
        return uuid.UUID(raw)
    except ValueError:
        raise BadRequest("op") from None


def _answer(result):
    return result if isinstance(result, str) else ""


class _Invalid(Exception):
    """The form was not valid: nothing was done, and the op's record is rolled back."""


def once(request, work, *, form=None, repeated=None):
    """`work()` once per form: the first request with this op runs it, in one transaction with
    the op's record; a repeat runs nothing and adds the message `repeated` ("Dette ble
    allerede gjort." by default). A string that `work` returns is the address to go to (a new
    arena's page); a repeat gets the first's.

    With `form`, a repeat is answered before the form is checked (sent again, a new program
    session's form would now be refused: it overlaps the session the first made), and None
    means the form is not valid (or not sent): nothing was done, and the op stays unused."""
    op = _op(request)
    if op is None:
        if form is not None and not form.is_valid():
            return None
        return Done(True, _answer(work()))
    try:
        done = _run(request.user, op, work, form)
    except _Invalid:
        return None
    if not done.first:
        messages.info(request, repeated or _("Dette ble allerede gjort."))
    return done


@transaction.atomic
def _run(user, op, work, form):
    try:
        with transaction.atomic():  # a savepoint: the repeat's INSERT fails alone
            record = HandledOp.objects.create(user=user, op=op)
    except IntegrityError:
        # Handled before, or by a request that has just committed (this INSERT waited for
        # it): its answer is there.
        return Done(False, HandledOp.objects.get(user=user, op=op).answer)
    if form is not None and not form.is_valid():
        raise _Invalid  # rolls the record back: the op stays unused
    answer = _answer(work())
    if answer:
        HandledOp.objects.filter(pk=record.pk).update(answer=answer)
    return Done(True, answer)


def ops_purge(*, now=None):
    """Forget the ops handled more than `KEEP` ago (the daily purge); returns how many went."""
    cutoff = (now or timezone.now()) - KEEP
    deleted, _by_model = HandledOp.objects.filter(at__lt=cutoff).delete()
    return deleted
