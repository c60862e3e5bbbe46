"""The measure editor: a table creates a measure, answers the six questions step by step and
reviews it before submitting. Several people write one measure at once.

Only members of the measure's table reach these pages (`perms.can_reach_editor`); while the
arena does not accept edits, the table sees its measure with a notice and nothing is saved.

With JavaScript (static/js/editor.js) every field saves on its own (`field_save`), rows are
items saved one by one (`row_*`, `lead_choose`) and a poll of `measure_changes` brings the
others' changes and where they are. Every save carries the text it was typed on, and the
services in measures/editor.py merge it into what is saved now. Without JavaScript the step's
form posts (`measure_edit`), and the same services merge every field the person changed.
The views only translate HTTP to those services and back.
"""

import functools
import uuid

from django.conf import settings
from django.contrib import messages
from django.db import DataError, IntegrityError, transaction
from django.http import Http404, HttpResponseBadRequest, HttpResponseNotModified, JsonResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from arena import limits
from arena.access import editor_feed_token, participant_perms
from measures import editor as coedit
from measures import services
from measures.forms import MeasureCreateForm
from measures.models import QUESTIONS, Measure
from measures.similar import table_suggestions
from measures.steps import REVIEW, STEPS
from measures.views import editor_page
from measures.views.editor_page import ROW_KINDS
from measures.views.merged import measure_or_merged, pointing_to_the_kept_measure

# The steps where the title and the description are written show measures like them (dec. 48).
SIMILAR_STEPS = (0, 1)


class OtherTable(Http404):
    """Another table's editor: a 404 for the saves and the feed, the read-only page's address
    for the pages a person opens (`_pointing_to_the_measure`)."""

    def __init__(self, perms, measure):
        super().__init__()
        self.perms, self.measure = perms, measure


def editor_measure(request, slug, pk, *, locked=False):
    """Only members of the measure's table reach its editor; outsiders get 404. `locked`
    (inside a transaction): the measure is read under its row lock, once, and the editor's
    service takes it as it is (decision 55)."""
    perms = participant_perms(request, slug)
    if locked:
        queryset = coedit.locked().order_by()  # the save reads no table, only `group_id`
    else:
        queryset = Measure.objects.select_related("group", "last_edited_by")
    measure = measure_or_merged(perms, queryset, pk)
    if not perms.can_reach_editor(measure):
        if perms.reads_another_tables_editor(measure):
            raise OtherTable(perms, measure)
        raise Http404
    measure.arena = perms.arena
    return perms, coedit.held(measure) if locked else measure


def _pointing_to_the_measure(view):
    """A link to another table's editor (shared, or typed) leads to the measure's read-only
    page rather than a dead end; 403, since the page exists but is not theirs to change."""

    @functools.wraps(view)
    def wrapped(request, *args, **kwargs):
        try:
            return view(request, *args, **kwargs)
        except OtherTable as other:
            context = {"arena": other.perms.arena, "measure": other.measure}
            return render(request, "measures/measure_other_table.html", context, status=403)

    return wrapped


def measure_create(request, slug):
    perms = participant_perms(request, slug)
    arena, participant = perms.arena, perms.participant
    if not perms.has_group:
        raise Http404
    form = MeasureCreateForm(request.POST or None, initial={"creation_key": uuid.uuid4()})
    refused = request.method == "POST" and not perms.can_create_measure
    if (
        form.is_valid()
        and not refused
        and not limits.exceeded(request, "measure", who=participant.pk)
    ):
        try:
            measure, _created = services.measure_create(
                arena=arena,
                group=participant.group,
                title=form.cleaned_data["title"],
                creation_key=form.cleaned_data["creation_key"],
                editor=participant,
            )
        except services.EditingClosed:
            refused = True
        else:
            return redirect("measures:measure-edit", slug=arena.slug, pk=measure.pk, step=0)
    context = {"arena": arena, "perms": perms, "form": form, "refused": refused}
    return render(request, "measures/measure_create.html", context)


@pointing_to_the_kept_measure
@_pointing_to_the_measure
def measure_edit(request, slug, pk, step):
    """One step. A POST (the plain form, without JavaScript) saves what the person changed,
    merged with what others saved meanwhile, and moves on; overlaps and refusals stay here."""
    perms, measure = editor_measure(request, slug, pk)
    if not 0 <= step < len(STEPS):
        raise Http404
    spec, outcome = STEPS[step], editor_page.Outcome()
    if request.method == "POST":
        outcome = editor_page.step_post(
            perms, measure, spec, request.POST, rows_refused=_rows_limit(request, perms)
        )
        if outcome.done:
            return redirect(_goto(perms.arena, measure, outcome.goto, step))
        measure.refresh_from_db()
    return _step_page(request, perms, measure, spec, outcome)


def _rows_limit(request, perms):
    """New rows of the plain form count against the limit of the script's row create; over
    it, the step page is a 429 that says when (arena/limits.py)."""
    return functools.partial(limits.exceeded, request, "row", who=perms.participant.pk)


def _step_page(request, perms, measure, spec, outcome):
    context = editor_page.context(perms, measure, spec, outcome)
    if spec.number in SIMILAR_STEPS:
        context["similar"] = table_suggestions(measure, arena=perms.arena)
    context["feed_token"] = editor_feed_token(measure=measure, participant=perms.participant)
    context["editor_stream"] = settings.EDITOR_STREAM
    return render(request, "measures/measure_edit.html", context)


def _goto(arena, measure, goto, step):
    target = int(goto) if (goto or "").isdigit() else step
    if target >= REVIEW:
        return reverse("measures:measure-review", kwargs={"slug": arena.slug, "pk": measure.pk})
    return reverse(
        "measures:measure-edit", kwargs={"slug": arena.slug, "pk": measure.pk, "step": target}
    )


def _op(post):
    try:
        return uuid.UUID(post.get("op", ""))
    except ValueError:
        return None


def _answer(result):
    """Every outcome a person must see is a 200 with a status; the script never resends a
    refused or invalid save, only one that met a network error or a 5xx."""
    return JsonResponse(result.as_json())


@require_POST
def field_save(request, slug, pk, name):
    """Autosave of one field: text and choices with `base`/`value`, ticks with `add`/`remove`.
    One transaction: the measure is read once, locked, and saved (decision 55)."""
    op, post = _op(request.POST), request.POST
    if name not in (*coedit.FIELDS, *coedit.TICK_FIELDS) or op is None:
        return HttpResponseBadRequest()
    try:
        with transaction.atomic():
            return _answer(_field_save(request, slug, pk, name, op, post))
    except (IntegrityError, DataError):  # a rule of the database: a sentence, never a 500
        return _answer(coedit.cannot_save(pk, name))


def _field_save(request, slug, pk, name, op, post):
    perms, measure = editor_measure(request, slug, pk, locked=True)
    if not perms.can_edit(measure):
        return editor_page.refused(name)
    if name in coedit.TICK_FIELDS:
        return coedit.ticks_change(
            measure=measure, name=name, add=post.getlist("add"), remove=post.getlist("remove"),
            op=op, editor=perms.participant,
        )  # fmt: skip
    return coedit.field_save(
        measure=measure, name=name, base=post.get("base", ""), value=post.get("value", ""),
        op=op, editor=perms.participant,
    )  # fmt: skip


def _row_view(request, slug, pk, kind):
    perms, measure = editor_measure(request, slug, pk)
    op = _op(request.POST)
    if kind not in ROW_KINDS or op is None:
        raise Http404
    return perms, measure, ROW_KINDS[kind], op


@require_POST
def row_create(request, slug, pk, kind):
    """A new row (actor, indicator, funding). `key` makes a resent create return the same row."""
    perms, measure, kind, _op_ = _row_view(request, slug, pk, kind)
    try:
        key = uuid.UUID(request.POST.get("key", ""))
    except ValueError:
        return HttpResponseBadRequest()
    if not perms.can_edit(measure):
        return _answer(editor_page.refused(kind))
    if seconds := limits.attempt(request, "row", who=perms.participant.pk):
        limits.refuse(request, seconds, tell=False)  # a 429 whose answer says when
        return _answer(coedit.FieldResult(coedit.REFUSED, kind, message=limits.message(seconds)))
    values = editor_page.row_values(kind, request.POST)
    return _answer(
        coedit.row_create(
            measure=measure, kind=kind, key=key, values=values, editor=perms.participant
        )
    )


@require_POST
def row_save(request, slug, pk, kind, row):
    """Changed fields of one row, each with the value it was typed on (`base-<field>`)."""
    perms, measure, kind, op = _row_view(request, slug, pk, kind)
    if not perms.can_edit(measure):
        return _answer(editor_page.refused(kind))
    values = editor_page.row_values(kind, request.POST)
    bases = editor_page.row_values(kind, request.POST, prefix="base-")
    return _answer(
        coedit.row_save(
            measure=measure, kind=kind, row_id=row, values=values, bases=bases, op=op,
            editor=perms.participant,
        )
    )  # fmt: skip


@require_POST
def row_delete(request, slug, pk, kind, row):
    perms, measure, kind, op = _row_view(request, slug, pk, kind)
    if not perms.can_edit(measure):
        return _answer(editor_page.refused(kind))
    return _answer(
        coedit.row_delete(measure=measure, kind=kind, row_id=row, op=op, editor=perms.participant)
    )


@require_POST
def lead_choose(request, slug, pk, row):
    """The one-tap fix for two leads: this row leads, the others become partners. A plain
    button of the step's form, so it works without JavaScript too (then it goes back)."""
    perms, measure = editor_measure(request, slug, pk)
    spec = next(s for s in STEPS if s.rows == "actors")
    scripted = request.headers.get("Accept", "").startswith("application/json")
    if not scripted and f"{spec.rows}-TOTAL_FORMS" in request.POST:
        # A button of the step's plain form: what else was typed on the step is saved first.
        outcome = editor_page.step_post(
            perms, measure, spec, request.POST, rows_refused=_rows_limit(request, perms)
        )
        if not outcome.done:
            measure.refresh_from_db()
            return _step_page(request, perms, measure, spec, outcome)
    result = editor_page.refused("actors")
    if perms.can_edit(measure):
        op = _op(request.POST)
        if op is None:
            op = uuid.uuid4()
        elif not scripted:  # the step's save above used the form's op: the choice gets its own
            op = uuid.uuid5(op, "lead")
        result = coedit.lead_choose(measure=measure, row_id=row, op=op, editor=perms.participant)
    if scripted:
        return _answer(result)
    if result.status != "saved":
        messages.warning(request, result.message)
    return redirect("measures:measure-edit", slug=perms.arena.slug, pk=measure.pk, step=spec.number)


@require_GET
def measure_changes(request, slug, pk):
    """The changes feed, polled about once a second by every open editor. The signed token
    says who polls (checked in arena/access.py); the answer comes from the cache, with a 304
    when nothing changed, so a poll reads neither the session nor, usually, the database."""
    since = request.GET.get("since", "")
    feed = coedit.feed_read(
        measure_pk=pk, since=int(since) if since.isdigit() else 0, token=request.GET.get("t"),
        focus=request.GET["felt"][:60] if "felt" in request.GET else None,
    )  # fmt: skip
    if request.headers.get("If-None-Match") == feed.etag:
        return HttpResponseNotModified(headers={"ETag": feed.etag})
    payload = dict(feed.payload)  # the others: nobody needs to read that they are here
    payload["presence"] = [p for p in payload["presence"] if p["id"] != feed.participant_pk]
    response = JsonResponse(payload)
    response["ETag"], response["Cache-Control"] = feed.etag, "private, no-cache"
    return response


@pointing_to_the_kept_measure
@_pointing_to_the_measure
def measure_review(request, slug, pk):
    perms, measure = editor_measure(request, slug, pk)
    arena = perms.arena
    refused = False
    if request.method == "POST":
        try:
            services.measure_submit(measure=measure, editor=perms.participant)
        except services.EditingClosed:
            refused = True
        else:
            messages.success(request, _("Tiltaket er sendt inn. Dere kan fortsatt endre det."))
            return redirect("measures:measure-detail", slug=arena.slug, pk=measure.pk)
    measure = Measure.objects.with_rows().get(pk=measure.pk)
    context = {
        "arena": arena,
        "perms": perms,
        "participant": perms.participant,
        "measure": measure,
        "steps": STEPS,
        "review_step": REVIEW,
        "step": None,
        "refused": refused,
        "questions": QUESTIONS,
        "similar": table_suggestions(measure, arena=perms.arena),
    }
    return render(request, "measures/measure_review.html", context)
