"""Staff views after the arena: the summary, its exports and the follow-up."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from arena import limits
from arena.access import staff_perms
from measures.exports import FORMATS, export_filename, render_export
from measures.exports.charts import summary_charts
from measures.exports.csv_export import followup_csv
from measures.exports.jobs import export_is_big, export_job_create
from measures.exports.options import ExportOptionsForm
from measures.followup import (
    DEFAULT_STALLED_WEEKS,
    followed,
    followup_overview,
    followup_report,
    followups_send,
)
from measures.forms_lead import FollowUpUpdateForm
from measures.models import Measure
from measures.privacy import export_log_add
from measures.summaries import arena_summary


@login_required
def summary_detail(request, slug):
    perms = staff_perms(request, slug)
    arena = perms.arena
    summary = arena_summary(arena)
    context = {
        "arena": arena,
        "perms": perms,
        "summary": summary,
        "charts": summary_charts(summary),
        "formats": FORMATS.values(),
        # Who took the arena's data out, and when: for its facilitators (decision 33).
        "exports": arena.exports.all()[:20] if perms.is_facilitator else None,
        "options_form": ExportOptionsForm(initial={"sprak": arena.default_language}),
    }
    return render(request, "measures/summary_detail.html", context)


@login_required
def summary_export(request, slug, fmt):
    arena = staff_perms(request, slug).arena
    if fmt not in FORMATS:
        raise Http404
    options = ExportOptionsForm(request.GET).options(arena)
    if export_is_big(arena=arena, fmt=fmt, options=options):
        # Too big for the request (decision 47): the worker builds it, a page waits for it.
        job = export_job_create(arena=arena, user=request.user, fmt=fmt, options=options)
        return redirect("measures:export-job-detail", slug=arena.slug, pk=job.pk)
    content = render_export(arena, fmt, options)
    export_log_add(arena=arena, user=request.user, what=fmt)
    with translation.override(options.language):
        filename = export_filename(arena.slug, fmt)
    response = HttpResponse(content, content_type=FORMATS[fmt].content_type)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def _stalled_weeks(request):
    try:
        weeks = int(request.GET.get("uker", DEFAULT_STALLED_WEEKS))
    except ValueError:
        return DEFAULT_STALLED_WEEKS
    return min(max(weeks, 1), 104)


@login_required
def followup_list(request, slug):
    perms = staff_perms(request, slug)
    arena = perms.arena
    weeks = _stalled_weeks(request)
    rows = followup_overview(arena, stalled_weeks=weeks)
    context = {
        "arena": arena,
        "perms": perms,
        "rows": rows,
        "weeks": weeks,
        "stalled": [r for r in rows if r.stalled],
    }
    return render(request, "measures/followup_list.html", context)


def _followup_sent_message(queued, already):
    text = ngettext(
        "Oppfølgingslenken sendes til %(n)d kontaktperson.",
        "Oppfølgingslenken sendes til %(n)d kontaktpersoner.",
        queued,
    ) % {"n": queued}
    if already:
        text += " " + ngettext(
            "%(n)d hadde fått den fra før og får den ikke igjen.",
            "%(n)d hadde fått den fra før og får den ikke igjen.",
            already,
        ) % {"n": already}
    return text


@login_required
@require_POST
def followup_send(request, slug):
    arena = staff_perms(request, slug).arena
    queued, already, skipped = followups_send(arena=arena, base_url=request.build_absolute_uri("/"))
    messages.success(request, _followup_sent_message(queued, already))
    if skipped:
        messages.warning(
            request,
            _("Disse tiltakene mangler e-post til kontaktpersonen: %(titles)s")
            % {"titles": ", ".join(skipped)},
        )
    return redirect("measures:followup-list", slug=arena.slug)


@login_required
def followup_export(request, slug):
    arena = staff_perms(request, slug).arena
    rows = followup_overview(arena, stalled_weeks=_stalled_weeks(request))
    export_log_add(arena=arena, user=request.user, what="followup-csv")
    response = HttpResponse(followup_csv(rows), content_type=FORMATS["csv"].content_type)
    filename = export_filename(arena.slug, "csv", stem="oppfolging")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def followup_report_view(request, token):
    measure = get_object_or_404(
        followed(Measure.objects.select_related("arena")), followup_token=token
    )
    if not measure.arena.followup_open(timezone.localdate()):
        # The follow-up period is over or the arena archived: the link says so and takes
        # nothing (410: it existed, and will not come back).
        context = {"arena": measure.arena}
        return render(request, "measures/followup_closed.html", context, status=410)
    form = FollowUpUpdateForm(request.POST or None)
    if (
        request.method == "POST"
        and form.is_valid()
        and not limits.exceeded(request, "followup-report", who=token)
    ):
        followup_report(measure=measure, **form.cleaned_data)
        messages.success(request, _("Takk! Statusen er lagret."))
        return redirect("measures:followup-report", token=token)
    history = measure.followups.order_by("-reported_on", "-id")
    context = {"measure": measure, "arena": measure.arena, "form": form, "history": history}
    return render(request, "measures/followup_report.html", context)
