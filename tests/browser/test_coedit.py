"""Several people write one measure at once (issue 9): each test opens the editor in several
browser contexts and asserts on the database, not only on what the pages show."""

import json
import re
import time
import uuid

import pytest
from django.core.cache import cache
from playwright.sync_api import expect

from measures import editor as coedit
from measures.models import Measure, MeasureActor, MeasureChange
from tests import factories
from tests.browser.conftest import (
    LAPTOP,
    PHONE,
    VIEWPORTS,
    axe_violations,
    axe_violations_without_script,
    shoot,
)

SAVED = re.compile(r"Lagret \d\d:\d\d")
OFFLINE = "Frakoblet – teksten er trygg på denne enheten"


@pytest.fixture
def table():
    cache.clear()  # the feed's cache outlives the rolled-back rows of an earlier test
    arena = factories.ArenaFactory(slug="buskerud", join_code="BUS7Q4K")
    group = factories.GroupFactory(arena=arena, name="Bord 1")
    factories.ProblemAreaFactory(arena=arena, title="Frafall i videregående")
    factories.ProblemAreaFactory(arena=arena, title="Mangel på læreplasser")
    factories.TargetGroupFactory(arena=arena, name="Unge")
    factories.OrganisationFactory(name="NAV Buskerud")
    factories.OrganisationFactory(name="NHO Buskerud")
    measure = factories.MeasureFactory(arena=arena, group=group, title="Felles formidling")
    people = [
        factories.ParticipantFactory(arena=arena, group=group, display_name=name)
        for name in ("Aina", "Tor", "Kari")
    ]
    return measure, people


@pytest.fixture
def editor(new_page):
    """`editor(participant, measure, step)` → that person's page on that step; a script error
    on any page fails the test."""
    errors = []

    def open_(participant, measure, step, viewport=LAPTOP, **context_args):
        page = new_page(viewport, **context_args)
        page.on("pageerror", lambda error: errors.append(str(error)))
        page.goto(f"/fortsett/{participant.resume_token}/")
        page.goto(f"/a/{measure.arena.slug}/hjem/tiltak/{measure.pk}/rediger/{step}/")
        return page

    yield open_
    assert errors == []


def until(page, condition, seconds=10):
    """Wait for the database to get there (a save is on its way). The page's own timer keeps
    Playwright's loop turning, which a plain sleep would stall."""
    deadline = time.monotonic() + seconds
    while not condition():
        assert time.monotonic() < deadline, "the database never got there"
        page.wait_for_timeout(100)


def fresh(measure):
    return Measure.objects.get(pk=measure.pk)


def settled(page):
    """Nothing of this page is waiting to be sent or confirmed."""
    page.wait_for_function(
        "() => !Object.keys(localStorage).some(k => k.startsWith('ta:m:'))", timeout=15_000
    )


def append(locator, text):
    """Type at the end of what the field holds (focus alone puts the caret at the start)."""
    locator.focus()
    locator.press("Control+End")
    locator.press_sequentially(text)


def type_at_once(pages_and_text):
    """Put text into fields of several pages within one moment: each page gets an input event
    before any of them has saved (the saves wait 700 ms for a pause)."""
    for page, selector, text, where in pages_and_text:
        page.evaluate(
            """([selector, text, where]) => {
                const el = document.querySelector(selector);
                el.focus();
                el.value = where === "start" ? text + el.value : el.value + text;
                el.dispatchEvent(new Event("input", {bubbles: true}));
            }""",
            [selector, text, where],
        )


def test_a_viewer_who_typed_nothing_moves_on_without_a_dialog(editor, table):
    measure, (aina, tor, _kari) = table
    tor_page = editor(tor, measure, 3)
    aina_page = editor(aina, measure, 3)
    aina_page.locator("#id_arenas_to_discontinue").press_sequentially("Det gamle rådet.")
    expect(aina_page.locator("#save-status")).to_have_text(SAVED)
    tor_page.locator("#id_way_of_working").click()  # looked, typed nothing
    tor_page.get_by_role("button", name="Neste").click()
    tor_page.wait_for_url("**/rediger/4/")
    expect(tor_page.locator(".overlap")).to_have_count(0)
    assert fresh(measure).arenas_to_discontinue == "Det gamle rådet."
    assert not MeasureChange.objects.filter(measure=measure, by=tor).exists()


@VIEWPORTS
def test_words_appear_in_the_other_open_editor_and_say_who_writes(editor, table, viewport):
    measure, (aina, tor, _kari) = table
    tor_page = editor(tor, measure, 3, viewport)
    aina_page = editor(aina, measure, 3, viewport)
    aina_page.locator("#id_way_of_working").press_sequentially("Månedlige møter per region.")
    expect(tor_page.locator("#id_way_of_working")).to_have_value(
        "Månedlige møter per region.", timeout=5_000
    )
    expect(tor_page.locator("#presence")).to_have_text(
        "Aina skriver i «Hvordan bør det jobbes?»", timeout=15_000
    )
    assert fresh(measure).way_of_working == "Månedlige møter per region."
    assert tor_page.locator("#presence").get_attribute("aria-live") == "polite"
    assert axe_violations(tor_page) == []
    shoot(tor_page, f"coedit-presence-{viewport['width']}")


def test_three_people_type_three_fields_of_one_step_and_press_next_at_once(editor, table):
    measure, people = table
    pages = [editor(person, measure, 3) for person in people]
    fields = ("#id_way_of_working", "#id_arenas_to_develop", "#id_arenas_to_discontinue")
    texts = ("Faste møter.", "Formidlingsmøtet.", "Det gamle rådet.")
    type_at_once([(p, f, t, "end") for p, f, t in zip(pages, fields, texts, strict=True)])
    for page in pages:
        page.evaluate("document.querySelector('.step-nav .btn-primary').click()")
    for page in pages:
        page.wait_for_url("**/rediger/4/")
    saved = fresh(measure)
    assert (saved.way_of_working, saved.arenas_to_develop, saved.arenas_to_discontinue) == texts
    assert set(
        MeasureChange.objects.filter(measure=measure).values_list("by__display_name", flat=True)
    ) == {"Aina", "Tor", "Kari"}


@VIEWPORTS
def test_two_people_add_sentences_to_one_field_at_once(editor, table, viewport):
    measure, (aina, tor, _kari) = table
    Measure.objects.filter(pk=measure.pk).update(description="Elever mangler læreplass.")
    aina_page = editor(aina, measure, 1, viewport)
    tor_page = editor(tor, measure, 1, viewport)
    type_at_once(
        [
            (aina_page, "#id_description", " Vi lager en formidlingsordning.", "end"),
            (tor_page, "#id_description", "Frafallet er høyt. ", "start"),
        ]
    )
    both = "Frafallet er høyt. Elever mangler læreplass. Vi lager en formidlingsordning."
    for page in (aina_page, tor_page):
        expect(page.locator("#id_description")).to_have_value(both, timeout=10_000)
    settled(aina_page)
    settled(tor_page)
    assert fresh(measure).description == both
    expect(tor_page.locator(".overlap")).to_have_count(0)
    assert axe_violations(tor_page) == []
    shoot(tor_page, f"coedit-merged-{viewport['width']}")


@VIEWPORTS
def test_two_leads_at_once_keep_both_rows_and_one_tap_fixes_it(editor, table, viewport):
    measure, (aina, tor, _kari) = table
    aina_page = editor(aina, measure, 2, viewport)
    tor_page = editor(tor, measure, 2, viewport)
    for page, org in ((aina_page, "NAV Buskerud"), (tor_page, "NHO Buskerud")):
        page.locator("#id_actors-0-role_kind").select_option("lead")
        page.locator("#id_actors-0-organisation_name").fill(org)
    for page in (aina_page, tor_page):
        expect(page.locator("#lead-choice")).to_be_visible(timeout=10_000)
        expect(page.locator("#lead-choice")).to_contain_text(
            "Bare én aktør kan være ansvarlig – velg hvem"
        )
    assert MeasureActor.objects.filter(measure=measure, role_kind="lead").count() == 2
    assert axe_violations(tor_page) == []
    shoot(tor_page, f"coedit-two-leads-{viewport['width']}", full_page=True)
    tor_page.get_by_role("button", name="NAV Buskerud er ansvarlig").click()
    for page in (aina_page, tor_page):
        expect(page.locator("#lead-choice")).to_be_hidden(timeout=10_000)
    leads = MeasureActor.objects.filter(measure=measure, role_kind="lead")
    assert [a.organisation.name for a in leads] == ["NAV Buskerud"]
    assert measure.actors.count() == 2


def test_ticks_at_once_keep_both(editor, table):
    measure, (aina, tor, _kari) = table
    aina_page = editor(aina, measure, 0)
    tor_page = editor(tor, measure, 0)
    aina_page.get_by_label("Frafall i videregående").check()
    tor_page.get_by_label("Mangel på læreplasser").check()
    for page in (aina_page, tor_page):
        expect(page.get_by_label("Frafall i videregående")).to_be_checked(timeout=10_000)
        expect(page.get_by_label("Mangel på læreplasser")).to_be_checked(timeout=10_000)
    settled(aina_page)
    settled(tor_page)
    assert {p.title for p in fresh(measure).problem_areas.all()} == {
        "Frafall i videregående",
        "Mangel på læreplasser",
    }
    tor_page.get_by_label("Frafall i videregående").uncheck()
    expect(aina_page.get_by_label("Frafall i videregående")).not_to_be_checked(timeout=10_000)
    assert [p.title for p in fresh(measure).problem_areas.all()] == ["Mangel på læreplasser"]


@VIEWPORTS
def test_one_person_offline_for_a_while_loses_nothing(editor, table, viewport):
    measure, (aina, tor, _kari) = table
    Measure.objects.filter(pk=measure.pk).update(way_of_working="Faste møter.")
    aina_page = editor(aina, measure, 3, viewport)
    tor_page = editor(tor, measure, 3, viewport)
    tor_page.context.set_offline(True)
    append(tor_page.locator("#id_way_of_working"), " Tor skrev dette i tunnelen.")
    tor_page.locator("#id_arenas_to_develop").press_sequentially("Skolebesøk.")
    expect(tor_page.locator("#save-status")).to_have_text(OFFLINE)
    assert axe_violations(tor_page) == []
    shoot(tor_page, f"coedit-offline-{viewport['width']}")
    append(aina_page.locator("#id_way_of_working"), " Aina la til dette.")
    aina_page.locator("#id_arenas_to_discontinue").press_sequentially("Det gamle rådet.")
    expect(aina_page.locator("#save-status")).to_have_text(SAVED)
    assert fresh(measure).arenas_to_develop == ""
    tor_page.context.set_offline(False)
    tor_page.evaluate("window.dispatchEvent(new Event('online'))")
    merged = "Faste møter. Aina la til dette. Tor skrev dette i tunnelen."
    expect(tor_page.locator("#id_way_of_working")).to_have_value(merged, timeout=15_000)
    expect(aina_page.locator("#id_way_of_working")).to_have_value(merged, timeout=15_000)
    expect(tor_page.locator("#id_arenas_to_discontinue")).to_have_value("Det gamle rådet.")
    settled(tor_page)
    saved = fresh(measure)
    assert (saved.way_of_working, saved.arenas_to_develop, saved.arenas_to_discontinue) == (
        merged,
        "Skolebesøk.",
        "Det gamle rådet.",
    )


def test_a_stale_screen_after_35_saves_by_someone_else_merges_and_catches_up(editor, table):
    measure, (aina, tor, _kari) = table
    tor_page = editor(tor, measure, 3)
    tor_page.route("**/endringer/**", lambda route: route.abort())  # this screen hears nothing
    text = ""
    for n in range(35):
        before, text = text, f"{text} ord{n}".strip()
        result = coedit.field_save(
            measure=measure, name="way_of_working", base=before, value=text, op=uuid.uuid4(),
            editor=aina,
        )  # fmt: skip
        assert result.status == "saved"
    tor_page.locator("#id_way_of_working").press_sequentially("Tor først.")
    expect(tor_page.locator("#save-status")).to_have_text(SAVED)
    saved = fresh(measure).way_of_working
    assert saved.count("Tor først.") == 1
    assert re.findall(r"ord\d+", saved) == [f"ord{n}" for n in range(35)], saved
    last = MeasureChange.objects.filter(measure=measure).order_by("-revision").first()
    assert last.by == tor
    expect(tor_page.locator("#id_way_of_working")).to_have_value(saved)
    tor_page.unroute("**/endringer/**")
    coedit.field_save(
        measure=measure, name="arenas_to_develop", base="", value="Skolebesøk.",
        op=uuid.uuid4(), editor=aina,
    )  # fmt: skip
    expect(tor_page.locator("#id_arenas_to_develop")).to_have_value("Skolebesøk.", timeout=10_000)


@VIEWPORTS
def test_the_same_words_changed_at_once_show_both_versions(editor, table, viewport):
    measure, (aina, tor, _kari) = table
    Measure.objects.filter(pk=measure.pk).update(goal="Halvparten får læreplass.")
    aina_page = editor(aina, measure, 4, viewport)
    tor_page = editor(tor, measure, 4, viewport)
    tor_page.route("**/endringer/**", lambda route: route.abort())
    aina_page.locator("#id_goal").fill("Alle får læreplass.")
    expect(aina_page.locator("#save-status")).to_have_text(SAVED)
    tor_page.locator("#id_goal").fill("Åtti prosent får læreplass.")
    overlap = tor_page.locator(".overlap")
    expect(overlap).to_contain_text("Begge versjonene vises")
    expect(tor_page.locator("#id_goal")).to_have_value("Alle får læreplass.")
    expect(tor_page.locator("#mine-goal")).to_have_value("Åtti prosent får læreplass.")
    expect(tor_page.locator("#save-status")).to_have_text("Ikke lagret – se feltet")
    assert fresh(measure).goal == "Alle får læreplass."
    assert axe_violations(tor_page) == []
    shoot(tor_page, f"coedit-overlap-{viewport['width']}", full_page=True)
    tor_page.get_by_role("button", name="Bruk min").click()
    expect(tor_page.locator("#save-status")).to_have_text(SAVED)
    expect(overlap).to_have_count(0)
    assert fresh(measure).goal == "Åtti prosent får læreplass."


@VIEWPORTS
def test_an_end_year_before_the_start_year_says_why_and_is_not_retried(editor, table, viewport):
    measure, (aina, tor, _kari) = table
    tor_page = editor(tor, measure, 6, viewport)
    aina_page = editor(aina, measure, 6, viewport)
    aina_page.locator("#id_start_year").fill("2030")
    expect(aina_page.locator("#save-status")).to_have_text(SAVED)
    saves = []
    tor_page.on("request", lambda r: saves.append(r.url) if "/felt/end_year/" in r.url else None)
    tor_page.locator("#id_end_year").fill("2027")
    feedback = tor_page.locator("#feedback-end_year")
    expect(feedback).to_contain_text("Sluttåret kan ikke være før startåret (2030).")
    expect(tor_page.locator("#save-status")).to_have_text("Ikke lagret – se feltet")
    assert axe_violations(tor_page) == []
    shoot(tor_page, f"coedit-invalid-{viewport['width']}", full_page=True)
    tor_page.wait_for_timeout(4_000)
    assert len(saves) == 1
    assert fresh(measure).end_year is None
    tor_page.locator("#id_end_year").fill("2032")
    expect(tor_page.locator("#save-status")).to_have_text(SAVED)
    assert (fresh(measure).start_year, fresh(measure).end_year) == (2030, 2032)


def test_without_javascript_the_step_form_merges_on_the_server(editor, table, new_page):
    measure, (aina, tor, _kari) = table
    Measure.objects.filter(pk=measure.pk).update(way_of_working="Faste møter.")
    plain = editor(tor, measure, 3, PHONE, java_script_enabled=False)
    live = editor(aina, measure, 3)
    append(live.locator("#id_way_of_working"), " Aina la til dette.")
    expect(live.locator("#save-status")).to_have_text(SAVED)
    field = plain.locator("#id_way_of_working")
    field.fill("Tor først. " + field.input_value())
    plain.locator("#id_arenas_to_develop").fill("Skolebesøk i januar.")
    plain.get_by_role("button", name="Neste").click()
    plain.wait_for_url("**/rediger/4/")
    saved = fresh(measure)
    assert saved.way_of_working == "Tor først. Faste møter. Aina la til dette."
    assert saved.arenas_to_develop == "Skolebesøk i januar."
    assert saved.arenas_to_discontinue == ""
    # The same words changed by both: both versions on the screen, "Bruk min" takes mine.
    plain.goto(plain.url.replace("/rediger/4/", "/rediger/3/"))
    expect(live.locator("#id_arenas_to_develop")).to_have_value("Skolebesøk i januar.")
    live.locator("#id_arenas_to_develop").fill("Skolebesøk i mars.")
    until(live, lambda: fresh(measure).arenas_to_develop == "Skolebesøk i mars.")
    plain.locator("#id_arenas_to_develop").fill("Skolebesøk i april.")
    plain.get_by_role("button", name="Neste").click()
    expect(plain.locator(".overlap")).to_be_visible()
    expect(plain.locator("#id_arenas_to_develop")).to_have_value("Skolebesøk i mars.")
    expect(plain.locator("#mine-arenas_to_develop")).to_have_value("Skolebesøk i april.")
    assert fresh(measure).arenas_to_develop == "Skolebesøk i mars."
    assert axe_violations_without_script(plain, new_page) == []
    plain.get_by_role("button", name="Bruk min").click()
    expect(plain.locator(".overlap")).to_have_count(0)
    assert fresh(measure).arenas_to_develop == "Skolebesøk i april."


# A new row on a busy server: the changes feed may announce one's own new row before the
# answer to its "add" is back (found by the table-of-five test on a loaded machine, where the
# role typed meanwhile was lost).
CREATE = re.compile(r"/rader/[a-z]+/$")  # the "add" of a row; a saved row's URL ends in its id


def test_own_new_row_announced_before_its_answer_keeps_what_was_typed_meanwhile(editor, table):
    measure, (aina, _tor, _kari) = table
    page = editor(aina, measure, 2)
    held = []

    def hold_first_add(route):
        if route.request.method == "POST" and not held:
            held.append((route, route.fetch()))  # the server has saved it; the answer waits
        else:
            route.continue_()

    page.route(CREATE, hold_first_add)
    page.locator("#id_actors-0-organisation_name").fill("NAV Buskerud")
    role = page.locator("#id_actors-0-role_text")
    role.press_sequentially("Følger opp")
    until(page, lambda: held and MeasureActor.objects.filter(measure=measure).exists())
    # The feed (polled every second) announces the row while its answer is held.
    expect(page.locator(".row-card[data-row-id]")).to_have_count(1)
    append(role, " unge i Drammen.")
    route, answer = held[0]
    route.fulfill(response=answer)
    settled(page)

    actor = MeasureActor.objects.get(measure=measure)
    assert actor.organisation.name == "NAV Buskerud"
    assert actor.role_text == "Følger opp unge i Drammen."
    expect(page.locator(".row-card[data-row-id]")).to_have_count(1)
    expect(role).to_have_value("Følger opp unge i Drammen.")
    assert fresh(measure).actors.count() == 1


def test_an_old_row_change_that_comes_late_is_not_merged_again(editor, table):
    """The stream and a heartbeat can both carry one change, and a heartbeat's answer can come
    after the answer to a newer save (found by the table-of-five test on a loaded machine:
    "Rekrutterer Rekrutterer bedrifter."). Here a poll's answer is held while the person
    saves more, then arrives with the row's older versions while they type on."""
    measure, (aina, _tor, _kari) = table
    page = editor(aina, measure, 2)
    page.locator("#id_actors-0-organisation_name").fill("NAV Buskerud")
    role = page.locator("#id_actors-0-role_text")
    role.press_sequentially("Følger opp")
    settled(page)
    until(page, lambda: MeasureActor.objects.filter(role_text="Følger opp").exists())
    held = []

    def hold_one(route):  # all the row's changes, from the start
        if held:
            return route.continue_()
        url = re.sub(r"since=\d+", "since=0", route.request.url)
        headers = {k: v for k, v in route.request.headers.items() if k != "if-none-match"}
        held.append((route, route.fetch(url=url, headers=headers)))

    page.route("**/endringer/**", hold_one)
    until(page, lambda: held)
    append(role, " unge")
    settled(page)
    until(page, lambda: MeasureActor.objects.filter(role_text="Følger opp unge").exists())
    append(role, " i")
    route, answer = held[0]
    route.fulfill(response=answer)  # "", then "Følger opp": older than what the page has
    page.wait_for_timeout(300)  # before the save of " i" (700 ms after the last key)
    assert role.input_value() == "Følger opp unge i"  # was "Følger opp i", based on the old
    role.press_sequentially(" Drammen.")
    settled(page)

    assert MeasureActor.objects.get(measure=measure).role_text == "Følger opp unge i Drammen."
    expect(role).to_have_value("Følger opp unge i Drammen.")


def test_a_stream_the_browser_gives_up_falls_back_to_polling(editor, table, settings):
    """The stream opens, ends, and its reconnect gets a proxy's 502 (a restart): the browser
    closes an EventSource for good then, so the page must poll, and others' words still come."""
    settings.EDITOR_STREAM = True
    measure, (aina, tor, _kari) = table
    asked = []

    def stream(route):
        asked.append(route.request.url)
        if len(asked) > 1:
            return route.fulfill(status=502, body="Bad Gateway")
        event = {"rev": measure.version, "changes": [], "presence": [], "leads": None,
                 "reload": False}  # fmt: skip
        body = f"id: {measure.version}\ndata: {json.dumps(event)}\nretry: 200\n\n"
        return route.fulfill(status=200, headers={"Content-Type": "text/event-stream"}, body=body)

    page = editor(tor, measure, 1)
    polls = []
    plain_poll = re.compile(r"/endringer/\?since=\d+&t=[^&]*$")  # a poll, not a heartbeat
    page.on("request", lambda r: plain_poll.search(r.url) and polls.append(1))
    page.route("**/strom/**", stream)
    page.reload()
    expect(page.locator("#measure-form")).to_have_attribute("data-stream", "")
    until(page, lambda: len(asked) >= 2 and polls)
    coedit.field_save(
        measure=measure, name="description", base="", value="Aina skrev dette.",
        op=uuid.uuid4(), editor=aina,
    )  # fmt: skip
    expect(page.locator("#id_description")).to_have_value("Aina skrev dette.")
