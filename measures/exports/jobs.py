"""Big exports outside the request (decision 47): the summary page's export of a big arena
writes an `ExportJob` row and its task; the queue's worker (`manage.py db_worker`, as for mail,
decision 28) builds the file into the row; the job page polls it and offers the download.

Small exports stay in the request: a job is only worth its waiting page where the file takes
seconds to build (DOCX and PDF, many measures)."""

import dataclasses
import logging
from datetime import timedelta

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django_tasks import task

from measures.exports.options import ExportOptions
from measures.models import ExportJob, Measure

logger = logging.getLogger(__name__)
Status = ExportJob.Status
# The formats whose build time grows with the measures into tens of seconds (issue 11: DOCX
# 13.9 s, PDF 80-140 s at 1,000 measures); CSV, XLSX and JSON take a few seconds at most.
SLOW_FORMATS = ("docx", "pdf")
# A job still running this long after it started belongs to a worker that was killed (the
# queue does not rerun it): the clean-up marks it failed, so its page stops waiting.
STALE_AFTER = timedelta(minutes=30)
# An unfinished job created this recently with the same choices is the same export: a second
# click or a reload of the GET form finds it instead of queueing another. A finished one is
# not reused: the arena may have changed since.
REUSE_WINDOW = timedelta(minutes=10)


def export_is_big(*, arena, fmt, options):
    """True if this export should be a background job: a slow format over the threshold of
    measures it covers (drafts in an appendix count too). One COUNT query."""
    if fmt not in SLOW_FORMATS:
        return False
    statuses = set(options.statuses)
    if options.drafts_appendix:
        statuses.add(Measure.Status.DRAFT)
    covered = Measure.objects.filter(arena=arena, status__in=statuses).count()
    return covered > settings.EXPORT_BACKGROUND_MEASURES


@transaction.atomic
def export_job_create(*, arena, user, fmt, options):
    """The job for this export: an unfinished one with the same choices by the same person,
    or a new queued one with its task (both in this transaction, or neither)."""
    stored = dataclasses.asdict(options)
    same = ExportJob.objects.defer("content").filter(
        arena=arena,
        user=user,
        format=fmt,
        options=stored,
        status__in=(Status.QUEUED, Status.RUNNING),
        created_at__gte=timezone.now() - REUSE_WINDOW,
    )
    job = same.first()
    if job is not None:
        return job
    job = ExportJob.objects.create(arena=arena, user=user, format=fmt, options=stored)
    export_job_run.enqueue(job.pk)
    return job


@task()
def export_job_run(job_id):
    """Build the job's file once. The claim (queued → running) is one UPDATE, so a task that
    runs twice builds once; any error marks the job failed instead of leaving it running."""
    from measures.exports import render_export

    claimed = ExportJob.objects.filter(pk=job_id, status=Status.QUEUED).update(
        status=Status.RUNNING, started_at=timezone.now()
    )
    if not claimed:
        return "skipped"
    job = ExportJob.objects.select_related("arena").defer("content").get(pk=job_id)
    try:
        content = render_export(job.arena, job.format, ExportOptions(**job.options))
    except Exception as error:  # noqa: BLE001 - whatever broke, the page must say "failed"
        logger.exception("export job %s failed", job_id)
        ExportJob.objects.filter(pk=job_id).update(
            status=Status.FAILED, error=type(error).__name__[:200], finished_at=timezone.now()
        )
        return "failed"
    ExportJob.objects.filter(pk=job_id).update(
        status=Status.DONE, content=content, size=len(content), finished_at=timezone.now()
    )
    return "done"


def export_jobs_delete_old(*, now=None):
    """Delete the jobs (and their files) older than EXPORT_JOB_KEEP_HOURS, and mark failed the
    ones whose worker died while building them; how many were deleted."""
    now = now or timezone.now()
    ExportJob.objects.filter(status=Status.RUNNING, started_at__lt=now - STALE_AFTER).update(
        status=Status.FAILED, error="WorkerLost", finished_at=now
    )
    cutoff = now - timedelta(hours=settings.EXPORT_JOB_KEEP_HOURS)
    deleted, _ = ExportJob.objects.filter(created_at__lt=cutoff).delete()
    return deleted
