"""Every export is opened and read back, and says what the summary says."""

import csv
import datetime
import io
import json

import pytest
from django.core.management import call_command
from django.urls import reverse
from docx import Document
from openpyxl import load_workbook
from pypdf import PdfReader

from arena.models import Arena, Plan
from measures.exports import (
    csv_export,
    docx_export,
    json_export,
    pdf_export,
    render_export,
    xlsx_export,
)
from measures.exports.cells import measure_header
from measures.exports.options import SCOPES
from measures.models import Measure
from measures.summaries import arena_summary
from participants.models import Organisation
from tests import factories
from tests.measures.lead_world import add_plain_measures, build_summary_arena

pytestmark = pytest.mark.django_db


@pytest.fixture
def world(arena):
    return build_summary_arena(arena)


@pytest.fixture
def summary(arena, world):
    """What the default export shows: submitted and later (m1 agreed, m2 submitted; the two
    drafts m3 and m4 are left out)."""
    return arena_summary(arena, statuses=SCOPES["submitted"])


def read_csv(content):
    assert content.startswith(b"\xef\xbb\xbf"), "UTF-8 BOM, so that Excel shows æøå"
    return list(csv.reader(io.StringIO(content.decode("utf-8-sig")), delimiter=";"))


def test_csv_has_one_line_per_measure_with_one_column_per_question(arena, summary):
    header, *rows = read_csv(render_export(arena, "csv"))
    assert header == measure_header(summary)
    assert [r[1] for r in rows] == [
        "Felles formidling av læreplasser",
        "Språk og arbeid for innvandrere",
    ]
    assert [r[0] for r in rows] == [str(m.pk) for m in summary.measures]
    first = dict(zip(header, rows[0], strict=True))
    for answer in summary.measures[0].answers:
        assert first[f"{answer.number}. {answer.question}"] == answer.text
    assert first["Ansvarlig"] == "Buskerud fylkeskommune"
    assert first["Prikker"] == "3"


def test_xlsx_has_a_sheet_per_subject_with_frozen_header_and_filters(arena, summary, world):
    book = load_workbook(io.BytesIO(render_export(arena, "xlsx")))
    assert book.sheetnames == [
        "Oversikt",
        "Tiltak",
        "Tema og målgrupper",
        "Aktører og roller",
        "Per aktør",
        "Finansiering",
        "Finansiører",
        "Indikatorer",
        "Stemmer",
        "Vi blir med",
        "Kommentarer",
        "Oppfølging",
    ]
    for sheet in book.worksheets:
        assert sheet.freeze_panes == "A2"
        assert sheet.auto_filter.ref == sheet.dimensions
    measures = book["Tiltak"]
    rows = list(measures.iter_rows(min_row=2, values_only=True))
    assert [r[:2] for r in rows] == [(m.pk, m.title) for m in summary.measures]
    header = [c.value for c in measures[1]]
    m1 = dict(zip(header, rows[0], strict=True))
    assert (m1["Kontaktperson"], m1["E-post"]) == ("Kari Fylke", "kari@example.org")
    assert m1["Avklart (kr)"] == 500000
    assert book["Aktører og roller"].max_row - 1 == sum(len(m.actors) for m in summary.measures)
    funding = list(book["Finansiering"].iter_rows(min_row=2))
    assert [c.value for c in funding[0]] == [
        world["m1"].pk,
        "Felles formidling av læreplasser",
        "Buskerud fylkeskommune",
        "Egne midler",
        "Avklart",
        500000,
    ]
    assert funding[0][5].number_format == '#,##0 "kr"'
    assert funding[1][5].value is None, "an amount not given stays empty, not 0"
    due = book["Indikatorer"]["E2"]
    assert due.value == datetime.datetime(2027, 10, 1)
    assert due.number_format == "DD.MM.YYYY"
    ranking = list(book["Stemmer"].iter_rows(min_row=2, values_only=True))
    assert [(r[1], r[2], r[3]) for r in ranking] == [
        ("Språk og arbeid for innvandrere", 1, 5),
        ("Felles formidling av læreplasser", 2, 3),
    ]
    assert book["Vi blir med"]["C2"].value == "Drammen kommune"
    assert book["Kommentarer"]["D2"].value == "Godt forslag – ta med karrieresenteret."
    overview = dict(book["Oversikt"].iter_rows(min_row=2, values_only=True))
    assert overview["Tiltak"] == summary.key_figures.measures == 2
    assert overview["Hull i dekningen"] == summary.key_figures.gaps


def test_xlsx_has_the_measure_id_on_every_sheet_about_measures(arena, summary, world):
    """Sheets join on the id, not on the title; the three sheets about organisations and the
    key figures have a row per organisation or figure instead."""
    book = load_workbook(io.BytesIO(render_export(arena, "xlsx")))
    ids = {m.pk for m in summary.measures}
    per_organisation = {"Oversikt", "Per aktør", "Finansiører"}
    for sheet in book.worksheets:
        if sheet.title in per_organisation:
            continue
        assert [sheet["A1"].value, sheet["B1"].value] == ["ID", "Tiltak"], sheet.title
        values = {row[0] for row in sheet.iter_rows(min_row=2, values_only=True)}
        assert values <= ids, sheet.title
    long = list(book["Tema og målgrupper"].iter_rows(min_row=2, values_only=True))
    m2 = world["m2"].pk
    assert sorted(r[3] for r in long if r[0] == m2 and r[2] == "Målgruppe") == [
        "Innvandrere",
        "Unge voksne",
    ], "one row per measure × target group, not several values in one cell"


def test_xlsx_leaves_out_hidden_comments_and_shows_follow_up(arena, world):
    factories.CommentFactory(
        measure=world["m1"], participant=world["people"][0], text="Moderert bort", hidden=True
    )
    factories.FollowUpUpdateFactory(measure=world["m1"], text="I gang med to skoler")
    book = load_workbook(io.BytesIO(render_export(arena, "xlsx")))
    comments = [r[3] for r in book["Kommentarer"].iter_rows(min_row=2, values_only=True)]
    assert "Moderert bort" not in comments
    assert comments
    follow = list(book["Oppfølging"].iter_rows(min_row=2, values_only=True))
    assert [r[1] for r in follow] == ["Felles formidling av læreplasser"]
    assert follow[0][8] == "I gang med to skoler"


def test_xlsx_merges_financiers_that_are_the_same_organisation(arena, world):
    factories.FundingFactory(
        measure=world["m2"],
        organisation=None,
        source="Kompetanseprogrammet (HK-dir)",
        status="asked",
        amount=300000,
    )
    book = load_workbook(io.BytesIO(render_export(arena, "xlsx")))
    rows = {r[0]: r for r in book["Finansiører"].iter_rows(min_row=2, values_only=True)}
    assert "Kompetanseprogrammet (HK-dir)" not in rows
    assert rows["HK-dir"][1:] == (2, 300000, 0, 0, "Kompetanseprogrammet (HK-dir)")


DANGEROUS = ['=HYPERLINK("http://x")', "+47 1", "-1+1", "@SUM(A1)", "\tTAB", "\rCR"]


@pytest.fixture
def dangerous(arena, world):
    m1 = world["m1"]
    m1.title = DANGEROUS[0]
    m1.description = DANGEROUS[1]
    m1.goal = DANGEROUS[2]
    m1.save()
    m1.actors.filter(role_text="Eier ordningen").update(role_text=DANGEROUS[3])
    m1.comments.update(text=DANGEROUS[4])
    m1.commitments.update(text=DANGEROUS[5])
    return m1


def test_csv_neutralises_every_cell_a_spreadsheet_could_run_as_a_formula(arena, dangerous):
    header, *rows = read_csv(render_export(arena, "csv"))
    row = rows[0]
    assert row[1] == "'" + DANGEROUS[0]
    assert row[header.index("1. Beskriv tiltak/problemstilling")] == "'" + DANGEROUS[1]
    assert row[header.index("4. Hva skal målet/resultatet være?")].startswith("'-1+1")
    for cell in (c for r in rows for c in r):
        assert not cell.startswith(("=", "+", "-", "@", "\t", "\r")), cell


def test_xlsx_neutralises_formulas_in_every_sheet_without_a_visible_apostrophe(arena, dangerous):
    book = load_workbook(io.BytesIO(render_export(arena, "xlsx")))
    risky = []
    for sheet in book.worksheets:
        for row in sheet.iter_rows():
            for cell in row:
                assert cell.data_type != "f", (sheet.title, cell.coordinate, cell.value)
                if isinstance(cell.value, str) and cell.value.startswith(("=", "+", "-", "@")):
                    risky.append(cell)
    for value in DANGEROUS[:4]:
        assert any(c.value.startswith(value) for c in risky), value
    for cell in risky:
        assert cell.data_type == "s", cell.coordinate
        assert cell.quotePrefix, cell.coordinate


def test_docx_report_has_the_six_answers_as_headings_under_each_problem_area(arena, summary):
    document = Document(io.BytesIO(render_export(arena, "docx")))
    headings = [
        (p.style.name, p.text)
        for p in document.paragraphs
        if p.style.name.startswith(("Heading", "Title"))
    ]
    assert ("Title", summary.arena_title) in headings
    assert ("Heading 1", "Sammendrag") in headings
    assert ("Heading 1", "Oversikt over tiltakene") in headings
    for area in summary.areas:
        assert ("Heading 1", area.title) in headings
    measure_headings = [text for style, text in headings if style == "Heading 2"]
    for m in summary.measures:
        assert measure_headings.count(m.title) == 1, "each measure in full exactly once"
    questions = [text for style, text in headings if style == "Heading 3"]
    assert questions.count("1. Beskriv tiltak/problemstilling") == len(summary.measures)
    tables = [[[c.text for c in row.cells] for row in t.rows] for t in document.tables]
    actor_rows = [
        r for t in tables if t[0] == ["Aktør", "Rolle", "Hva aktøren skal gjøre"] for r in t[1:]
    ]
    assert ["Buskerud fylkeskommune", "Ansvarlig/eier", "Eier ordningen"] in actor_rows
    assert len(actor_rows) == sum(len(m.actors) for m in summary.measures)
    funding_rows = [
        r for t in tables if t[0] == ["Finansiør", "Type", "Status", "Beløp"] for r in t[1:]
    ]
    assert ["Buskerud fylkeskommune", "Egne midler", "Avklart", "500\u00a0000\u00a0kr"] in (
        funding_rows
    )
    assert ["HK-dir", "Tilskudd", "Må søkes / er spurt", "beløp ikke oppgitt"] in funding_rows


def test_pdf_report_contains_every_measure_and_the_summary(arena, summary):
    reader = PdfReader(io.BytesIO(render_export(arena, "pdf")))
    text = " ".join(page.extract_text() for page in reader.pages)
    text = " ".join(text.split())
    assert summary.arena_title in text
    assert "Sammendrag" in text
    assert "Rapporten omfatter 2 tiltak. 0 er prioriterte. 1 er vedtatt." in text
    for m in summary.measures:
        assert m.title in text
    for area in summary.areas:
        assert area.title in text
    assert text.count("1. Beskriv tiltak/problemstilling") == len(summary.measures)
    assert "Tom idé" not in text, "drafts are left out by default"


def test_json_holds_the_whole_arena_in_a_versioned_format(arena, summary):
    data = json.loads(render_export(arena, "json"))
    assert (data["format"], data["version"]) == ("tiltaksarena-arena", 1)
    assert data["arena"]["slug"] == arena.slug
    everything = arena_summary(arena)  # JSON is the whole arena, drafts too
    assert [m["title"] for m in data["measures"]] == [m.title for m in everything.measures]
    assert len(data["participants"]) == summary.key_figures.participants
    m1 = data["measures"][0]
    assert [a["role_kind"] for a in m1["actors"]] == ["lead", "partner", "contributor"]
    assert sum(v["dots"] for m in data["measures"] for v in m["votes"]) == (
        everything.key_figures.dots
    )
    assert "resume_token" not in json.dumps(data)


def test_json_round_trip_into_an_empty_database_gives_identical_output(arena, world, tmp_path):
    plan = factories.PlanFactory(title="Regional plan for kunnskapssamfunnet")
    goal = factories.PlanGoalFactory(plan=plan, text="Flere fullfører videregående")
    arena.plans.add(plan)
    world["m1"].plan_goals.add(goal)
    world["m1"].authors.add(world["people"][0])
    factories.ProgramSessionFactory(arena=arena, is_current=True)
    factories.FollowUpUpdateFactory(measure=world["m1"], text="I gang")
    first = tmp_path / "first.json"
    call_command("export_arena", arena.slug, "--format", "json", "--output", str(first))

    Arena.objects.all().delete()
    Organisation.objects.all().delete()
    Plan.objects.all().delete()
    assert not Measure.objects.exists()

    call_command("import_arena", str(first))
    second = tmp_path / "second.json"
    call_command("export_arena", arena.slug, "--format", "json", "--output", str(second))
    assert second.read_bytes() == first.read_bytes()


def test_import_refuses_an_arena_that_already_exists(arena, tmp_path):
    path = tmp_path / "arena.json"
    call_command("export_arena", arena.slug, "--format", "json", "--output", str(path))
    from django.core.management.base import CommandError

    with pytest.raises(CommandError, match="finnes allerede"):
        call_command("import_arena", str(path))


def test_download_name_comes_from_the_slug_and_the_date(persona_client, arena, project_lead):
    client = persona_client("project_lead")
    response = client.get(reverse("measures:summary-export", args=[arena.slug, "docx"]))
    today = datetime.date.today().isoformat()
    assert response["Content-Disposition"] == (
        f'attachment; filename="buskerud-oppsummering-{today}.docx"'
    )


def test_unknown_export_format_is_not_found(persona_client, arena, project_lead):
    client = persona_client("project_lead")
    response = client.get(reverse("measures:summary-export", args=[arena.slug, "exe"]))
    assert response.status_code == 404


# Summary formats (CSV, XLSX, DOCX, PDF): `arena_summary` takes 13 queries whatever the size
# (pinned for 1 and 50 measures in test_summaries), and given the summary a renderer asks the
# database nothing, so an export is 13 queries for any arena without rendering a big one. JSON:
# plans, sessions, problem areas, target groups, groups, their problem areas, participants with
# organisations, measures, actors, their organisations, indicators, fundings, their
# organisations, problem areas, target groups, plan goals, authors, votes, commitments with
# organisations, comments, follow-ups, links and merges = 22 (the arena here has no plans, so
# the plans' goals and the plan goals' plans are not looked up; with plans it is 24, whatever
# the size).
@pytest.mark.parametrize("count", [1, 50])
def test_csv_export_takes_the_summarys_queries_and_no_more_for_1_and_50_measures(
    arena, count, django_assert_num_queries
):
    add_plain_measures(arena, count)
    Measure.objects.filter(arena=arena).update(status=Measure.Status.SUBMITTED)
    with django_assert_num_queries(13):
        content = render_export(arena, "csv")
    assert len(read_csv(content)) == count + 1


@pytest.mark.parametrize("count", [1, 50])
def test_json_export_takes_the_same_number_of_queries_for_1_and_50_measures(
    arena, count, django_assert_num_queries
):
    add_plain_measures(arena, count)
    with django_assert_num_queries(22):
        content = render_export(arena, "json")
    assert len(json.loads(content)["measures"]) == count


@pytest.mark.parametrize("fmt", ["csv", "xlsx", "docx", "pdf"])
def test_summary_renderers_make_no_queries(fmt, summary, django_assert_num_queries):
    """The summary here has every kind of row (actors, fundings, votes, commitments, comments,
    areas), so a renderer that followed a relation would show up as a query."""
    renderer = {
        "csv": csv_export.render,
        "xlsx": xlsx_export.render,
        "docx": docx_export.render,
        "pdf": pdf_export.render,
    }[fmt]
    with django_assert_num_queries(0):
        content = renderer(summary)
    assert content


def test_json_renderer_makes_no_queries(arena, world, django_assert_num_queries):
    backup = json_export.arena_backup(arena)
    with django_assert_num_queries(0):
        content = json_export.render(backup)
    assert json.loads(content)["arena"]["slug"] == arena.slug


# session, user, arena, membership, then the 13 of `arena_summary`.
@pytest.mark.parametrize("count", [1, 50])
def test_summary_page_takes_the_same_number_of_queries_for_1_and_50_measures(
    arena, project_lead, persona_client, count, django_assert_num_queries
):
    add_plain_measures(arena, count)
    client = persona_client("project_lead")
    with django_assert_num_queries(17):
        response = client.get(reverse("measures:summary-detail", args=[arena.slug]))
    assert response.status_code == 200
    assert response.content.count(b"data:image/svg+xml;base64,") >= 7


def test_import_refuses_a_file_that_is_not_an_arena_export(tmp_path):
    from django.core.management.base import CommandError

    path = tmp_path / "other.json"
    path.write_text('{"format": "something-else", "version": 1}', encoding="utf-8")
    with pytest.raises(CommandError, match="ikke en Tiltaksarena-eksport"):
        call_command("import_arena", str(path))
    assert not Arena.objects.exists()
