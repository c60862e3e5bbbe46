"""Big exports go to the job queue (decision 47): the summary's export of a big arena makes a
job, the worker builds the file, the job page shows it and its download is the same file a
small arena gets at once. Against the real database and the queue's own worker code."""

import datetime
import io

import pytest
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone
from docx import Document
from pypdf import PdfReader

from measures.exports import jobs
from measures.exports.options import ExportOptions
from measures.models import ExportJob, ExportLog
from measures.privacy import arena_personal_data_purge
from tests.measures.lead_world import build_summary_arena

pytestmark = pytest.mark.django_db


@pytest.fixture
def big(arena, settings):
    """The hand-built arena (two measures past draft, one of them agreed), with a threshold
    that makes any report of it big."""
    settings.EXPORT_BACKGROUND_MEASURES = 0
    build_summary_arena(arena)
    return arena


def export(client, arena, fmt, **params):
    url = reverse("measures:summary-export", kwargs={"slug": arena.slug, "fmt": fmt})
    return client.get(url, params)


def job_url(job, name="export-job-detail"):
    return reverse(f"measures:{name}", kwargs={"slug": job.arena.slug, "pk": job.pk})


def test_a_big_arenas_docx_goes_to_the_queue_and_the_page_says_queued(lead, big):
    response = export(lead, big, "docx", omfang="agreed", sprak="nn")
    job = ExportJob.objects.get()
    assert response.status_code == 302
    assert response.url == job_url(job)
    assert job.status == ExportJob.Status.QUEUED
    assert job.format == "docx"
    assert job.options["scope"] == "agreed"
    assert job.options["language"] == "nn"
    page = lead.get(response.url)
    assert page.status_code == 200
    text = page.content.decode()
    assert "I kø" in text
    assert 'hx-trigger="every 3s"' in text
    assert "Oppdater siden" in text  # the reload link, for a browser without JS
    assert job_url(job, "export-job-download") not in text
    # Nothing downloaded yet, and the unfinished file cannot be.
    assert lead.get(job_url(job, "export-job-download")).status_code == 404
    assert not ExportLog.objects.exists()


def test_the_worker_builds_the_docx_and_the_download_is_a_docx(lead, big, run_tasks):
    job_page = export(lead, big, "docx", sprak="nn").url
    run_tasks()
    job = ExportJob.objects.get()
    assert job.status == ExportJob.Status.DONE
    assert job.finished_at is not None
    page = lead.get(job_page)
    assert "Filen er klar" in page.content.decode()
    assert "hx-trigger" not in page.content.decode()  # polling stops once it is done
    response = lead.get(job_url(job, "export-job-download"))
    assert response.status_code == 200
    assert response["Cache-Control"] == "no-store"
    assert response["Content-Disposition"].endswith('.docx"')
    document = Document(io.BytesIO(response.content))
    assert document.core_properties.language == "nn-NO"
    assert job.size == len(response.content)
    assert ExportLog.objects.get().what == "docx"


def test_the_worker_builds_the_pdf_and_the_download_is_a_pdf(lead, big, run_tasks):
    export(lead, big, "pdf")
    run_tasks()
    job = ExportJob.objects.get()
    response = lead.get(job_url(job, "export-job-download"))
    reader = PdfReader(io.BytesIO(response.content))
    assert len(reader.pages) >= 1
    assert reader.trailer["/Root"]["/Lang"] == "nb-NO"
    assert response["Content-Type"] == "application/pdf"


def test_a_second_click_finds_the_unfinished_job_instead_of_queueing_another(lead, big):
    first = export(lead, big, "pdf").url
    assert export(lead, big, "pdf").url == first
    assert export(lead, big, "pdf", omfang="agreed").url != first  # other choices, other job
    assert ExportJob.objects.count() == 2


def test_small_exports_stay_immediate(lead, arena, settings, run_tasks):
    build_summary_arena(arena)  # two measures past draft: not more than the threshold
    settings.EXPORT_BACKGROUND_MEASURES = 2
    response = export(lead, arena, "docx")
    assert response.status_code == 200
    Document(io.BytesIO(response.content))
    settings.EXPORT_BACKGROUND_MEASURES = 0
    assert export(lead, arena, "csv").status_code == 200  # a fast format is never a job
    assert not ExportJob.objects.exists()


def test_drafts_in_the_appendix_count_towards_big(arena, settings):
    world = build_summary_arena(arena)
    settings.EXPORT_BACKGROUND_MEASURES = 2  # two past draft, two drafts
    covered = {"arena": arena, "fmt": "pdf"}
    assert not jobs.export_is_big(**covered, options=ExportOptions())
    assert jobs.export_is_big(**covered, options=ExportOptions(drafts="appendix")), world


def test_a_failed_build_says_so_in_norwegian_with_what_to_do(lead, big, run_tasks):
    export(lead, big, "docx")
    ExportJob.objects.update(format="nope")  # the renderer has no such format: it raises
    run_tasks()
    job = ExportJob.objects.get()
    assert job.status == ExportJob.Status.FAILED
    assert job.error == "KeyError"
    text = lead.get(job_url(job)).content.decode()
    assert "Filen kunne ikke lages" in text
    assert "Prøv igjen" in text
    assert "hx-trigger" not in text


def test_another_arenas_staff_get_404(big, lead, run_tasks, other_arena, facilitator_other_arena):
    export(lead, big, "docx")
    run_tasks()
    job = ExportJob.objects.get()
    from django.test import Client

    outsider = Client()
    outsider.force_login(facilitator_other_arena)
    assert outsider.get(job_url(job)).status_code == 404
    assert outsider.get(job_url(job, "export-job-download")).status_code == 404
    # Their own arena's slug with this arena's job: 404 too.
    wrong = {"slug": other_arena.slug, "pk": job.pk}
    assert outsider.get(reverse("measures:export-job-detail", kwargs=wrong)).status_code == 404


def test_any_staff_member_of_the_arena_sees_the_job(lead_client, fac, big):
    url = export(lead_client, big, "docx").url
    assert fac.get(url).status_code == 200


def test_the_job_page_takes_a_fixed_number_of_queries(lead, big, django_assert_num_queries):
    url = export(lead, big, "docx").url
    # session, user, arena, membership (staff_perms), the job without its file
    with django_assert_num_queries(5):
        assert lead.get(url).status_code == 200
    with django_assert_num_queries(5):
        assert lead.get(url, headers={"HX-Request": "true"}).status_code == 200


def test_old_jobs_are_deleted_after_a_day(lead, big, run_tasks):
    export(lead, big, "docx")
    run_tasks()
    ExportJob.objects.update(created_at=timezone.now() - datetime.timedelta(hours=25))
    fresh = ExportJob.objects.create(arena=big, format="pdf")
    call_command("export_jobs_clean", stdout=io.StringIO())
    assert list(ExportJob.objects.values_list("pk", flat=True)) == [fresh.pk]


def test_a_job_whose_worker_died_is_marked_failed_by_the_clean_up(big):
    long_ago = timezone.now() - datetime.timedelta(hours=1)
    lost = ExportJob.objects.create(
        arena=big, format="pdf", status=ExportJob.Status.RUNNING, started_at=long_ago
    )
    busy = ExportJob.objects.create(
        arena=big, format="pdf", status=ExportJob.Status.RUNNING, started_at=timezone.now()
    )
    jobs.export_jobs_delete_old()
    lost.refresh_from_db()
    busy.refresh_from_db()
    assert (lost.status, lost.error) == (ExportJob.Status.FAILED, "WorkerLost")
    assert busy.status == ExportJob.Status.RUNNING


def test_a_task_run_twice_builds_once(lead, big, run_tasks):
    export(lead, big, "docx")
    job = ExportJob.objects.get()
    run_tasks()
    assert jobs.export_job_run.func(job.pk) == "skipped"


def test_purging_the_arena_deletes_its_built_reports(big, other_arena):
    ExportJob.objects.create(arena=big, format="docx", content=b"x", size=1)
    kept = ExportJob.objects.create(arena=other_arena, format="docx")
    arena_personal_data_purge(arena=big)
    assert list(ExportJob.objects.values_list("pk", flat=True)) == [kept.pk]


def test_a_job_row_names_itself(big):
    assert "docx queued" in str(ExportJob.objects.create(arena=big, format="docx"))


@pytest.mark.parametrize(
    ("language", "queued", "reload"),
    [("nn", "I kø: fila blir laga straks", "Oppdater sida"), ("en", "Queued:", "Reload the page")],
)
def test_the_job_page_speaks_nynorsk_and_english(lead, big, settings, language, queued, reload):
    url = export(lead, big, "docx").url
    lead.cookies[settings.LANGUAGE_COOKIE_NAME] = language
    text = lead.get(url).content.decode()
    assert queued in text
    assert reload in text
