"""The gallery walk: participants read every measure, comment on it, say that their
organisation joins it (commitments) and prioritise with dots; facilitators hide comments."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db.models import Prefetch
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from arena import limits
from arena.access import participant_perms, staff_perms
from measures import cards, services
from measures.forms_gallery import CommentForm, CommitmentForm, MeasureFilterForm
from measures.models import QUESTIONS, Comment, Measure, Vote
from measures.views.merged import measure_or_merged, pointing_to_the_kept_measure


def _measure(request, slug, pk):
    perms = participant_perms(request, slug)
    measure = measure_or_merged(
        perms, Measure.objects.select_related("group", "last_edited_by"), pk
    )
    measure.arena = perms.arena
    return perms, measure


LIST_PAGE = 20


def measure_list(request, slug):
    perms = participant_perms(request, slug)
    arena, participant = perms.arena, perms.participant
    filters = MeasureFilterForm(request.GET or None, arena=arena)
    measures = filters.filter(cards.light(Measure.objects.filter(arena=arena)))
    page = Paginator(measures, LIST_PAGE).get_page(request.GET.get("side"))
    shown = list(page.object_list)
    query = request.GET.copy()
    query.pop("side", None)
    context = {
        "arena": arena,
        "perms": perms,
        "participant": participant,
        "filters": filters,
        "measures": shown,
        "cards": cards.cards_list("home", shown, arena=arena),
        "page": page,
        "query": query.urlencode(),
    }
    return render(request, "measures/measure_list.html", context)


@pointing_to_the_kept_measure
def measure_detail(request, slug, pk):
    perms, measure = _measure(request, slug, pk)
    measure = (
        Measure.objects.with_rows()
        .prefetch_related(
            "target_groups",
            "plan_goals",
            "commitments__organisation",
            Prefetch("comments", queryset=Comment.objects.filter(hidden=False)),
        )
        .get(pk=measure.pk)
    )
    measure.arena = perms.arena
    return render(request, "measures/measure_detail.html", _detail_context(perms, measure))


def _commitment_form(measure, participant):
    """Our organisation's commitment, if a colleague already made it: shown to be changed on
    purpose rather than replaced blindly (there is one per organisation)."""
    ours = next(
        (c for c in measure.commitments.all() if c.organisation_id == participant.organisation_id),
        None,
    )
    return CommitmentForm(instance=ours)


def _detail_context(perms, measure, **extra):
    participant = perms.participant
    mine = Vote.objects.filter(participant=participant, measure=measure).first()
    return {
        "arena": perms.arena,
        "perms": perms,
        "participant": participant,
        "measure": measure,
        "comment_form": extra.pop("comment_form", None) or CommentForm(),
        "commitment_form": extra.pop("commitment_form", None)
        or _commitment_form(measure, participant),
        "voting_open": services.voting_open(perms.arena),
        "my_dots": mine.dots if mine else 0,
        "questions": QUESTIONS,
        **extra,
    }


def _refuse_when_closed(perms, form):
    """After the arena, participants read but no longer write; what they typed stays shown."""
    if perms.can_comment:
        return False
    form.add_error(
        "text",
        ValidationError(
            _(
                "Arenaen er avsluttet, så dette ble ikke lagret. "
                "Kopier teksten hvis du vil ta vare på den."
            ),
            code="arena_closed",
        ),
    )
    return True


@require_POST
def comment_create(request, slug, pk):
    perms, measure = _measure(request, slug, pk)
    arena, participant = perms.arena, perms.participant
    form = CommentForm(request.POST)
    if (
        form.is_valid()
        and not _refuse_when_closed(perms, form)
        and not limits.exceeded(request, "comment", who=participant.pk)
    ):
        services.comment_add(
            measure=measure,
            participant=participant,
            text=form.cleaned_data["text"],
            key=form.cleaned_data["creation_key"],
        )
        messages.success(request, _("Kommentaren er lagt til."))
        return redirect(
            reverse("measures:measure-detail", args=[arena.slug, measure.pk]) + "#kommentarer"
        )
    measure = Measure.objects.with_rows().get(pk=measure.pk)
    context = _detail_context(perms, measure, comment_form=form)
    return render(request, "measures/measure_detail.html", context, status=200)


@require_POST
def commitment_create(request, slug, pk):
    perms, measure = _measure(request, slug, pk)
    arena, participant = perms.arena, perms.participant
    form = CommitmentForm(request.POST)
    if (
        form.is_valid()
        and not _refuse_when_closed(perms, form)
        and not limits.exceeded(request, "commitment", who=participant.pk)
    ):
        services.commitment_save(
            measure=measure,
            participant=participant,
            role_kind=form.cleaned_data["role_kind"],
            text=form.cleaned_data["text"],
        )
        messages.success(
            request,
            _("%(organisation)s er med på tiltaket.") % {"organisation": participant.organisation},
        )
        return redirect("measures:measure-detail", slug=arena.slug, pk=measure.pk)
    measure = Measure.objects.with_rows().get(pk=measure.pk)
    context = _detail_context(perms, measure, commitment_form=form)
    return render(request, "measures/measure_detail.html", context)


@require_POST
def commitment_withdraw(request, slug, pk):
    perms, measure = _measure(request, slug, pk)
    if not perms.can_comment:
        messages.error(request, _("Arenaen er avsluttet, så dette kan ikke endres lenger."))
    elif seconds := limits.attempt(request, "commitment", who=perms.participant.pk):
        # The withdrawal is a button without text: the page says when, not that text is kept.
        return _commitment_refused(request, perms, measure, seconds)
    elif services.commitment_withdraw(measure=measure, participant=perms.participant):
        messages.success(
            request,
            _("%(organisation)s er ikke lenger med på tiltaket.")
            % {"organisation": perms.participant.organisation},
        )
    return redirect(
        reverse("measures:measure-detail", args=[perms.arena.slug, measure.pk]) + "#vi-blir-med"
    )


def _commitment_refused(request, perms, measure, seconds):
    """The measure's page again (a 429), saying when to try again."""
    limits.refuse(request, seconds, typed=False)
    measure = Measure.objects.with_rows().get(pk=measure.pk)
    return render(request, "measures/measure_detail.html", _detail_context(perms, measure))


@login_required
@require_POST
def comment_hide(request, slug, pk, comment_pk):
    arena = staff_perms(request, slug, facilitator_only=True).arena
    comment = get_object_or_404(Comment, pk=comment_pk, measure__pk=pk, measure__arena=arena)
    comment = services.comment_hide(comment=comment, hidden=request.POST.get("hidden", "1") != "0")
    if request.htmx:
        return HttpResponse(status=204)
    if comment.hidden:
        messages.success(request, _("Kommentaren er skjult for deltakerne."))
    else:
        messages.success(request, _("Kommentaren vises igjen for deltakerne."))
    target = request.POST.get("next", "")
    if not url_has_allowed_host_and_scheme(target, {request.get_host()}, request.is_secure()):
        target = "/"
    return redirect(target)


VOTE_FIELDS = (*cards.LIGHT_FIELDS, "description")


def _vote_context(perms, **extra):
    """The measures taking part, each with its first lines, six marks and my dots (decision
    42). Queries: voting open, measures (+ dot totals when the ranking is shown), my dots, and
    one for the marks of the measures whose marks are not cached = 3–4 for any number."""
    arena, participant = perms.arena, perms.participant
    measures = (
        Measure.objects.filter(arena=arena)
        .taking_part()
        .select_related("group")
        .only(*VOTE_FIELDS)
        .order_by("title", "id")
    )
    if arena.ranking_revealed:
        measures = measures.ranked()
    measures = list(measures)
    mine = dict(Vote.objects.filter(participant=participant).values_list("measure_id", "dots"))
    completeness = cards.completeness_many(measures)
    for measure in measures:
        measure.my_dots = mine.get(measure.pk, 0)
        measure.marks = completeness[measure.pk]
    return {
        "arena": arena,
        "perms": perms,
        "participant": participant,
        "measures": measures,
        "voting_open": services.voting_open(arena),
        "dots_left": arena.dots_per_participant - sum(mine.values()),
        **extra,
    }


def vote_list(request, slug):
    perms = participant_perms(request, slug)
    return render(request, "measures/vote_list.html", _vote_context(perms))


def _dot_change(perms, measure, delta):
    """Places or takes back a dot; why not, or None."""
    try:
        services.vote_change(participant=perms.participant, measure=measure, delta=delta)
    except services.VoteRefused as refused:
        return str(refused)
    return None


@require_POST
def vote_change(request, slug, pk):
    """A dot placed or taken back: with htmx the list comes back in place (the page's status
    line says what happened), without it the page is loaded again at the measure."""
    perms, measure = _measure(request, slug, pk)
    delta = 1 if request.POST.get("change") == "add" else -1
    seconds = limits.attempt(request, "dot", who=perms.participant.pk)
    if seconds and not request.htmx:  # the list again, as a 429 that says when
        limits.refuse(request, seconds, typed=False)
        return render(request, "measures/vote_list.html", _vote_context(perms))
    # htmx swaps only a 2xx: its status line says when instead.
    refusal = (
        limits.message(seconds, typed=False) if seconds else _dot_change(perms, measure, delta)
    )
    if request.htmx:
        context = _vote_context(perms, refusal=refusal, changed=measure)
        return render(request, "measures/_vote_region.html", context)
    if refusal:
        messages.error(request, refusal)
    return redirect(
        reverse("measures:vote-list", kwargs={"slug": perms.arena.slug}) + f"#measure-{pk}"
    )
