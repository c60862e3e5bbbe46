"""Joining an arena without an account: the code, who you are, your table, the privacy
notice; and the personal link that brings you back on another device."""

from django.contrib import messages
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from arena import limits
from arena.access import current_participant, joinable_arena, login_participant, seat_table
from participants import services
from participants.forms import JoinCodeForm, JoinDetailsForm, JoinGroupForm
from participants.models import Organisation, Participant

_DRAFT = "join_draft"


def _draft(request, arena):
    """What this browser has typed so far while joining `arena`."""
    return request.session.get(_DRAFT, {}).get(arena.join_code, {})


def _save_draft(request, arena, **values):
    drafts = dict(request.session.get(_DRAFT, {}))
    drafts[arena.join_code] = {**drafts.get(arena.join_code, {}), **values}
    request.session[_DRAFT] = drafts


def _joining_arena(request, code):
    if seconds := limits.wait(request, "join-code"):
        return None, _too_many_codes(request, seconds, code)
    arena = joinable_arena(code)
    if arena is None:
        limits.failed(request, "join-code")
        return None, render(
            request, "participants/join_code.html", {"form": _wrong_code_form(code)}, status=404
        )
    if arena.join_code != code:  # `bus-7q4k` in a QR link: show the clean address
        return None, redirect("participants:join-details", code=arena.join_code)
    already = current_participant(request, arena)
    if already is not None:
        # Joined in this browser already: the join link resumes, it never makes a second
        # person or a new table (decision 29). Only a facilitator moves people.
        messages.info(
            request,
            _("Du er allerede med som %(name)s. Bare fasilitator kan flytte deg til et annet bord.")
            % {"name": already.display_name},
        )
        return None, redirect("measures:arena-home", slug=arena.slug)
    return arena, None


def _wrong_code_form(code):
    form = JoinCodeForm({"code": code})
    form.is_valid()
    return form


def _too_many_codes(request, seconds, code):
    """The code page again, with what was typed in it, answered 429 (arena/limits.py)."""
    limits.refuse(request, seconds)
    form = JoinCodeForm(initial={"code": code})
    return render(request, "participants/join_code.html", {"form": form})


def join(request):
    if request.method == "POST" and (seconds := limits.wait(request, "join-code")):
        return _too_many_codes(request, seconds, request.POST.get("code", ""))
    form = JoinCodeForm(request.POST or None)
    if form.is_valid():
        return redirect("participants:join-details", code=form.cleaned_data["code"])
    if form.has_error("code", "unknown_code"):
        limits.failed(request, "join-code")
    return render(request, "participants/join_code.html", {"form": form})


def join_details(request, code):
    arena, refusal = _joining_arena(request, code)
    if refusal:
        return refusal
    if request.method == "POST" and "search" not in request.POST:
        form = JoinDetailsForm(request.POST, arena=arena)
        _save_draft(request, arena, **_typed(request.POST))
        if form.is_valid():
            return redirect(_next_join_step(arena, _draft(request, arena)))
    elif request.method == "POST":  # "Søk" without JavaScript: show the hits, keep the text
        _save_draft(request, arena, **_typed(request.POST))
        form = JoinDetailsForm(initial=_draft(request, arena), arena=arena)
    else:
        form = JoinDetailsForm(initial=_draft(request, arena), arena=arena)
    chosen = _chosen_organisation(form)
    hits = _hits(form, arena)
    if chosen and chosen not in hits:
        hits = [chosen, *hits]
    context = {"arena": arena, "form": form, "hits": hits, "chosen": chosen}
    return render(request, "participants/join_details.html", context)


def _typed(post):
    fields = ("display_name", "organisation_query", "organisation", "new_organisation_name")
    typed = {name: post.get(name, "") for name in fields}
    typed["new_organisation_kind"] = post.get("new_organisation_kind", "")
    typed["email"] = post.get("email", "")
    typed["consents_to_followup"] = bool(post.get("consents_to_followup"))
    return typed


def _field_value(form, name):
    return form[name].value() or ""


def _chosen_organisation(form):
    chosen = _field_value(form, "organisation")
    if isinstance(chosen, Organisation):
        return chosen
    return Organisation.objects.filter(pk=chosen).first() if str(chosen).isdigit() else None


def _hits(form, arena):
    return services.organisation_search(_field_value(form, "organisation_query"), arena=arena)


def _next_join_step(arena, draft):
    if draft.get("seated_group") or _seated_by_others(arena) or not arena.groups.exists():
        return reverse("participants:join-privacy", kwargs={"code": arena.join_code})
    return reverse("participants:join-group", kwargs={"code": arena.join_code})


@require_GET
def organisation_search(request, code):
    if seconds := limits.wait(request, "join-code"):
        return limits.too_many(request, seconds)
    arena = joinable_arena(code)
    if arena is None:
        limits.failed(request, "join-code")
        raise Http404
    query = request.GET.get("organisation_query", "")
    hits = services.organisation_search(query, arena=arena)
    context = {"hits": hits, "searched": query.strip()}
    return render(request, "participants/_organisation_hits.html", context)


def join_group(request, code):
    arena, refusal = _joining_arena(request, code)
    if refusal:
        return refusal
    draft = _draft(request, arena)
    if not JoinDetailsForm(draft, arena=arena).is_valid():
        return redirect("participants:join-details", code=arena.join_code)
    if _seated_by_others(arena) or draft.get("seated_group"):
        return redirect("participants:join-privacy", code=arena.join_code)
    form = JoinGroupForm(request.POST or None, arena=arena, initial={"group": draft.get("group")})
    if form.is_valid():
        _save_draft(request, arena, group=form.cleaned_data["group"].pk)
        return redirect("participants:join-privacy", code=arena.join_code)
    return render(request, "participants/join_group.html", {"arena": arena, "form": form})


def join_privacy(request, code):
    arena, refusal = _joining_arena(request, code)
    if refusal:
        return refusal
    draft = _draft(request, arena)
    details = JoinDetailsForm(draft, arena=arena)
    seated = draft.get("seated_group")
    group_pk = seated or (None if _seated_by_others(arena) else draft.get("group"))
    group = arena.groups.filter(pk=group_pk).first() if group_pk else None
    if not details.is_valid():
        return redirect("participants:join-details", code=arena.join_code)
    needs_group = not _seated_by_others(arena) and arena.groups.exists()
    if needs_group and group is None:
        return redirect("participants:join-group", code=arena.join_code)
    if request.method == "POST" and not _too_many_organisations(request, details.cleaned_data):
        _join(request, arena, details.cleaned_data, group)
        return redirect("measures:arena-home", slug=arena.slug)
    context = {"arena": arena, "group": group, "details": details.cleaned_data}
    return render(request, "participants/join_privacy.html", context)


def _seated_by_others(arena):
    """Whether people pick no table here: the facilitator seats them, or the app does."""
    return arena.groups_assigned or arena.auto_seating


def _too_many_organisations(request, data):
    """A new organisation goes into the shared registry: only a few per browser and address.
    Refused, this page comes back (429) and what was typed stays in the session's draft."""
    new = data.get("new_organisation_name") and not data.get("organisation")
    return bool(new) and limits.exceeded(request, "organisation")


def _join(request, arena, data, group):
    participant = services.participant_join(
        arena=arena,
        seated=group is not None and arena.groups_assigned,
        display_name=data["display_name"],
        organisation=data.get("organisation"),
        new_organisation_name=data.get("new_organisation_name", ""),
        new_organisation_kind=data.get("new_organisation_kind", ""),
        group=group,
        email=data.get("email", ""),
        consents_to_followup=data.get("consents_to_followup", False),
    )
    login_participant(request, participant)
    # Forget what was typed: pressing "Bli med" again (back button, resent form) makes no twin.
    drafts = dict(request.session.get(_DRAFT, {}))
    drafts.pop(arena.join_code, None)
    request.session[_DRAFT] = drafts
    request.session["show_link_hint"] = True
    url = request.build_absolute_uri(
        reverse("participants:resume", kwargs={"token": participant.resume_token})
    )
    services.resume_link_send(participant=participant, url=url)
    return participant


def join_table(request, code, seat):
    """A table's own link (its QR code at the table): join straight into that table."""
    arena, refusal = _joining_arena(request, code)
    if refusal:
        return refusal
    group = seat_table(arena, seat)
    if group is None:
        raise Http404
    _save_draft(request, arena, seated_group=group.pk)
    return redirect("participants:join-details", code=arena.join_code)


def resume(request, token):
    participant = get_object_or_404(Participant.objects.select_related("arena"), resume_token=token)
    login_participant(request, participant)
    # The token must not stay in the address bar, the history or a Referer header.
    return redirect("measures:arena-home", slug=participant.arena.slug)
