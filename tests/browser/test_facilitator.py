"""The facilitator workspace in Chromium: the set-up journey, the live board, and every page
free of axe violations at phone and laptop width."""

import datetime
import re

import pytest
from django.conf import settings
from django.test import Client
from playwright.sync_api import expect

from arena.models import Arena
from tests import factories
from tests.browser.conftest import LAPTOP, PHONE, axe_violations, settle, shoot


@pytest.fixture
def demo(db):
    """A used arena with a facilitator: themes, tables, program, people and measures."""
    arena = factories.ArenaFactory(
        title="Arena for økt yrkesdeltagelse",
        slug="buskerud",
        join_code="BUS7Q4K",
        purpose="Fra planer til konkret handling.",
        venue="Drammen",
    )
    user = factories.UserFactory(username="kari", first_name="Kari", last_name="Fasilitator")
    factories.ArenaMembershipFactory(arena=arena, user=user, role="facilitator")
    plan = factories.PlanFactory(title="Regional plan for kunnskapssamfunnet")
    factories.PlanGoalFactory(plan=plan, text="Flere fullfører videregående")
    arena.plans.add(plan)
    areas = [
        factories.ProblemAreaFactory(arena=arena, title=title, order=i)
        for i, title in enumerate(
            ["Øke fullføringen i yrkesfag", "Heve basiskompetansen i befolkningen"]
        )
    ]
    factories.TargetGroupFactory(arena=arena, name="Unge voksne")
    groups = [
        factories.GroupFactory(arena=arena, name=name, order=n)
        for n, name in enumerate(["Bord Nord", "Bord Sør", "Bord Vest"])
    ]
    groups[0].problem_areas.add(areas[0])
    factories.ProgramSessionFactory(
        arena=arena,
        title="Velkommen",
        kind="plenary",
        allows_editing=False,
        starts_at=datetime.time(9),
        ends_at=datetime.time(10),
    )
    factories.ProgramSessionFactory(arena=arena, title="Gruppearbeid 1", is_current=True)
    factories.ProgramSessionFactory(
        arena=arena,
        title="Prioritering",
        kind="prioritisation",
        day=arena.end_date,
    )
    kinds = ["kommune", "vgs", "statlig", "naeringsliv"]
    for n, group in enumerate(groups * 2):
        org = factories.OrganisationFactory(name=f"Aktør {n}", kind=kinds[n % 4])
        factories.ParticipantFactory(arena=arena, group=group, organisation=org)
    measure = factories.MeasureFactory(
        arena=arena,
        group=groups[0],
        title="Felles formidling av læreplasser",
        description="Mange lærlingplasser i industrien står tomme.",
        horizon="medium",
    )
    measure.problem_areas.add(areas[0])
    factories.MeasureActorFactory(measure=measure, role_kind="lead")
    factories.MeasureFactory(arena=arena, group=groups[1], title="Karrieresenter på skolen")
    return arena, user


def log_in(page, user, live_server):
    client = Client()
    client.force_login(user)
    page.context.add_cookies(
        [
            {
                "name": settings.SESSION_COOKIE_NAME,
                "value": client.cookies[settings.SESSION_COOKIE_NAME].value,
                "url": live_server.url,
            }
        ]
    )


def test_log_in_copy_an_arena_add_a_session_and_print_the_poster(new_page, demo):
    arena, user = demo
    user.set_password(factories.PASSWORD)
    user.save()
    page = new_page(LAPTOP)
    page.goto("/")
    page.get_by_role("link", name="Logg inn").click()
    page.get_by_label("Brukernavn").fill("kari")
    page.get_by_label("Passord").fill(factories.PASSWORD)
    page.get_by_role("button", name="Logg inn").click()
    expect(page.get_by_role("heading", name="Mine arenaer")).to_be_visible()
    shoot(page, "fac-start", full_page=True)

    page.get_by_role("link", name=f"Kopier {arena.title}").click()
    page.get_by_label("Tittel").fill("Arena for økt yrkesdeltagelse 2027")
    page.get_by_label("Første dag").fill("2027-03-09")
    page.get_by_role("button", name="Lag arenaen").click()
    expect(page.get_by_text("Arenaen er laget.")).to_be_visible()
    copy = Arena.objects.get(title="Arena for økt yrkesdeltagelse 2027")
    assert copy.end_date == datetime.date(2027, 3, 10)
    assert copy.sessions.count() == 3
    shoot(page, "fac-overview", full_page=True)

    page.get_by_role("link", name="Program", exact=True).click()
    page.get_by_role("link", name="Legg til programpost").click()
    page.get_by_label("Dag").select_option("2027-03-10")
    page.get_by_label("Starter").fill("13:00")
    page.get_by_label("Slutter").fill("14:00")
    page.get_by_label("Tittel").fill("Gallerivandring")
    page.get_by_label("Type").select_option("gallery_walk")
    page.get_by_role("button", name="Lagre").click()
    expect(page.get_by_text("Programposten er lagret.")).to_be_visible()
    expect(page.get_by_role("cell", name="Gallerivandring", exact=True).first).to_be_visible()
    shoot(page, "fac-program", full_page=True)

    page.get_by_role("link", name="Skriv ut plakat").first.click()
    expect(page.locator(".poster-qr svg")).to_be_visible()
    expect(page.get_by_text(f"/bli-med/{copy.join_code}/")).to_be_visible()
    page.emulate_media(media="print")
    assert not page.locator(".facilitate-header").is_visible()
    assert not page.get_by_role("button", name="Skriv ut").is_visible()
    code_size = page.locator(".poster-code").evaluate(
        "e => parseFloat(getComputedStyle(e).fontSize)"
    )
    assert code_size >= 80  # 60 pt = 80 px
    shoot(page, "fac-poster-print", full_page=True)
    pdf = page.pdf(format="A4")
    assert len(re.findall(rb"/Type\s*/Page(?!s)", pdf)) == 1  # the poster fits one sheet


def _create_measure(arena, group, title):
    import uuid

    from measures.services import measure_create

    editor = factories.ParticipantFactory(arena=arena, group=group)
    measure_create(arena=arena, group=group, title=title, creation_key=uuid.uuid4(), editor=editor)


def test_facilitation_screen_shows_a_measure_created_elsewhere(
    new_page, demo, live_server, fast_polls
):
    arena, user = demo
    page = new_page(LAPTOP)
    log_in(page, user, live_server)
    page.goto(f"/a/{arena.slug}/fasilitering/")
    expect(page.get_by_test_id("measures")).to_have_text("2")
    shoot(page, "fac-facilitation", full_page=True)
    # Through the service a participant's "Nytt tiltak" uses: it bumps the arena's revision,
    # which is what the polling board watches.
    _create_measure(arena, arena.groups.get(name="Bord Vest"), "Språkpraksis i bedrift")
    expect(page.get_by_test_id("measures")).to_have_text("3", timeout=15_000)
    expect(page.get_by_text("Språkpraksis i bedrift").first).to_be_visible()
    assert page.origin_watcher.foreign == []


def test_wall_shows_new_measures_and_the_revealed_ranking(new_page, demo, live_server, fast_polls):
    arena, user = demo
    prio = arena.sessions.get(title="Prioritering")
    arena.sessions.update(is_current=False)
    prio.is_current = True
    prio.save()
    arena.ranking_revealed = True
    arena.save()
    measure = arena.measures.get(title="Karrieresenter på skolen")
    measure.status = "submitted"  # only measures sent in are ranked (decision 42)
    measure.save()
    factories.VoteFactory(measure=measure, dots=3, participant=arena.participants.first())
    factories.CommitmentFactory(measure=measure)
    page = new_page(LAPTOP)
    log_in(page, user, live_server)
    page.goto(f"/a/{arena.slug}/vegg/")
    expect(page.get_by_text("3 prikker · 1 blir med")).to_be_visible()
    shoot(page, "fac-wall", full_page=True)
    _create_measure(arena, arena.groups.first(), "Sommerjobb for unge")
    expect(page.locator(".wall-measure-title", has_text="Sommerjobb for unge")).to_be_visible(
        timeout=15_000
    )


def staff_pages(arena):
    topic = arena.problem_areas.first()
    group = arena.groups.first()
    session = arena.sessions.first()
    plan = arena.plans.first()
    base = f"/a/{arena.slug}/"
    return [
        "/",
        "/ny-arena/",
        base,
        base + "rediger/",
        base + "plakat/",
        base + "personer/",
        base + "planer/",
        base + "planer/ny/",
        base + f"planer/{plan.pk}/rediger/",
        base + "program/",
        base + "program/ny/",
        base + f"program/{session.pk}/rediger/",
        base + "temaer/",
        base + "temaer/malgruppe/ny/",
        base + f"temaer/problemstilling/{topic.pk}/rediger/",
        base + "bord/",
        base + "bord/nytt/",
        base + f"bord/{group.pk}/rediger/",
        base + "fasilitering/",
        base + "vegg/",
        "/konto/password_change/",
    ]


PUBLIC_PAGES = [
    "/konto/login/",
    "/konto/password_reset/",
    "/konto/password_reset/done/",
    "/konto/reset/MQ/ugyldig/",
    "/konto/reset/done/",
]


@pytest.mark.parametrize("viewport", [PHONE, LAPTOP], ids=["375px", "1280px"])
def test_every_facilitator_page_is_accessible_and_self_contained(
    new_page, demo, live_server, viewport
):
    arena, user = demo
    prio = arena.sessions.get(title="Prioritering")
    arena.sessions.update(is_current=False)
    prio.is_current = True
    prio.save()
    arena.ranking_revealed = True
    arena.save()
    factories.VoteFactory(
        measure=arena.measures.first(), dots=2, participant=arena.participants.first()
    )
    page = new_page(viewport)
    problems = {}
    for path in PUBLIC_PAGES:
        response = page.goto(path)
        assert response.status == 200, path
        settle(page)
        problems[path] = axe_violations(page)
    log_in(page, user, live_server)
    for path in staff_pages(arena):
        response = page.goto(path)
        assert response.status == 200, path
        settle(page)
        problems[path] = axe_violations(page)
        name = re.sub(r"\W+", "-", path).strip("-") or "start"
        shoot(page, f"fac-{viewport['width']}-{name}", full_page=True)
    # A form with errors, as a facilitator sees it after a mistake.
    page.goto(f"/a/{arena.slug}/program/ny/")
    page.get_by_label("Starter").fill("12:00")
    page.get_by_label("Slutter").fill("11:00")
    page.get_by_role("button", name="Lagre").click()
    expect(page.get_by_text("Slutt må være etter start.")).to_be_visible()
    problems["session form with errors"] = axe_violations(page)
    found = {path: found for path, found in problems.items() if found}
    assert found == {}, "\n".join(f"{path}: {v}" for path, v in found.items())
    assert page.origin_watcher.foreign == []


def test_facilitation_works_as_a_plain_page_without_javascript(new_page, demo, live_server):
    arena, user = demo
    page = new_page(LAPTOP, java_script_enabled=False)
    log_in(page, user, live_server)
    page.goto(f"/a/{arena.slug}/fasilitering/")
    expect(page.get_by_test_id("measures")).to_have_text("2")
    expect(page.get_by_text("Uten JavaScript: last siden på nytt.")).to_be_visible()
    page.get_by_role("button", name=re.compile(r"^Start nå\W+Velkommen$")).click()
    expect(page.get_by_text("Nå: Velkommen. Redigering er lukket.")).to_be_visible()
    page.get_by_role("button", name="Åpne redigering").click()
    expect(page.get_by_text("Deltakerne kan nå lage og endre tiltak.")).to_be_visible()
    arena.refresh_from_db()
    assert arena.editing_open is True
    assert arena.sessions.get(is_current=True).title == "Velkommen"
