"""Cases for a big export's job page and download (decision 47): the arena's staff only;
another arena's job under this arena's slug is 404 for everyone."""

from measures.models import ExportJob
from tests.permission_cases import Case, staff, wrong_arena


def _job(world, arena=None):
    job = ExportJob.objects.create(
        arena=arena or world.arena,
        format="docx",
        options={"language": "nb"},
        status=ExportJob.Status.DONE,
        content=b"PK not really a docx",
        size=20,
    )
    return {"slug": world.arena.slug, "pk": job.pk}


def _other_arenas_job(world):
    return _job(world, world.other_arena)


CASES = [
    Case("measures:export-job-detail", staff(200), kwargs=_job),
    Case("measures:export-job-download", staff(200), kwargs=_job),
    # POST is answered as GET: both only read (the download writes only its log line).
    Case("measures:export-job-detail", staff(200), method="post", kwargs=_job),
    wrong_arena("measures:export-job-detail", _other_arenas_job, expect=staff(404)),
    wrong_arena("measures:export-job-download", _other_arenas_job, expect=staff(404)),
]
