"""The privacy pages in a real browser (decision 33), accessible at 375 and 1280 px: the public
privacy page, anonymising one participant from the Deltakere tab, the export log on the
summary page, and a follow-up link that has ended."""

from arena.models import Arena
from measures.models import ExportLog, Measure
from participants.models import Participant
from tests.browser.conftest import VIEWPORTS, assert_accessible_and_local
from tests.browser.test_staff_pages import assert_no_sideways_scroll, staff_page, staff_world

__all__ = ["staff_world"]  # the fixture, used below by name


@VIEWPORTS
def test_the_privacy_page_is_accessible_and_linked_from_every_page(new_page, viewport):
    page = new_page(viewport)
    assert page.goto("/").status == 200
    page.get_by_role("link", name="Personvern", exact=True).click()
    assert page.locator("h1").inner_text() == "Personvern i Tiltaksarena"
    for heading in ("Hvem som er ansvarlig", "Hvordan det slettes", "Dine rettigheter", "Klage"):
        assert page.get_by_role("heading", name=heading).is_visible()
    assert page.get_by_text("Behandlingsansvarlig er Buskerud fylkeskommune").is_visible()
    assert page.get_by_role("link", name="datatilsynet.no").is_visible()
    assert_accessible_and_local(page)
    assert_no_sideways_scroll(page, viewport)


@VIEWPORTS
def test_a_facilitator_anonymises_a_participant_after_confirming(
    new_page, viewport, staff_world, live_server
):
    page = staff_page(new_page, viewport, staff_world["user"], live_server)
    assert page.goto("/a/buskerud/deltakere/").status == 200
    page.get_by_role("link", name="Anonymiser Nina Nav").click()
    assert page.get_by_role("heading", name="Anonymisere Nina Nav?").is_visible()
    assert_accessible_and_local(page)
    assert_no_sideways_scroll(page, viewport)
    page.get_by_role("button", name="Ja, anonymiser Nina Nav").click()
    message = page.get_by_text("Nina Nav heter nå «Deltaker")
    assert message.is_visible()
    assert_accessible_and_local(page)
    assert not Participant.objects.filter(display_name="Nina Nav").exists()


@VIEWPORTS
def test_the_export_log_on_the_summary_page(new_page, viewport, staff_world, live_server):
    ExportLog.objects.create(arena=staff_world["arena"], username="prosjektleder", what="docx")
    page = staff_page(new_page, viewport, staff_world["user"], live_server)
    assert page.goto("/a/buskerud/oppsummering/").status == 200
    page.get_by_text("Hvem har lastet ned arenaens data").click()
    assert page.get_by_role("cell", name="prosjektleder").is_visible()
    assert_accessible_and_local(page)


@VIEWPORTS
def test_an_ended_followup_link_says_so(new_page, viewport, staff_world):
    m1 = staff_world["m1"]
    Measure.objects.filter(pk=m1.pk).update(
        status=Measure.Status.AGREED, followup_token="lenke-for-nettlesertest-0000000000"
    )
    Arena.objects.filter(pk=staff_world["arena"].pk).update(status=Arena.Status.ARCHIVED)
    page = new_page(viewport)
    assert page.goto("/oppfolging/lenke-for-nettlesertest-0000000000/").status == 410
    assert page.locator("h1").inner_text() == "Lenken virker ikke lenger"
    assert_accessible_and_local(page)
