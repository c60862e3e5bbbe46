"""A big export's waiting page and its download (decision 47). Any staff member of the arena
who may export reaches them (arena/access.py); everyone else, and another arena's job, 404."""

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.utils import timezone, translation

from arena.access import staff_perms
from measures.exports import FORMATS, export_filename
from measures.models import ExportJob
from measures.privacy import export_log_add

# Seconds between the page's polls while the job is queued or running.
POLL_SECONDS = 3


def _job(request, slug, pk, *, with_content=False):
    perms = staff_perms(request, slug)
    if not perms.can_export:
        raise Http404
    jobs = ExportJob.objects.filter(arena=perms.arena)
    return perms, get_object_or_404(jobs if with_content else jobs.defer("content"), pk=pk)


@login_required
def job_detail(request, slug, pk):
    perms, job = _job(request, slug, pk)
    context = {
        "arena": perms.arena,
        "perms": perms,
        "job": job,
        "format": FORMATS.get(job.format),
        "poll_seconds": POLL_SECONDS,
    }
    # htmx polls the status part only; without JS the whole page is reloaded by its link.
    template = "measures/_export_job_status.html" if request.htmx else "measures/export_job.html"
    return render(request, template, context)


@login_required
def job_download(request, slug, pk):
    perms, job = _job(request, slug, pk, with_content=True)
    if job.status != ExportJob.Status.DONE or job.content is None:
        raise Http404
    export_log_add(arena=perms.arena, user=request.user, what=job.format)
    built_on = timezone.localdate(job.finished_at)
    with translation.override(job.options.get("language") or perms.arena.default_language):
        filename = export_filename(perms.arena.slug, job.format, today=built_on)
    response = HttpResponse(bytes(job.content), content_type=FORMATS[job.format].content_type)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response["Cache-Control"] = "no-store"  # a report with names and addresses
    return response
