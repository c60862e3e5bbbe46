"""Same idea at two tables, in a real browser at 375 and 1280 px: the table writing a measure
sees the other table's (and, with htmx, as it types), and the facilitator merges the two
keeping every contributor and dot, then undoes it. Zero axe violations on every new page."""

import pytest
from django.conf import settings
from django.test import Client

from arena.models import ArenaMembership
from measures.models import Measure, Vote
from tests import factories
from tests.browser.conftest import (
    VIEWPORTS,
    assert_accessible_and_local,
    axe_violations_without_script,
    shoot,
)

LÆRLING = "Felles formidling av læreplasser mellom skolene og bedriftene i regionen"


@pytest.fixture
def room(db):
    arena = factories.ArenaFactory(slug="buskerud", join_code="BUS7Q4K")
    bord1 = factories.GroupFactory(arena=arena, name="Bord 1")
    bord2 = factories.GroupFactory(arena=arena, name="Bord 2")
    kept = factories.MeasureFactory(
        arena=arena, group=bord1, title="Felles formidling", description=LÆRLING
    )
    merged = factories.MeasureFactory(
        arena=arena, group=bord2, title="Læreplassformidling", description=LÆRLING,
        status=Measure.Status.SUBMITTED,
    )  # fmt: skip
    kari = factories.ParticipantFactory(arena=arena, group=bord1, display_name="Kari Bord1")
    ola = factories.ParticipantFactory(arena=arena, group=bord2, display_name="Ola Bord2")
    kept.authors.add(kari)
    merged.authors.add(ola)
    factories.VoteFactory(measure=kept, participant=kari, dots=1)
    factories.VoteFactory(measure=merged, participant=kari, dots=2)
    factories.VoteFactory(measure=merged, participant=ola, dots=3)
    factories.CommitmentFactory(
        measure=merged, organisation=factories.OrganisationFactory(name="NHO Buskerud")
    )
    factories.CommentFactory(measure=merged, participant=ola, text="Ta med bedriftene")
    user = factories.UserFactory(username="fride")
    factories.ArenaMembershipFactory(arena=arena, user=user, role=ArenaMembership.Role.FACILITATOR)
    return {"arena": arena, "kept": kept, "merged": merged, "kari": kari, "ola": ola, "user": user}


def signed_in(new_page, viewport, user, live_server):
    client = Client()
    client.force_login(user)
    page = new_page(viewport)
    cookie = client.cookies[settings.SESSION_COOKIE_NAME].value
    page.context.add_cookies(
        [{"name": settings.SESSION_COOKIE_NAME, "value": cookie, "url": live_server.url}]
    )
    return page


@VIEWPORTS
def test_a_merge_keeping_contributors_and_dots(new_page, viewport, room, live_server):
    kept, merged = room["kept"], room["merged"]
    page = signed_in(new_page, viewport, room["user"], live_server)
    page.goto(f"/a/buskerud/tiltak/{kept.pk}/")
    panel = page.locator("#lignende")
    panel.get_by_role("link", name="Læreplassformidling").wait_for()
    assert_accessible_and_local(page)

    panel.get_by_role("button", name="Slå sammen … med «Læreplassformidling»").click()
    page.get_by_role(
        "heading", name="Slå sammen «Felles formidling» og «Læreplassformidling»?"
    ).wait_for()
    page.get_by_text("5 prikker flyttes over.").wait_for()
    assert_accessible_and_local(page)
    page.get_by_role("button", name="Ja, slå sammen og behold «Felles formidling»").click()

    page.wait_for_url(f"**/a/buskerud/tiltak/{kept.pk}/")
    page.get_by_text("er slått sammen med «Felles formidling»").wait_for()
    page.get_by_role("heading", name="Slått sammen inn hit").wait_for()
    assert page.get_by_text("6 prikker i alt.").is_visible()
    assert page.get_by_text("Ola Bord2").first.is_visible()
    assert page.get_by_text("Kari Bord1").first.is_visible()
    assert page.get_by_text("NHO Buskerud").is_visible()
    assert page.get_by_text("Ta med bedriftene").is_visible()
    assert_accessible_and_local(page)
    assert dict(Vote.objects.filter(measure=kept).values_list("participant", "dots")) == {
        room["kari"].pk: 3,
        room["ola"].pk: 3,
    }

    # The merged measure's page says where it went; undo is two steps, and puts it back.
    page.goto(f"/a/buskerud/tiltak/{merged.pk}/")
    page.get_by_text("Dette tiltaket er slått sammen med «Felles formidling».").wait_for()
    assert_accessible_and_local(page)
    page.get_by_role("button", name="Angre sammenslåingen …").click()
    page.get_by_role("button", name="Ja, angre sammenslåingen").wait_for()
    assert_accessible_and_local(page)
    page.get_by_role("button", name="Ja, angre sammenslåingen").click()
    page.get_by_text("Sammenslåingen er angret").wait_for()
    assert Measure.objects.filter(pk=merged.pk).exists()
    assert Vote.objects.filter(measure=merged).count() == 2


@VIEWPORTS
def test_the_table_sees_the_other_tables_idea_as_it_writes(new_page, viewport, room):
    arena = room["arena"]
    mine = factories.MeasureFactory(arena=arena, group=room["kept"].group, title="Nytt tiltak")
    factories.MeasureFactory(
        arena=arena, group=room["merged"].group, title="Språkkafé",
        description="Språkkafé for nyankomne på biblioteket",
    )  # fmt: skip
    page = new_page(viewport)
    page.goto(f"/fortsett/{room['kari'].resume_token}/")
    page.goto(f"/a/buskerud/hjem/tiltak/{mine.pk}/rediger/1/")
    similar = page.locator("#similar-measures")
    assert not similar.get_by_role("link", name="Språkkafé").count()
    description = page.locator("#measure-form [name=description]")
    description.fill("En språkkafé for nyankomne, på biblioteket")
    description.blur()
    page.locator("#similar-measures").get_by_role("link", name="Språkkafé").wait_for()
    assert_accessible_and_local(page)

    # Without JavaScript, the review page shows what was saved.
    nojs = new_page(viewport, java_script_enabled=False)
    nojs.goto(f"/fortsett/{room['ola'].resume_token}/")
    nojs.goto(f"/a/buskerud/hjem/tiltak/{room['merged'].pk}/se-over/")
    nojs.locator("#similar-measures").get_by_role("link", name="Felles formidling").wait_for()
    assert axe_violations_without_script(nojs, new_page) == []
    assert nojs.origin_watcher.foreign == []


@VIEWPORTS
def test_the_facilitation_board_lists_the_alike_pair_and_leads_to_it(
    new_page, viewport, room, live_server
):
    kept, merged = room["kept"], room["merged"]
    Measure.objects.filter(pk=kept.pk).update(status=Measure.Status.SUBMITTED)
    page = signed_in(new_page, viewport, room["user"], live_server)
    page.goto("/a/buskerud/fasilitering/")
    pairs = page.locator(".similar-pairs")
    pairs.get_by_role("heading", name="Like tiltak fra ulike bord").wait_for()
    assert pairs.get_by_text("«Felles formidling» (Bord 1)", exact=True).is_visible()
    assert pairs.get_by_text("og «Læreplassformidling» (Bord 2)", exact=True).is_visible()
    assert_accessible_and_local(page)
    shoot(page, f"facilitation-pairs-{viewport['width']}", full_page=True)

    pairs.get_by_role(
        "link", name="Sammenlign «Felles formidling» og «Læreplassformidling»"
    ).click()
    page.wait_for_url(f"**/a/buskerud/tiltak/{kept.pk}/?lignende={merged.pk}#lignende")
    panel = page.locator("#lignende")
    panel.get_by_role("button", name="Slå sammen … med «Læreplassformidling»").wait_for()
    assert_accessible_and_local(page)
