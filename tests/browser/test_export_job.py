"""A big export's job page in a real browser (decision 47): accessible at 375 and 1280 px, and
its status part polls by itself until the file is ready, then offers the download."""

from django.test import Client

from arena.models import ArenaMembership
from measures.models import ExportJob
from tests import factories
from tests.browser.conftest import VIEWPORTS, assert_accessible_and_local, shoot


def _lead_page(new_page, viewport, live_server):
    arena = factories.ArenaFactory(title="Arena for økt yrkesdeltagelse", slug="buskerud")
    user = factories.UserFactory(username="prosjektleder")
    factories.ArenaMembershipFactory(arena=arena, user=user, role=ArenaMembership.Role.PROJECT_LEAD)
    client = Client()
    client.force_login(user)
    page = new_page(viewport)
    page.context.add_cookies(
        [{"name": "sessionid", "value": client.cookies["sessionid"].value, "url": live_server.url}]
    )
    return arena, page


@VIEWPORTS
def test_the_job_page_polls_until_the_file_is_ready(new_page, viewport, live_server):
    arena, page = _lead_page(new_page, viewport, live_server)
    job = ExportJob.objects.create(arena=arena, format="pdf", options={"language": "nb"})
    response = page.goto(f"/a/buskerud/oppsummering/eksport/{job.pk}/")
    assert response.status == 200
    assert "I kø" in page.locator("#export-job-status").inner_text()
    assert_accessible_and_local(page)
    shoot(page, f"export-job-queued-{viewport['width']}", full_page=True)

    # The worker finishes it: the page notices by itself, without a reload.
    ExportJob.objects.filter(pk=job.pk).update(
        status=ExportJob.Status.DONE, content=b"%PDF-1.7", size=8, finished_at=job.created_at
    )
    download = page.get_by_role("link", name="Last ned filen")
    download.wait_for(timeout=10_000)
    assert "Filen er klar" in page.locator("#export-job-status").inner_text()
    assert_accessible_and_local(page)
    shoot(page, f"export-job-done-{viewport['width']}", full_page=True)


@VIEWPORTS
def test_a_failed_job_page_is_accessible(new_page, viewport, live_server):
    arena, page = _lead_page(new_page, viewport, live_server)
    job = ExportJob.objects.create(arena=arena, format="docx", status=ExportJob.Status.FAILED)
    page.goto(f"/a/buskerud/oppsummering/eksport/{job.pk}/")
    assert "Filen kunne ikke lages" in page.locator("main").inner_text()
    assert_accessible_and_local(page)
