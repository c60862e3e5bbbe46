"""The case document (DOCX and PDF) and the lead's choices, read back with python-docx and pypdf:
contents, page numbers, repeating header rows, proofing language, drafts, ranking, tags."""

import datetime
import io

import pytest
from django.core.management import call_command
from django.urls import reverse
from django.utils import translation
from docx import Document
from docx.oxml.ns import qn
from pypdf import PdfReader

from measures.exports import render_export
from measures.exports.blocks import date_span
from measures.exports.options import ExportOptions
from measures.models import Measure, Vote
from tests.measures.lead_world import build_summary_arena

pytestmark = pytest.mark.django_db


@pytest.fixture
def world(arena):
    return build_summary_arena(arena)


def docx(arena, **options):
    return Document(io.BytesIO(render_export(arena, "docx", ExportOptions(**options))))


def pdf(arena, **options):
    return PdfReader(io.BytesIO(render_export(arena, "pdf", ExportOptions(**options))))


def text_of(document):
    body = document.element.body
    return " ".join(t.text or "" for t in body.iter(qn("w:t")))


def pdf_text(reader):
    return " ".join(" ".join(page.extract_text() for page in reader.pages).split())


def test_docx_has_a_table_of_contents_page_numbers_and_a_running_header(arena, world):
    document = docx(arena)
    instructions = [i.text.strip() for i in document.element.body.iter(qn("w:instrText"))]
    assert any(i.startswith("TOC ") for i in instructions)
    toc_entries = [p.text for p in document.paragraphs if p.style.name == "toc 1"]
    assert "Sammendrag" in toc_entries, "the contents read before Word updates the field"
    section = document.sections[0]
    footer = [i.text.strip() for i in section.footer._element.iter(qn("w:instrText"))]
    assert footer == ["PAGE", "NUMPAGES"]
    assert "Side" in section.footer.paragraphs[0].text
    assert section.header.paragraphs[0].text == f"{arena.title} – oppsummering"
    assert section.different_first_page_header_footer, "the cover has no header or footer"
    assert document.settings.element.find(qn("w:updateFields")) is not None


def test_docx_tables_have_fixed_widths_and_header_rows_that_repeat(arena, world):
    document = docx(arena)
    assert len(document.tables) >= 8
    for table in document.tables:
        tbl = table._tbl
        assert tbl.tblPr.find(qn("w:tblLayout")).get(qn("w:type")) == "fixed"
        widths = [int(c.get(qn("w:w"))) for c in tbl.tblGrid.iter(qn("w:gridCol"))]
        assert sum(widths) <= round(16.6 * 567) + 5
        first, *rest = tbl.tr_lst
        assert first.trPr.find(qn("w:tblHeader")) is not None
        assert all(r.trPr.find(qn("w:tblHeader")) is None for r in rest)
        assert all(r.trPr.find(qn("w:cantSplit")) is not None for r in tbl.tr_lst)


@pytest.mark.parametrize(
    ("language", "proofing", "heading"),
    [("nb", "nb-NO", "Sammendrag"), ("nn", "nn-NO", "Samandrag"), ("en", "en-GB", "Summary")],
)
def test_docx_proofing_language_and_properties_follow_the_chosen_language(
    arena, world, language, proofing, heading
):
    document = docx(arena, language=language)
    defaults = document.styles.element.find(qn("w:docDefaults"))
    assert defaults.find(f".//{qn('w:lang')}").get(qn("w:val")) == proofing
    assert document.core_properties.language == proofing
    assert ("Heading 1", heading) in [(p.style.name, p.text) for p in document.paragraphs]


def test_report_language_defaults_to_the_arenas_not_the_viewers(arena, world):
    arena.default_language = "nn"
    arena.save()
    with translation.override("en"):
        document = docx(arena)
    assert document.core_properties.language == "nn-NO"
    assert "Samandrag" in text_of(document)


def test_dates_and_plurals_are_localised(arena, world):
    start, end = datetime.date(2027, 2, 10), datetime.date(2027, 2, 11)
    with translation.override("en"):
        assert date_span(start, end) == "10–11 February 2027"
    with translation.override("nb"):
        assert date_span(start, end) == "10.–11. februar 2027"
        assert date_span(start, datetime.date(2027, 3, 1)) == "10. februar–1. mars 2027"
    nn = text_of(docx(arena, language="nn"))
    assert "1 er vedteke." in nn
    Measure.objects.filter(pk=world["m2"].pk).update(status=Measure.Status.AGREED)
    assert "2 er vedtekne." in text_of(docx(arena, language="nn"))
    assert "2 are agreed." in text_of(docx(arena, language="en"))


def test_drafts_are_left_out_by_default_and_can_be_an_appendix(arena, world):
    assert "Tom idé" not in text_of(docx(arena))
    assert "Tom idé" not in pdf_text(pdf(arena))
    appendix = docx(arena, drafts="appendix")
    headings = [(p.style.name, p.text) for p in appendix.paragraphs]
    position = headings.index(("Heading 1", "Vedlegg: utkast"))
    assert ("Heading 2", "Tom idé") in headings[position:]
    assert ("Heading 2", "Tom idé") not in headings[:position]
    assert ("Heading 2", "Tom idé") in [
        (p.style.name, p.text) for p in docx(arena, scope="all").paragraphs
    ]


def test_agreed_scope_leaves_out_submitted_measures(arena, world):
    text = text_of(docx(arena, scope="agreed"))
    assert "Felles formidling av læreplasser" in text
    assert "Språk og arbeid for innvandrere" not in text
    assert "Rapporten omfatter 1 tiltak." in text


def test_ranking_appears_only_when_votes_exist_with_rank_numbers(arena, world):
    with_votes = docx(arena)
    ranking = [t for t in with_votes.tables if t.rows[0].cells[0].text == "Plass"]
    assert [[c.text for c in r.cells] for r in ranking[0].rows[1:]] == [
        ["1", "Språk og arbeid for innvandrere", "5", "0"],
        ["2", "Felles formidling av læreplasser", "3", "1"],
    ]
    Vote.objects.all().delete()
    without = docx(arena)
    assert not [t for t in without.tables if t.rows[0].cells[0].text == "Plass"]
    assert "Det er ikke gjennomført noen prioritering med prikker." in text_of(without)
    assert "Det er ikke gjennomført noen prioritering med prikker." in pdf_text(pdf(arena))


def test_docx_has_charts_as_images_with_alternative_text(arena, world):
    document = docx(arena)
    shapes = document.inline_shapes
    assert len(shapes) >= 5
    for shape in shapes:
        assert shape._inline.docPr.get("descr").startswith("Søylediagram")


def test_one_page_per_measure_breaks_before_each_measure_only(arena, world):
    document = docx(arena, layout="page")
    breaks = {
        p.text
        for p in document.paragraphs
        if p._p.pPr is not None and p._p.pPr.find(qn("w:pageBreakBefore")) is not None
    }
    assert breaks == {"Felles formidling av læreplasser", "Språk og arbeid for innvandrere"}
    assert not [
        p
        for p in docx(arena).paragraphs
        if p._p.pPr is not None and p._p.pPr.find(qn("w:pageBreakBefore")) is not None
    ]


def test_executive_summary_has_the_decision_text_and_money(arena, world):
    document = docx(arena, decision="Fylkestinget slutter seg til tiltakene.\nAndre ledd.")
    paragraphs = [(p.style.name, p.text) for p in document.paragraphs]
    position = paragraphs.index(("Heading 2", "Forslag til vedtak"))
    assert paragraphs[position + 1] == ("Intense Quote", "Fylkestinget slutter seg til tiltakene.")
    assert paragraphs[position + 2] == ("Intense Quote", "Andre ledd.")
    text = text_of(document)
    assert "Søkt eller mulig finansiering: –. Avklart: 500\u00a0000\u00a0kr." in text
    summary_table = document.tables[0]
    assert [c.text for c in summary_table.rows[1].cells][:2] == [
        "Felles formidling av læreplasser",
        "Buskerud fylkeskommune",
    ]


@pytest.mark.parametrize(("language", "lang"), [("nb", "nb-NO"), ("nn", "nn-NO"), ("en", "en-GB")])
def test_pdf_is_tagged_with_the_language_structure_and_bookmarks(arena, world, language, lang):
    reader = pdf(arena, language=language)
    root = reader.trailer["/Root"]
    assert root["/Lang"] == lang
    assert bool(root["/MarkInfo"]["/Marked"])
    assert "/StructTreeRoot" in root
    assert reader.metadata.title == arena.title
    assert reader.xmp_metadata.dc_language == [lang]
    titles = [o.title for o in reader.outline if not isinstance(o, list)]
    assert {"Sammendrag", "Samandrag", "Summary"} & set(titles)
    assert any(area.title in titles for area in arena.problem_areas.all())
    # Page numbers on every page but the cover.
    footers = [page.extract_text().split()[-1] for page in reader.pages[1:]]
    assert footers == [str(len(reader.pages))] * (len(reader.pages) - 1)


def test_typst_markup_in_user_text_is_printed_as_text(arena, world):
    m1 = world["m1"]
    m1.title = '#panic("boom") *fet* $x$ @ref <lbl> ] ['
    m1.description = "= Ikke en overskrift\n- ikke en liste"
    m1.save()
    text = pdf_text(pdf(arena))
    assert '#panic("boom") *fet* $x$ @ref <lbl> ] [' in text
    assert "= Ikke en overskrift" in text


def test_summary_page_choices_reach_the_export(persona_client, arena, world, project_lead):
    client = persona_client("project_lead")
    page = client.get(reverse("measures:summary-detail", args=[arena.slug]))
    assert b'name="omfang"' in page.content
    assert b'name="vedtak"' in page.content
    url = reverse("measures:summary-export", args=[arena.slug, "docx"])
    response = client.get(url, {"omfang": "all", "sprak": "en", "vedtak": "Agreed."})
    today = datetime.date.today().isoformat()
    assert (
        response["Content-Disposition"] == f'attachment; filename="buskerud-summary-{today}.docx"'
    )
    document = Document(io.BytesIO(response.content))
    assert document.core_properties.language == "en-GB"
    assert "Tom idé" in text_of(document)
    assert "Agreed." in text_of(document)
    invalid = client.get(url, {"omfang": "everything", "sprak": "xx"})
    assert Document(io.BytesIO(invalid.content)).core_properties.language == "nb-NO"


def test_export_arena_takes_the_same_choices(arena, world, tmp_path):
    path = tmp_path / "rapport.docx"
    call_command(
        "export_arena",
        arena.slug,
        "--format",
        "docx",
        "--output",
        str(path),
        "--language",
        "nn",
        "--statuses",
        "all",
        "--layout",
        "page",
    )
    document = Document(str(path))
    assert document.core_properties.language == "nn-NO"
    assert "Tom idé" in text_of(document)


def _structure_elements(node):
    """Every structure element under `node` of a PDF's structure tree, depth first."""
    node = node.get_object()
    if isinstance(node, list):
        for child in node:
            yield from _structure_elements(child)
    elif hasattr(node, "get") and "/S" in node:
        yield node
        if "/K" in node:
            yield from _structure_elements(node["/K"])
    elif hasattr(node, "get") and "/K" in node:
        yield from _structure_elements(node["/K"])


def test_every_chart_in_the_pdf_is_a_figure_with_alt_text(arena, world):
    # veraPDF (verapdf.org) is on neither PyPI nor Debian; this is the part of its PDF/UA
    # check that matters most for the charts.
    reader = pdf(arena)
    elements = list(_structure_elements(reader.trailer["/Root"]["/StructTreeRoot"]))
    figures = [e for e in elements if e["/S"] == "/Figure"]
    assert figures, "the report has charts"
    assert all(str(e.get("/Alt", "")).strip() for e in figures)


def test_an_area_emptied_by_the_status_filter_says_so_in_one_line(arena, world):
    # Only "Felles formidling av læreplasser" (Fullføring i videregående) is agreed.
    paragraphs = [(p.style.name, p.text) for p in docx(arena, scope="agreed").paragraphs]
    position = paragraphs.index(("Heading 1", "Grunnleggende ferdigheter"))
    assert paragraphs[position + 1][1] == "Ingen tiltak under denne problemstillingen."
    text = pdf_text(pdf(arena, scope="agreed"))
    assert "Grunnleggende ferdigheter Ingen tiltak under denne problemstillingen." in text
